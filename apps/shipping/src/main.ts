import 'reflect-metadata';
import { loadConfigOrExit } from '@bazaar/config';
import { exitOnShutdownSignals } from '@bazaar/grpc';
import { createLogger } from '@bazaar/observability';
import { shippingConfigSchema } from './config.js';
import { startShippingService } from './shipping-service.js';

const config = loadConfigOrExit('shipping', shippingConfigSchema);
const logger = createLogger({ service: 'shipping', level: config.LOG_LEVEL });
const service = await startShippingService(config, logger);
exitOnShutdownSignals(service.shutdown, logger);
