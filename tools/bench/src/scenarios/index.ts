import type { Scenario } from '../scenario.js';
import { grpcUnaryScenario } from './grpc-unary.js';
import { kafkaProduceScenario } from './kafka-produce.js';
import { outboxRelayScenario } from './outbox-relay.js';

/** Every benchmark `npm run bench` runs, in this order. */
export const scenarios: Scenario[] = [grpcUnaryScenario, kafkaProduceScenario, outboxRelayScenario];
