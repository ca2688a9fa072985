import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** k8s/dashboards: Grafana dashboards as JSON, edited in Grafana and exported, or by hand. */
/** Folder inside the bazaar-platform chart the dashboards are copied to. */
export const DASHBOARDS_IN_CHART = 'dashboards';

export const DASHBOARDS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dashboards');

/** Every dashboard file by name, verbatim; throws on a file that is not JSON. */
export function dashboardFiles(dir = DASHBOARDS_DIR): Record<string, string> {
  const names = readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort();
  return Object.fromEntries(
    names.map((name) => {
      const text = readFileSync(path.join(dir, name), 'utf8');
      try {
        JSON.parse(text);
      } catch (error) {
        throw new Error(`${path.join(dir, name)} is not valid JSON: ${(error as Error).message}`, { cause: error });
      }
      return [name, text];
    }),
  );
}
