export { z } from 'zod';
export { ConfigError, loadConfig, loadConfigOrExit, type ConfigIssue } from './load-config.js';
export { databaseVars, envVars, serviceRuntimeVars } from './env-vars.js';
