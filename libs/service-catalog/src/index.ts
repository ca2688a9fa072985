export { addressVariable, services, serviceByName, type ServiceEntry, type ServiceName, type ServicePort, type KubernetesSpec } from './services.js';
export { serviceNodeFlags } from './node-flags.js';
