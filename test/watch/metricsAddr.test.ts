// --metrics-addr as the command line reads it (src/watch/metricsAddr.ts).
import { describe, expect, it } from 'vitest';
import { parseMetricsAddr } from '../../src/watch/metricsAddr.js';

describe('parseMetricsAddr', () => {
  it.each([
    ['127.0.0.1:9464', { host: '127.0.0.1', port: 9464 }],
    ['[::1]:9464', { host: '::1', port: 9464 }],
    [':9464', { host: undefined, port: 9464 }],
    ['localhost:0', { host: 'localhost', port: 0 }],
    ['0.0.0.0:65535', { host: '0.0.0.0', port: 65535 }],
  ])('%s', (addr, want) => {
    expect(parseMetricsAddr(addr)).toEqual(want);
  });

  it.each([
    ['nonsense', 'expected HOST:PORT'],
    ['9464', 'expected HOST:PORT'],
    ['127.0.0.1:', 'expected HOST:PORT'],
    ['::1:9464', 'expected HOST:PORT'], // an IPv6 host needs brackets
    ['127.0.0.1:http', 'expected HOST:PORT'],
    ['127.0.0.1:-1', 'expected HOST:PORT'],
    ['127.0.0.1:123456', 'expected HOST:PORT'],
    ['127.0.0.1:65536', 'port 65536 is above 65535'],
  ])('%s is refused: %s', (addr, why) => {
    const r = parseMetricsAddr(addr);
    expect(typeof r).toBe('string');
    expect(r).toContain(`--metrics-addr ${addr}: ${why}`);
  });
});
