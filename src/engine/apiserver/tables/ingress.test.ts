// Ingress and IngressClass rows, modelled on kubernetes/pkg/printers/internalversion/printers_test.go
// (TestPrintIngress, TestPrintIngressClass) plus the HOSTS and PORTS forms of formatHosts/formatPorts.
import { describe, expect, it } from 'vitest';
import { formatHosts, ingressClassPrinter, ingressPrinter } from './ingress';

const NOW = Date.UTC(2026, 0, 1);
const tenYearsAgo = new Date(NOW - 10 * 365 * 24 * 3600 * 1000).toISOString().replace('.000Z', 'Z');

describe('ingress printer', () => {
  it('prints class, hosts, address and ports', () => {
    const ing = {
      metadata: { name: 'test1', creationTimestamp: tenYearsAgo },
      spec: { ingressClassName: 'foo', defaultBackend: { service: { name: 'default-backend', port: { name: 'default-backend' } } } },
      status: { loadBalancer: { ingress: [{ ip: '2.3.4.5', hostname: 'localhost.localdomain' }] } },
    };
    expect(ingressPrinter.row(ing, { now: NOW } as never)).toEqual(['test1', 'foo', '*', '2.3.4.5', '80', '10y']);
    expect(ingressPrinter.columns.map((c) => c.name)).toEqual(['Name', 'Class', 'Hosts', 'Address', 'Ports', 'Age']);
  });

  it('lists three hosts then counts the rest; TLS opens 443; addresses sorted and unique', () => {
    expect(formatHosts([{ host: 'a' }, {}, { host: 'b' }, { host: 'c' }, { host: 'd' }, { host: 'e' }])).toBe('a,b,c + 3 more...');
    expect(formatHosts([{ host: 'a' }, { host: 'b' }])).toBe('a,b');
    const ing = {
      metadata: { name: 'x', creationTimestamp: tenYearsAgo },
      spec: { tls: [{ hosts: ['a'] }], rules: [{ host: 'a' }] },
      status: { loadBalancer: { ingress: [{ ip: '10.0.0.2' }, { hostname: 'lb.example.com' }, { ip: '10.0.0.1' }, { ip: '10.0.0.2' }] } },
    };
    expect(ingressPrinter.row(ing, { now: NOW } as never)).toEqual(['x', '<none>', 'a', '10.0.0.1,10.0.0.2,lb.example.com', '80, 443', '10y']);
  });

  it('prints ingress classes with their parameters', () => {
    const base = { metadata: { name: 'test1', creationTimestamp: tenYearsAgo }, spec: { controller: 'example.com/controller' } };
    expect(ingressClassPrinter.row(base, { now: NOW } as never)).toEqual(['test1', 'example.com/controller', '<none>', '10y']);
    const withParams = { ...base, spec: { ...base.spec, parameters: { apiGroup: 'example.com', kind: 'foo', name: 'bar' } } };
    expect(ingressClassPrinter.row(withParams, { now: NOW } as never)).toEqual(['test1', 'example.com/controller', 'foo.example.com/bar', '10y']);
  });
});
