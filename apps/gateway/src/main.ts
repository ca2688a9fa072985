import 'reflect-metadata';
import { loadConfigOrExit } from '@bazaar/config';
import { exitOnShutdownSignals } from '@bazaar/grpc';
import { createLogger } from '@bazaar/observability';
import { gatewayConfigSchema } from './config.js';
import { startGateway } from './gateway-app.js';

const config = loadConfigOrExit('gateway', gatewayConfigSchema);
const logger = createLogger({ service: 'gateway', level: config.LOG_LEVEL });
const gateway = await startGateway(config, logger);
exitOnShutdownSignals(gateway.shutdown, logger);
