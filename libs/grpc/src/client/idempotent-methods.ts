import { existsSync } from 'node:fs';
import path from 'node:path';
import protobuf from 'protobufjs';

/**
 * Full method paths (`/pkg.Service/Method`) whose proto declares
 * `option idempotency_level = NO_SIDE_EFFECTS` or `IDEMPOTENT`: the only
 * methods a client may retry. Read from the contract, not from a hand list.
 */
export function loadIdempotentMethods(files: string[], includeDirs: string[]): Set<string> {
  const root = new protobuf.Root();
  root.resolvePath = (_origin, target) => {
    if (path.isAbsolute(target)) return target;
    for (const dir of includeDirs) {
      const candidate = path.join(dir, target);
      if (existsSync(candidate)) return candidate;
    }
    return target;
  };
  root.loadSync(files, { keepCase: true });
  const result = new Set<string>();
  const visit = (ns: protobuf.NamespaceBase) => {
    for (const nested of ns.nestedArray) {
      if (nested instanceof protobuf.Service) {
        for (const method of nested.methodsArray) {
          const level = method.options?.['idempotency_level'];
          if (level === 'NO_SIDE_EFFECTS' || level === 'IDEMPOTENT') {
            result.add(`/${nested.fullName.slice(1)}/${method.name}`);
          }
        }
      } else if (nested instanceof protobuf.Namespace) {
        visit(nested);
      }
    }
  };
  visit(root);
  return result;
}

