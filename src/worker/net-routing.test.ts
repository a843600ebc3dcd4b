import { describe, it, expect } from 'vitest';
import type { NodeNetView } from '../engine';
import { inCidr, routedView } from './net-routing';

function fakeView(name: string, calls: string[]): NodeNetView {
  return {
    nodeName: name,
    http: (req) => {
      calls.push(`${name} ${req.url}`);
      return Promise.resolve({ response: { status: 200, headers: {}, body: name }, ip: '', port: 80, connectMs: 1 });
    },
    lookup: (n) => ({ server: '127.0.0.53', tried: [n] }),
    ping: (ip) => (calls.push(`${name} ping ${ip}`), undefined),
    resolveHost: (h) => (h === 'node2' ? '10.0.0.12' : /^\d/.test(h) ? h : undefined),
    iptablesSave: () => name,
    iptablesList: () => name,
    iptablesRules: () => name,
  };
}

describe('inCidr', () => {
  it.each([
    ['192.168.49.2', '192.168.49.0/24', true],
    ['192.168.49.255', '192.168.49.0/24', true],
    ['192.168.58.2', '192.168.49.0/24', false],
    ['10.96.0.1', '10.96.0.0/12', true],
    ['10.112.0.1', '10.96.0.0/12', false],
    ['1.2.3.4', '0.0.0.0/0', true],
    ['node2', '192.168.49.0/24', false],
    ['192.168.49.300', '192.168.49.0/24', false],
  ])('%s in %s → %s', (ip, cidr, want) => {
    expect(inCidr(ip, cidr)).toBe(want);
  });
});

describe('routedView', () => {
  it('sends a destination inside a route to that route and the rest to the host', async () => {
    const calls: string[] = [];
    const base = fakeView('node1', calls);
    const mk = fakeView('minikube', calls);
    const v = routedView(base, () => [{ cidr: '192.168.49.0/24', view: mk }]);
    await v.http({ method: 'GET', url: 'http://192.168.49.2:30080/', headers: {} });
    await v.http({ method: 'GET', url: 'node2:8080', headers: {} });
    await v.http({ method: 'GET', url: 'http://192.168.58.2/', headers: {} });
    v.ping('192.168.49.3');
    v.ping('10.0.0.12');
    expect(calls).toEqual([
      'minikube http://192.168.49.2:30080/',
      'node1 node2:8080',
      'node1 http://192.168.58.2/',
      'minikube ping 192.168.49.3',
      'node1 ping 10.0.0.12',
    ]);
    expect(v.iptablesSave(['nat'], '')).toBe('node1');
    expect(v.nodeName).toBe('node1');
  });

  it('reads the routes on every call (profiles come and go)', async () => {
    const calls: string[] = [];
    let routes: { cidr: string; view: NodeNetView }[] = [];
    const v = routedView(fakeView('node1', calls), () => routes);
    await v.http({ method: 'GET', url: 'http://192.168.49.2/', headers: {} });
    routes = [{ cidr: '192.168.49.0/24', view: fakeView('minikube', calls) }];
    await v.http({ method: 'GET', url: 'http://192.168.49.2/', headers: {} });
    expect(calls).toEqual(['node1 http://192.168.49.2/', 'minikube http://192.168.49.2/']);
  });
});
