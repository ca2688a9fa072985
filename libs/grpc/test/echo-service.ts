import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * A grpc-js service definition with a JSON codec — the same shape ts-proto
 * generates — so platform tests need no generated contracts.
 */
const json = {
  serialize: (value: unknown) => Buffer.from(JSON.stringify(value)),
  deserialize: (bytes: Buffer) => JSON.parse(bytes.toString()) as { text: string },
};

const method = (name: string) => ({
  path: `/test.echo.v1.EchoService/${name}`,
  requestStream: false as const,
  responseStream: false as const,
  requestSerialize: json.serialize,
  requestDeserialize: json.deserialize,
  responseSerialize: (value: { text: string }) => json.serialize(value),
  responseDeserialize: json.deserialize,
});

export const EchoServiceDefinition = { echo: method('Echo'), shout: method('Shout') };

export const echoProtos = {
  files: ['test/echo/v1/echo.proto'],
  includeDirs: [path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures')],
};
