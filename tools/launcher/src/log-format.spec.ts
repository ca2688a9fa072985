import { describe, expect, it } from '@jest/globals';
import { compactLogLine, prefixLine } from './log-format.js';

const at = new Date(2026, 0, 2, 3, 4, 5, 67); // local time, as the launcher prints it

describe('compactLogLine', () => {
  it('keeps time, level, message and a short trace id', () => {
    const line = JSON.stringify({
      level: 'info',
      time: at.toISOString(),
      service: 'catalog',
      msg: 'GET /products 200',
      trace_id: '4bf92f3577b34da6a3ce929d0e0e4736',
      span_id: '00f067aa0ba902b7',
      pid: 42,
    });
    expect(compactLogLine(line)).toBe('03:04:05.067 INFO  GET /products 200 trace=4bf92f35');
  });

  it('understands pino defaults: numeric level and epoch time', () => {
    expect(compactLogLine(JSON.stringify({ level: 50, time: at.getTime(), msg: 'query failed' }))).toBe('03:04:05.067 ERROR query failed');
  });

  it('adds the error type and message', () => {
    const line = JSON.stringify({ level: 'error', time: at.toISOString(), msg: 'request failed', err: { type: 'TypeError', message: 'x is undefined', stack: '…' } });
    expect(compactLogLine(line)).toBe('03:04:05.067 ERROR request failed (TypeError: x is undefined)');
  });

  it('passes other lines through unchanged', () => {
    expect(compactLogLine('    at main (file:///app/dist/main.js:3:9)')).toBe('    at main (file:///app/dist/main.js:3:9)');
    expect(compactLogLine('{ not json')).toBe('{ not json');
    expect(compactLogLine('{"some":"object"}')).toBe('{"some":"object"}');
    expect(compactLogLine('windows line\r')).toBe('windows line');
  });

  it('colours the level only when asked', () => {
    const line = JSON.stringify({ level: 'warn', msg: 'slow' });
    expect(compactLogLine(line)).toBe('WARN  slow');
    expect(compactLogLine(line, { color: true })).toBe('\u001b[33mWARN \u001b[39m slow');
  });
});

describe('prefixLine', () => {
  it('pads the service name so columns line up', () => {
    expect(prefixLine('catalog', 7, 'x')).toBe('catalog | x');
    expect(prefixLine('cart', 7, 'x')).toBe('cart    | x');
  });
});
