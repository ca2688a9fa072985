import type { Scenario } from '../scenario.js';
import { grpcUnaryScenario } from './grpc-unary.js';

/** Every benchmark `npm run bench` runs, in this order. */
export const scenarios: Scenario[] = [grpcUnaryScenario];
