import { describe, it, expect, afterEach } from 'vitest';
import { createInProcessHost } from './in-process-host';
import type { InProcessHost } from './in-process-host';

let host: InProcessHost | undefined;
afterEach(() => {
  host?.client.close();
  host = undefined;
});

function runLine(h: InProcessHost, line: string): Promise<string> {
  let out = '';
  return new Promise((resolve) => {
    let id = -1;
    const off = h.client.on((m) => {
      if (m.type === 'shell.output' && m.id === id) out += m.data;
      if (m.type === 'shell.complete' && m.id === id) {
        off();
        resolve(out);
      }
    });
    id = h.client.sendLine(line);
  });
}

describe('net.httpGet (DockerCoins block)', () => {
  it('GETs a Service from node1 as its curl would, and reports connection failures by code', async () => {
    host = createInProcessHost({ session: { seed: 3 }, speed: 20 });
    host.client.connect();
    await runLine(host, 'kubectl create deployment web --image=nginx && kubectl expose deployment web --port=80 && kubectl rollout status deployment web');
    const ip = await runLine(host, "kubectl get svc web -o jsonpath='{.spec.clusterIP}'");
    const ok = await host.client.request('net.httpGet', { url: `http://${ip}/` });
    expect(ok.ok && ok.status).toBe(200);
    expect(ok.ok && ok.body.split('\n')[3]).toBe('<title>Welcome to nginx!</title>');
    const refused = await host.client.request('net.httpGet', { url: 'http://10.0.0.12:81/' });
    expect(refused).toEqual({ ok: false, error: 'ECONNREFUSED' });
    // No rule for the port of a ClusterIP: the packet goes nowhere, as with iptables-mode kube-proxy.
    const slow = await host.client.request('net.httpGet', { url: `http://${ip}:81/`, timeoutMs: 1000 });
    expect(slow).toEqual({ ok: false, error: 'ETIMEDOUT' });
  }, 30_000);
});
