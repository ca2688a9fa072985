import 'reflect-metadata';
import { loadConfigOrExit } from '@bazaar/config';
import { exitOnShutdownSignals } from '@bazaar/grpc';
import { createLogger } from '@bazaar/observability';
import { ordersConfigSchema } from './config.js';
import { startOrdersService } from './orders-service.js';

const config = loadConfigOrExit('orders', ordersConfigSchema);
const logger = createLogger({ service: 'orders', level: config.LOG_LEVEL });
const service = await startOrdersService(config, logger);
exitOnShutdownSignals(service.shutdown, logger);
