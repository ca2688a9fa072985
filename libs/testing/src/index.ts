export { freePort } from './free-port.js';
export { waitFor, type WaitForOptions } from './wait-for.js';
export { waitForHttp } from './wait-for-http.js';
export { createTestDatabase, type TestDatabase, type TestDatabaseOptions } from './test-database.js';
export { startNodeProcess, type ChildService, type StartNodeProcessOptions } from './node-process.js';
export { waitForGrpcServing } from './grpc-health.js';
export { expectGrpcRejection } from './grpc-rejection.js';
