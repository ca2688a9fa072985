export { buildCharts, synthCharts, serviceChart, umbrellaChart, platformChart, PLATFORM_IMAGES } from './charts.js';
export { ServiceWorkload } from './workload/service-workload.js';
export { workloadSpec, addressVar, type WorkloadSpec } from './workload/spec.js';
export { KafkaPlatform, topicsScript } from './platform/kafka.js';
export { PostgresPlatform, initScript } from './platform/postgres.js';
export { RedisPlatform } from './platform/redis.js';
export { writeHelmChart, toTemplate, type HelmChartSource } from './helm/writer.js';
export { APP_UID } from './workload/security.js';
export { dockerfile, entryCommand, NODE_IMAGE } from './image/dockerfile.js';
