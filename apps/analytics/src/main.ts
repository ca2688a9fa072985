import 'reflect-metadata';
import { loadConfigOrExit } from '@bazaar/config';
import { exitOnShutdownSignals } from '@bazaar/grpc';
import { createLogger } from '@bazaar/observability';
import { startAnalyticsService } from './analytics-service.js';
import { analyticsConfigSchema } from './config.js';

const config = loadConfigOrExit('analytics', analyticsConfigSchema);
const logger = createLogger({ service: 'analytics', level: config.LOG_LEVEL });
const service = await startAnalyticsService(config, logger);
exitOnShutdownSignals(service.shutdown, logger);
