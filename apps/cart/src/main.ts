import 'reflect-metadata';
import { loadConfigOrExit } from '@bazaar/config';
import { exitOnShutdownSignals } from '@bazaar/grpc';
import { createLogger } from '@bazaar/observability';
import { startCartService } from './cart-service.js';
import { cartConfigSchema } from './config.js';

const config = loadConfigOrExit('cart', cartConfigSchema);
const logger = createLogger({ service: 'cart', level: config.LOG_LEVEL });
const service = await startCartService(config, logger);
exitOnShutdownSignals(service.shutdown, logger);
