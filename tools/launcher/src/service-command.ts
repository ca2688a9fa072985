import { join } from 'node:path';
import { serviceNodeFlags } from '@bazaar/service-catalog';
import type { ServiceSpec } from './service-spec.js';

/** How to run one service: what `spawn` needs. */
export interface ServiceCommand {
  command: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
}

export interface CommandContext {
  repoRoot: string;
  /** The user's environment (process.env). */
  baseEnv: NodeJS.ProcessEnv;
  /** Node binary; the launcher's own by default so services run on the same Node. */
  execPath?: string;
  /** Modules loaded with `--import` before the entry script. */
  preloads?: readonly string[];
  /** Entry script; `<path>/dist/main.js` under the repository root by default. */
  entryScript?: (spec: ServiceSpec) => string;
}

export const DEFAULT_PRELOADS = ['@bazaar/observability/register'] as const;

export function defaultEntryScript(repoRoot: string, spec: ServiceSpec): string {
  return join(repoRoot, spec.path, 'dist', 'main.js');
}

/**
 * The command for one service. Environment precedence, lowest first:
 * embedded-mode defaults < the user's environment < the catalog's ports and
 * OTEL_SERVICE_NAME. Ports are not overridable: names such as HTTP_PORT are
 * shared by several services, and the launcher probes readiness on the
 * catalog's port.
 */
export function buildServiceCommand(spec: ServiceSpec, context: CommandContext): ServiceCommand {
  const preloads = context.preloads ?? DEFAULT_PRELOADS;
  const entry = context.entryScript?.(spec) ?? defaultEntryScript(context.repoRoot, spec);
  return {
    command: context.execPath ?? process.execPath,
    args: [...serviceNodeFlags, ...preloads.flatMap((m) => ['--import', m]), entry],
    cwd: context.repoRoot,
    env: serviceEnv(spec, context.baseEnv),
  };
}

export function serviceEnv(spec: ServiceSpec, baseEnv: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const ports = Object.fromEntries(spec.ports.map((p) => [p.env, String(p.port)]));
  return { ...spec.embeddedEnv, ...baseEnv, ...ports, OTEL_SERVICE_NAME: spec.name };
}
