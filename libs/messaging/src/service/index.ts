export * from './start-event-driven-service.js';
