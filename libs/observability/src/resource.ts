import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Attributes } from '@opentelemetry/api';
import { ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION } from '@opentelemetry/semantic-conventions';
import type { TelemetryConfig } from './telemetry-config.js';

/** Resource attributes identifying this process: service, version and (on Kubernetes) pod. */
export function serviceResourceAttributes(config: TelemetryConfig, env = process.env): Attributes {
  const attributes: Attributes = {};
  if (config.OTEL_SERVICE_NAME) attributes[ATTR_SERVICE_NAME] = config.OTEL_SERVICE_NAME;
  const version = config.SERVICE_VERSION ?? env['npm_package_version'] ?? packageVersionOf(process.argv[1]);
  if (version) attributes[ATTR_SERVICE_VERSION] = version;
  // k8s.* names are still "incubating" semconv, so they are spelled out rather than imported.
  if (config.K8S_POD_NAME) attributes['k8s.pod.name'] = config.K8S_POD_NAME;
  if (config.K8S_NAMESPACE) attributes['k8s.namespace.name'] = config.K8S_NAMESPACE;
  if (config.K8S_NODE_NAME) attributes['k8s.node.name'] = config.K8S_NODE_NAME;
  return attributes;
}

/** The version in the package.json nearest above the entry script, if any. */
function packageVersionOf(entryScript: string | undefined): string | undefined {
  if (!entryScript) return undefined;
  let dir = dirname(entryScript);
  for (let depth = 0; depth < 6; depth++) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version?: unknown };
      return typeof pkg.version === 'string' ? pkg.version : undefined;
    } catch {
      const parent = dirname(dir);
      if (parent === dir) return undefined;
      dir = parent;
    }
  }
  return undefined;
}
