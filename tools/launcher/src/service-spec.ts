import type { ServiceEntry } from '@bazaar/service-catalog';

/**
 * What the launcher needs to know about a service. A catalog `ServiceEntry`
 * fits as is; tests build their own with any name and free ports.
 */
export interface ServiceSpec {
  name: string;
  /** Workspace folder of the app, relative to the repository root. */
  path: string;
  ports: ServiceEntry['ports'];
  readiness: ServiceEntry['readiness'];
  embeddedEnv: ServiceEntry['embeddedEnv'];
  /** Services this one calls; only used to warn when `--only` leaves one out. */
  calls?: readonly string[];
}
