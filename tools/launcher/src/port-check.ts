import { createServer } from 'node:net';

/**
 * Ports something else already listens on. Checked before a service starts so
 * a leftover process (say, an earlier `npm start`) is reported as such instead
 * of answering the readiness probe in the new service's place.
 */
export async function busyPorts(ports: readonly number[]): Promise<number[]> {
  const busy: number[] = [];
  for (const port of ports) if (!(await canListen(port))) busy.push(port);
  return busy;
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    // No host: the unspecified address, where services listen too.
    server.listen({ port, exclusive: true }, () => server.close(() => resolve(true)));
  });
}
