import { describe, expect, it } from '@jest/globals';
import { once } from 'node:events';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { createRedisClient } from '../src/cart/redis-cart-store.js';

/** The first bytes a client sends to a plain TCP listener: a TLS ClientHello or a RESP command. */
async function firstBytes(scheme: 'redis' | 'rediss'): Promise<Buffer> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const received = new Promise<Buffer>((resolve) =>
    server.on('connection', (socket: Socket) => socket.once('data', (data: Buffer) => resolve(data))),
  );
  const client = createRedisClient(`${scheme}://127.0.0.1:${(server.address() as AddressInfo).port}`);
  client.on('error', () => undefined);
  const connecting = client.connect().catch(() => undefined);
  try {
    return await received;
  } finally {
    client.destroy();
    await connecting;
    server.close();
  }
}

describe('redis connection security', () => {
  it('speaks TLS for rediss:// (ElastiCache in-transit encryption) and plain RESP for redis://', async () => {
    const tls = await firstBytes('rediss');
    expect(tls[0]).toBe(0x16); // TLS handshake record
    expect(tls[5]).toBe(0x01); // ClientHello
    const plain = await firstBytes('redis');
    expect(plain.toString('latin1')).toMatch(/^\*\d+\r\n/);
  });
});
