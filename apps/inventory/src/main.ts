import 'reflect-metadata';
import { loadConfigOrExit } from '@bazaar/config';
import { exitOnShutdownSignals } from '@bazaar/grpc';
import { createLogger } from '@bazaar/observability';
import { inventoryConfigSchema } from './config.js';
import { startInventoryService } from './inventory-service.js';

const config = loadConfigOrExit('inventory', inventoryConfigSchema);
const logger = createLogger({ service: 'inventory', level: config.LOG_LEVEL });
const service = await startInventoryService(config, logger);
exitOnShutdownSignals(service.shutdown, logger);
