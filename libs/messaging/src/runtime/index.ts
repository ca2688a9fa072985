export { messagingConfig, messagingConfigSchema, type MessagingConfig } from './messaging-config.js';
export { startMessaging, type ConsumeOptions, type MessagingRuntime, type MessagingRuntimeOptions } from './start-messaging.js';
