export { z } from 'zod';
export { ConfigError, loadConfig, loadConfigOrExit, type ConfigIssue } from './load-config.js';
export { envVars, serviceRuntimeVars } from './env-vars.js';
