export { services, serviceByName, type ServiceEntry, type ServiceName, type ServicePort } from './services.js';
