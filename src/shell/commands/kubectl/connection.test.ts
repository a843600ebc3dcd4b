import { describe, it, expect } from 'vitest';
import { ConnectionError, connectionSummary, discoveryLineCount, memcacheLine } from './connection';

// Lines as kubectl v1.32.4 printed them against a closed port (timestamps and pid aside).
describe('connection failures', () => {
  const at = Date.UTC(2024, 10, 22, 14, 34, 57, 48);

  it('prints memcache.go lines with klog headers', () => {
    expect(memcacheLine(new ConnectionError('refused', 'http://127.0.0.1:8080'), at, 22070)).toBe(
      'E1122 14:34:57.048136   22070 memcache.go:265] "Unhandled Error" err="couldn\'t get current server API group list: Get \\"http://127.0.0.1:8080/api?timeout=32s\\": dial tcp 127.0.0.1:8080: connect: connection refused"\n',
    );
  });

  it('resolves localhost in the dial error but not in the summary', () => {
    const e = new ConnectionError('refused', 'http://localhost:8080');
    expect(memcacheLine(e, at, 1)).toContain('Get \\"http://localhost:8080/api?timeout=32s\\": dial tcp 127.0.0.1:8080: connect: connection refused');
    expect(connectionSummary(e)).toBe('The connection to the server localhost:8080 was refused - did you specify the right host or port?\n');
  });

  it('summarises timeouts and 401s', () => {
    expect(connectionSummary(new ConnectionError('timeout', 'https://1.2.3.4:6443'))).toBe('Unable to connect to the server: dial tcp 1.2.3.4:6443: i/o timeout\n');
    expect(connectionSummary(new ConnectionError('unauthorized', 'https://10.0.0.11:6443'))).toBe(
      'error: You must be logged in to the server (the server has asked for the client to provide credentials)\n',
    );
  });

  it('knows how many discovery lines each command prints', () => {
    expect([discoveryLineCount('get', ['pods']), discoveryLineCount('explain', []), discoveryLineCount('logs', []), discoveryLineCount('version', []), discoveryLineCount('create', ['namespace', 'x'])]).toEqual([5, 2, 4, 0, 0]);
  });
});
