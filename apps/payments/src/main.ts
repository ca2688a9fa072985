import 'reflect-metadata';
import { loadConfigOrExit } from '@bazaar/config';
import { exitOnShutdownSignals } from '@bazaar/grpc';
import { createLogger } from '@bazaar/observability';
import { paymentsConfigSchema } from './config.js';
import { startPaymentsService } from './payments-service.js';

const config = loadConfigOrExit('payments', paymentsConfigSchema);
const logger = createLogger({ service: 'payments', level: config.LOG_LEVEL });
const service = await startPaymentsService(config, logger);
exitOnShutdownSignals(service.shutdown, logger);
