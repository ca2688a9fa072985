import { describe, expect, it } from '@jest/globals';
import { exitCodeOf } from './exit-code.js';

describe('exitCodeOf', () => {
  it('passes exit codes through and maps signals to 128 + number', () => {
    expect(exitCodeOf(0, null)).toBe(0);
    expect(exitCodeOf(3, null)).toBe(3);
    expect(exitCodeOf(null, 'SIGINT')).toBe(130);
    expect(exitCodeOf(null, 'SIGTERM')).toBe(143);
  });
});
