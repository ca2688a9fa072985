import { Writable } from 'node:stream';
import { describe, expect, it } from '@jest/globals';
import { createLogger } from './logger.js';
import { NestLogger } from './nest-logger.js';

function setup(level = 'trace') {
  const records: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) records.push(JSON.parse(line));
      done();
    },
  });
  const nest = new NestLogger(createLogger({ service: 'gateway', level, destination }));
  return { nest, records };
}

describe('NestLogger', () => {
  it('maps Nest levels and treats a trailing string as the context', () => {
    const { nest, records } = setup();
    nest.log('Nest application successfully started', 'NestApplication');
    nest.warn('slow', { ms: 1200 }, 'CatalogService');
    nest.verbose('details');
    expect(records).toMatchObject([
      { level: 'info', msg: 'Nest application successfully started', context: 'NestApplication', service: 'gateway' },
      { level: 'warn', msg: 'slow', ms: 1200, context: 'CatalogService' },
      { level: 'trace', msg: 'details' },
    ]);
  });

  it('keeps the stack of errors, whether passed as a string or an Error', () => {
    const { nest, records } = setup();
    const error = new Error('boom');
    nest.error('Unhandled', error.stack, 'ExceptionsHandler');
    nest.error(error, 'ExceptionsHandler');
    expect(records[0]).toMatchObject({ level: 'error', msg: 'Unhandled', context: 'ExceptionsHandler' });
    expect(records[0]?.['stack']).toContain('Error: boom');
    expect(records[1]).toMatchObject({ level: 'error', msg: 'boom', context: 'ExceptionsHandler', err: { message: 'boom' } });
  });

  it('follows setLogLevels', () => {
    const { nest, records } = setup();
    nest.setLogLevels(['error', 'warn']);
    nest.log('dropped');
    nest.warn('kept');
    expect(records.map((r) => r['msg'])).toEqual(['kept']);
  });
});
