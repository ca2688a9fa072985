import 'reflect-metadata';
import { loadConfigOrExit } from '@bazaar/config';
import { exitOnShutdownSignals } from '@bazaar/grpc';
import { createLogger } from '@bazaar/observability';
import { startCatalogService } from './catalog-service.js';
import { catalogConfigSchema } from './config.js';

const config = loadConfigOrExit('catalog', catalogConfigSchema);
const logger = createLogger({ service: 'catalog', level: config.LOG_LEVEL });
const service = await startCatalogService(config, logger);
exitOnShutdownSignals(service.shutdown, logger);
