// Transcript tests of the node shell's network commands on a real session (worker/session.ts)
// driven as `npm run sim` drives it (node/driver.ts's loop): the course's round-robin loop over httpenv,
// curl's outputs and errors, nslookup against kube-dns and the node resolver, iptables views.
import { describe, expect, it } from 'vitest';
import { createSession } from '../../../worker/session';
import type { Session } from '../../../worker/session';

const macrotask = () => new Promise<void>((r) => (globalThis as unknown as { setImmediate(cb: () => void): void }).setImmediate(r));

/** node/driver.ts's loop: run clock tasks, yielding whenever a task resolved something awaited. */
async function advanceTo(s: Session, target: number, done: () => boolean = () => false): Promise<void> {
  const { clock } = s.cluster;
  for (;;) {
    await macrotask();
    if (done()) return;
    clock.yieldRequested = false;
    while (!clock.yieldRequested) {
      if (!clock.runNext(target)) {
        if (clock.now() < target) clock.advanceTo(target);
        await macrotask();
        return;
      }
    }
  }
}

async function sh(s: Session, cmd: string): Promise<{ out: string; code: number }> {
  let out = '';
  let settled = false;
  const p = s.shell.execute(cmd, { stdout: { write: (t: string) => void (out += t) }, stderr: { write: (t: string) => void (out += t) } }).then((c) => {
    settled = true;
    s.cluster.clock.yieldRequested = true;
    return c;
  });
  while (!settled) await advanceTo(s, s.cluster.clock.now() + 600_000, () => settled);
  return { out, code: await p };
}

async function setup(seed: number): Promise<{ s: Session; ip: string }> {
  const s = createSession({ seed });
  await sh(s, 'kubectl create deployment httpenv --image=jpetazzo/httpenv --replicas=3');
  await sh(s, "printf 'apiVersion: v1\\nkind: Service\\nmetadata:\\n  name: httpenv\\nspec:\\n  selector:\\n    app: httpenv\\n  ports:\\n  - port: 8888\\n' > svc.yaml");
  await sh(s, 'kubectl apply -f svc.yaml');
  await advanceTo(s, s.cluster.clock.now() + 40_000);
  const ip = (await sh(s, 'kubectl get svc httpenv -o jsonpath={.spec.clusterIP}')).out;
  return { s, ip };
}

describe('curl through kube-proxy', () => {
  it("answers the course's round-robin loop from several pods", async () => {
    const { s, ip } = await setup(21);
    const { out, code } = await sh(s, `for i in $(seq 10); do curl -s http://${ip}:8888 | jq .HOSTNAME; done`);
    expect(code).toBe(0);
    const names = out.trim().split('\n');
    expect(names).toHaveLength(10);
    const pods = (await sh(s, 'kubectl get pods -o name')).out.trim().split('\n').map((n) => `"${n.replace('pod/', '')}"`);
    for (const n of names) expect(pods).toContain(n);
    expect(new Set(names).size).toBeGreaterThanOrEqual(2);
  });

  it('prints status, headers, write-out and the real curl 7.81 errors', async () => {
    const { s, ip } = await setup(22);
    expect((await sh(s, `curl -s -o /dev/null -w '%{http_code}\\n' http://${ip}:8888/`)).out).toBe('200\n');
    const head = (await sh(s, `curl -si http://${ip}:8888/ | head -1`)).out;
    expect(head).toBe('HTTP/1.1 200 OK\r\n');
    expect(await sh(s, 'curl -s http://nothere/')).toEqual({ out: '', code: 6 });
    expect(await sh(s, 'curl -sS http://nothere/')).toEqual({ out: 'curl: (6) Could not resolve host: nothere\n', code: 6 });
    expect(await sh(s, `curl -sS http://${ip}:8888/ -m 2 -X GET && curl -sS http://${ip}:81/ -m 2`)).toEqual({
      out: expect.stringMatching(/"HOSTNAME":"httpenv-[a-z0-9]+-[a-z0-9]{5}"[\s\S]*curl: \(28\) Connection timed out after 2001 milliseconds\n$/) as unknown as string,
      code: 28,
    });
    await sh(s, 'kubectl scale deployment httpenv --replicas=0');
    await advanceTo(s, s.cluster.clock.now() + 40_000);
    expect(await sh(s, `curl -sS http://${ip}:8888/`)).toEqual({ out: `curl: (7) Failed to connect to ${ip} port 8888 after 0 ms: Connection refused\n`, code: 7 });
  });
});

describe('nslookup and iptables on node1', () => {
  it('asks kube-dns for cluster names; the node resolver does not know them', async () => {
    const { s, ip } = await setup(23);
    expect(await sh(s, 'nslookup httpenv.default.svc.cluster.local 10.96.0.10')).toEqual({
      out: `Server:\t\t10.96.0.10\nAddress:\t10.96.0.10#53\n\nName:\thttpenv.default.svc.cluster.local\nAddress: ${ip}\n\n`,
      code: 0,
    });
    expect(await sh(s, 'nslookup httpenv')).toEqual({
      out: "Server:\t\t127.0.0.53\nAddress:\t127.0.0.53#53\n\n** server can't find httpenv: NXDOMAIN\n\n",
      code: 1,
    });
    const rules = (await sh(s, 'sudo iptables -t nat -S KUBE-SERVICES')).out.split('\n');
    expect(rules[0]).toBe('-N KUBE-SERVICES');
    expect(rules).toContain(`-A KUBE-SERVICES -d ${ip}/32 -p tcp -m comment --comment "default/httpenv cluster IP" -m tcp --dport 8888 -j KUBE-SVC-6ZVPY37LGINYSSPR`);
    expect(rules).toContain('-A KUBE-SERVICES -d 10.96.0.1/32 -p tcp -m comment --comment "default/kubernetes:https cluster IP" -m tcp --dport 443 -j KUBE-SVC-NPX46M4PTMTKRN6Y');
    const svcChain = (await sh(s, 'sudo iptables -t nat -nL KUBE-SVC-6ZVPY37LGINYSSPR')).out.split('\n');
    expect(svcChain.slice(0, 2)).toEqual(['Chain KUBE-SVC-6ZVPY37LGINYSSPR (1 references)', 'target     prot opt source               destination         ']);
    expect(svcChain.filter((l) => l.includes('statistic mode random probability')).map((l) => l.replace(/.*probability /, ''))).toEqual(['0.33333333349', '0.50000000000']);
    expect(await sh(s, 'sudo iptables -t nat -L NOPE')).toEqual({ out: 'iptables: No chain/target/match by that name.\n', code: 1 });
    const save = (await sh(s, 'sudo iptables-save -t nat')).out;
    expect(save.split('\n')[0]).toMatch(/^# Generated by iptables-save v1\.8\.7 on Sun Nov 22 \d\d:\d\d:\d\d 2026$/);
    expect(save.split('\n').slice(1, 3)).toEqual(['*nat', ':PREROUTING ACCEPT [0:0]']);
    expect(save.endsWith(`COMMIT\n# Completed on ${save.split('\n')[0]!.slice(39)}\n`)).toBe(true);
  });
});
