import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface ContractProtos {
  files: string[];
  includeDirs: string[];
}

/**
 * The .proto sources behind the generated code, for what needs descriptors
 * at run time: server reflection and the idempotency options read by clients.
 */
export const contractProtos: ContractProtos = {
  files: [
    'bazaar/cart/v1/cart.proto',
    'bazaar/catalog/v1/catalog.proto',
    'bazaar/inventory/v1/inventory.proto',
    'bazaar/orders/v1/orders.proto',
    'bazaar/shipping/v1/shipping.proto',
  ],
  includeDirs: [path.join(root, 'proto'), path.join(root, 'third_party')],
};
