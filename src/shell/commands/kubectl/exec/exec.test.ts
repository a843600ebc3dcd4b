// kubectl exec and port-forward against a seeded cluster: v1.32 argument errors (checked against
// the real kubectl v1.32.4 over `npm run serve`), server-side container checks, the container's
// files and userland, the interactive shell on a TTY (prompts per image) and the runc error for a
// missing shell.
import { describe, it, expect } from 'vitest';
import { makeKube } from '../test-harness';
import type { Kube } from '../test-harness';
import { Pipe } from '../../../index';
import { netCommands } from '../../net';

const macrotask = (): Promise<void> => new Promise((r) => (globalThis as unknown as { setImmediate(cb: () => void): void }).setImmediate(r));

/** Runs one line on a TTY, typing `input` lines one by one (as the terminal forwards them). */
async function tty(k: Kube, script: string, input: string[]): Promise<{ out: string; code: number }> {
  const out: string[] = [];
  const stdin = new Pipe();
  let done = false;
  let code = -1;
  const p = k.shell.execute(script, { stdout: { write: (s) => out.push(s) }, stderr: { write: (s) => out.push(s) }, stdin: stdin.reader, isTTY: true }).then((c) => {
    done = true;
    code = c;
  });
  for (const line of input) {
    for (let i = 0; i < 50; i++) await macrotask();
    out.push(line + '\n'); // the terminal echoes what is typed
    stdin.writer.write(line + '\n');
    for (let i = 0; i < 200 && !done && k.cluster.clock.runNext(k.cluster.clock.now() + 60_000); i++) await macrotask();
  }
  for (let i = 0; i < 200 && !done; i++) {
    await macrotask();
    k.cluster.clock.runNext(k.cluster.clock.now() + 60_000);
  }
  await p;
  return { out: out.join(''), code };
}

async function setup(): Promise<Kube> {
  const k = makeKube();
  await k.run('kubectl run web --image nginx; kubectl run pp --image alpine -- ping 1.1.1.1; kubectl run two --image busybox --overrides= -- sleep 1d; sleep 20');
  return k;
}

describe('kubectl exec', () => {
  it('rejects the old form and missing arguments as v1.32 does', async () => {
    const k = await setup();
    expect(await k.run('kubectl exec web -ti bash')).toEqual({
      out: '',
      err: "error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\nSee 'kubectl exec -h' for help and examples\n",
      code: 1,
    });
    expect(await k.run('kubectl exec web')).toEqual({ out: '', err: 'error: you must specify at least one command for the container\n', code: 1 });
    expect(await k.run('kubectl exec')).toEqual({ out: '', err: 'error: pod, type/name or --filename must be specified\n', code: 1 });
    expect(await k.run('kubectl exec nope -- ls')).toEqual({ out: '', err: 'Error from server (NotFound): pods "nope" not found\n', code: 1 });
    expect(await k.run('kubectl exec web -c nope -- ls')).toEqual({ out: '', err: 'Error from server (BadRequest): container nope is not valid for pod web\n', code: 1 });
  });

  it('checks --pod-running-timeout after the argument form, and waits that long for a controller\'s pod', async () => {
    const k = await setup();
    const timeoutErr = { out: '', err: "error: --pod-running-timeout must be higher than zero\nSee 'kubectl exec -h' for help and examples\n", code: 1 };
    expect(await k.run('kubectl exec --pod-running-timeout=0')).toEqual(timeoutErr);
    expect(await k.run('kubectl exec nope --pod-running-timeout=0 -- ls')).toEqual(timeoutErr);
    expect((await k.run('kubectl exec web ls --pod-running-timeout=0')).err).toBe(
      "error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\nSee 'kubectl exec -h' for help and examples\n");
    await k.run('kubectl create deployment zero --image=nginx --replicas=0');
    const t0 = k.cluster.clock.now();
    expect(await k.run('kubectl exec deploy/zero --pod-running-timeout=2s -- ls')).toEqual({ out: '', err: 'error: timed out waiting for the condition\n', code: 1 });
    expect(k.cluster.clock.now() - t0).toBe(2000);
    expect(await k.run('kubectl attach deploy/zero --pod-running-timeout=2s')).toEqual({ out: '', err: 'error: timed out waiting for the condition\n', code: 1 });
  });

  it('names the Go type when an object has no pod selector (attach, exec, logs, port-forward)', async () => {
    const k = makeKube();
    await k.run('kubectl create configmap cmx');
    const svc = "error: cannot attach to *v1.Service: invalid service 'kubernetes': Service is defined without a selector\n";
    expect(await k.run('kubectl exec svc/kubernetes -- ls')).toEqual({ out: '', err: svc, code: 1 });
    expect(await k.run('kubectl port-forward svc/kubernetes 8080:443')).toEqual({ out: '', err: svc, code: 1 });
    expect(await k.run('kubectl attach cm/cmx')).toEqual({ out: '', err: 'error: cannot attach to *v1.ConfigMap: selector for *v1.ConfigMap not implemented\n', code: 1 });
    expect(await k.run('kubectl logs svc/kubernetes')).toEqual({
      out: '', err: "error: cannot get the logs from *v1.Service: invalid service 'kubernetes': Service is defined without a selector\n", code: 1,
    });
    expect(await k.run('kubectl logs cm/cmx')).toEqual({ out: '', err: 'error: cannot get the logs from *v1.ConfigMap: selector for *v1.ConfigMap not implemented\n', code: 1 });
  });

  it('refuses containers that are not running yet', async () => {
    const k = makeKube();
    await k.run('kubectl run slow --image nginx');
    expect(await k.run('kubectl exec slow -- ls')).toEqual({ out: '', err: 'Error from server (BadRequest): pod slow does not have a host assigned\n', code: 1 });
    await k.run('sleep 1');
    expect(await k.run('kubectl exec slow -- ls')).toEqual({ out: '', err: 'error: unable to upgrade connection: container not found ("slow")\n', code: 1 });
  });

  it('shows the kubelet-managed hosts file and the cluster resolv.conf', async () => {
    const k = await setup();
    const ip = (await k.run("kubectl get pod web -o jsonpath='{.status.podIP}'")).out;
    expect(await k.run('kubectl exec web -- cat /etc/hosts /etc/resolv.conf')).toEqual({
      out:
        '# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\n' +
        `fe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n${ip}\tweb\n` +
        'search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n',
      err: '',
      code: 0,
    });
    expect(await k.run('kubectl exec web -- hostname')).toEqual({ out: 'web\n', err: '', code: 0 });
    // The resolver finds the pod's name in that file: its IP (not the node's 127.0.1.1).
    expect(ip).toMatch(/^10\.244\.\d+\.\d+$/);
    expect(await k.run('kubectl exec web -- hostname -i')).toEqual({ out: `${ip}\n`, err: '', code: 0 });
  });

  it('fails with runc\'s error and exit code 126 for a missing executable', async () => {
    const k = await setup();
    expect(await k.run('kubectl exec pp -- bash')).toEqual({
      out: '',
      err: 'OCI runtime exec failed: exec failed: unable to start container process: exec: "bash": executable file not found in $PATH: unknown\ncommand terminated with exit code 126\n',
      code: 126,
    });
    expect(await k.run('kubectl exec web -- ps')).toEqual({
      out: '',
      err: 'OCI runtime exec failed: exec failed: unable to start container process: exec: "ps": executable file not found in $PATH: unknown\ncommand terminated with exit code 126\n',
      code: 126,
    });
  });

  it('passes the exit code of the command and runs sh -c scripts', async () => {
    const k = await setup();
    expect(await k.run("kubectl exec pp -- sh -c 'echo hi; exit 3'")).toEqual({ out: 'hi\n', err: 'command terminated with exit code 3\n', code: 3 });
    expect(await k.run('kubectl exec pp -- ps')).toEqual({ out: 'PID   USER     TIME  COMMAND\n    1 root      0:00 ping 1.1.1.1\n   13 root      0:00 ps\n', err: '', code: 0 });
  });

  it('reads a script from stdin with -i and warns about -t without a terminal', async () => {
    const k = await setup();
    expect(await k.run('kubectl exec -it pp -- sh', { stdin: 'hostname\nls /\n' })).toEqual({
      out: 'pp\nbin\ndev\netc\nhome\nlib\nmedia\nmnt\nopt\nproc\nroot\nrun\nsbin\nsrv\nsys\ntmp\nusr\nvar\n',
      err: 'Unable to use a TTY - input is not a terminal or the right kind of file\n',
      code: 0,
    });
  });

  it('opens an interactive busybox shell with the `/ #` prompt', async () => {
    const k = await setup();
    const r = await tty(k, 'kubectl exec -it pp -- sh', ['hostname', 'cd /etc', 'curl web', 'exit']);
    // `exit` passes on the status of the last command, and kubectl reports it.
    expect(r).toEqual({ out: '/ # hostname\npp\n/ # cd /etc\n/etc # curl web\nsh: curl: not found\n/etc # exit\ncommand terminated with exit code 127\n', code: 127 });
  });

  it('opens bash in a Debian image with `root@POD:/#` and says exit', async () => {
    const k = await setup();
    const r = await tty(k, 'kubectl exec -it web -- bash', ['ps', 'exit']);
    expect(r).toEqual({ out: 'root@web:/# ps\nbash: ps: command not found\nroot@web:/# exit\nexit\ncommand terminated with exit code 127\n', code: 127 });
  });

  it('reaches services by DNS name from inside the pod', async () => {
    const k = await setup();
    await k.run('kubectl expose pod web --port 80; sleep 5');
    const r = await k.run('kubectl exec pp -- wget -qO- http://web');
    expect(r.code).toBe(0);
    expect(r.out.split('\n').slice(0, 4).join('\n')).toBe('<!DOCTYPE html>\n<html>\n<head>\n<title>Welcome to nginx!</title>');
    expect(await k.run('kubectl exec pp -- nslookup nothere')).toEqual({
      out: "Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n** server can't find nothere: NXDOMAIN\n\n",
      err: 'command terminated with exit code 1\n',
      code: 1,
    });
  });

  it('answers nslookup as a busybox pod\'s main process like in an exec, exit code included', async () => {
    const k = await setup();
    await k.run('kubectl expose pod web --port 80');
    const ip = (await k.run("kubectl get svc web -o jsonpath='{.spec.clusterIP}'")).out;
    expect(ip).toMatch(/^10\.96\.\d+\.\d+$/);
    await k.run('kubectl run look --image=busybox --restart=Never -- nslookup web; kubectl run miss --image=busybox --restart=Never -- nslookup nothere; sleep 10');
    const found = `Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\nName:\tweb.default.svc.cluster.local\nAddress: ${ip}\n\n`;
    expect(await k.run('kubectl logs look')).toEqual({ out: found, err: '', code: 0 });
    expect(await k.run('kubectl exec pp -- nslookup web')).toEqual({ out: found, err: '', code: 0 });
    expect(await k.run('kubectl logs miss')).toEqual({ out: "Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n** server can't find nothere: NXDOMAIN\n\n", err: '', code: 0 });
    expect(await k.run("kubectl get pod look miss -o jsonpath='{range .items[*]}{.status.containerStatuses[0].state.terminated.exitCode} {end}'")).toEqual({ out: '0 1 ', err: '', code: 0 });
  });
});

describe('kubectl port-forward', () => {
  it('needs a pod and ports', async () => {
    const k = await setup();
    expect(await k.run('kubectl port-forward web')).toEqual({
      out: '',
      err: "error: TYPE/NAME and list of ports are required for port-forward\nSee 'kubectl port-forward -h' for help and examples\n",
      code: 1,
    });
    expect(await k.run('kubectl port-forward svc/nope 80')).toEqual({ out: '', err: 'Error from server (NotFound): services "nope" not found\n', code: 1 });
  });

  it('forwards until Ctrl-C and frees the port afterwards', async () => {
    const k = await setup();
    const r = await k.run('kubectl port-forward web 8080:80', { interruptAfter: 5000 });
    expect(r).toEqual({ out: 'Forwarding from 127.0.0.1:8080 -> 80\nForwarding from [::1]:8080 -> 80\n', err: '', code: 0 });
    const again = await k.run('kubectl port-forward web 8080:80', { interruptAfter: 5000 });
    expect(again.code).toBe(0);
  });

  it('lets the node shell reach the pod through localhost, in the background with &', async () => {
    const k = await setup();
    for (const [name, cmd] of netCommands(k.cluster.network.nodeView('node1'))) k.shell.register(name, cmd);
    const r = await k.run("kubectl port-forward web 8080:80 & sleep 1; curl -s localhost:8080 | head -4; curl -s -o /dev/null -w '%{http_code}\\n' localhost:8080; kill %1; curl -s localhost:8080");
    expect(r).toEqual({
      out:
        'Forwarding from 127.0.0.1:8080 -> 80\nForwarding from [::1]:8080 -> 80\nHandling connection for 8080\n' +
        '<!DOCTYPE html>\n<html>\n<head>\n<title>Welcome to nginx!</title>\nHandling connection for 8080\n200\n',
      err: '',
      code: 7, // after kill, nothing listens: Connection refused
    });
  });
});
