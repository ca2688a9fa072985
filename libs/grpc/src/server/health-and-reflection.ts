import type { Server } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { ReflectionService } from '@grpc/reflection';
import { HealthImplementation, protoPath as healthProtoPath, type ServingStatus } from 'grpc-health-check';

export interface ProtoSources {
  /** Proto files (relative to includeDirs) that define the served services. */
  files: string[];
  includeDirs: string[];
}

/**
 * grpc.health.v1.Health for the whole server ("") and each service, plus
 * server reflection so grpcurl/Postman can discover the API.
 */
export class HealthAndReflection {
  private readonly health: HealthImplementation;

  constructor(
    private readonly serviceNames: string[],
    private readonly protos: ProtoSources,
  ) {
    this.health = new HealthImplementation(this.statusMap('NOT_SERVING'));
  }

  addTo(server: Server): void {
    this.health.addToServer(server);
    const definitions = loadSync([...this.protos.files, healthProtoPath], {
      includeDirs: this.protos.includeDirs,
      keepCase: true,
    });
    // Only what this server serves, though the descriptors cover every contract.
    new ReflectionService(definitions, { services: [...this.serviceNames, 'grpc.health.v1.Health'] }).addToServer(server);
  }

  setServing(serving: boolean): void {
    for (const [name, state] of Object.entries(this.statusMap(serving ? 'SERVING' : 'NOT_SERVING'))) {
      this.health.setStatus(name, state);
    }
  }

  private statusMap(state: ServingStatus): Record<string, ServingStatus> {
    return Object.fromEntries(['', ...this.serviceNames].map((name) => [name, state]));
  }
}
