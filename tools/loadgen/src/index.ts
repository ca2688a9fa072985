export { runLoad, type LoadOptions } from './load.js';
export { formatRoutes, formatSummary } from './report.js';
export { LoadStats, type RequestOutcome, type RouteSummary, type SagaSummary } from './stats.js';
export { mintedTokens, tokensFromFile } from './tokens.js';
