// kubectl run -i/-t/--rm and kubectl attach against a seeded cluster: the pod's stdin/stdinOnce/tty
// fields, the TTY session (prompt, reattach hint of kubectl v1.32 for restartPolicy Always), the exit
// code of --restart=Never pods (`pod default/x terminated (Error)`, checked against kubectl v1.32.4
// over `npm run serve`), a busybox shell that waits on an open stdin instead of exiting, and the
// output of other processes streamed from the attach on (checked the same way).
import { describe, it, expect } from 'vitest';
import { makeKube } from './test-harness';
import type { Kube } from './test-harness';
import { Pipe } from '../../index';

const macrotask = (): Promise<void> => new Promise((r) => (globalThis as unknown as { setImmediate(cb: () => void): void }).setImmediate(r));

/** Runs one line on a TTY, typing `input` lines one by one (the terminal echoes them). */
async function tty(k: Kube, script: string, input: string[]): Promise<{ out: string; code: number }> {
  const out: string[] = [];
  const stdin = new Pipe();
  let done = false;
  let code = -1;
  const p = k.shell.execute(script, { stdout: { write: (s) => out.push(s) }, stderr: { write: (s) => out.push(s) }, stdin: stdin.reader, isTTY: true }).then((c) => {
    done = true;
    code = c;
  });
  for (let i = 0; i < 400 && !out.join('').includes('# '); i++) {
    await macrotask();
    k.cluster.clock.runNext(k.cluster.clock.now() + 1000);
  }
  for (const line of input) {
    out.push(line + '\n');
    stdin.writer.write(line + '\n');
    for (let i = 0; i < 100; i++) await macrotask();
  }
  for (let i = 0; i < 400 && !done; i++) {
    await macrotask();
    k.cluster.clock.runNext(k.cluster.clock.now() + 1000);
  }
  await p;
  return { out: out.join(''), code };
}

describe('kubectl run -it and attach', () => {
  it('opens a shell in the pod on a TTY and prints the reattach hint when the pod restarts', async () => {
    const k = makeKube();
    const r = await tty(k, 'kubectl run -it bb --image=busybox -- sh', ['echo hi', 'exit']);
    expect(r).toEqual({
      out: "If you don't see a command prompt, try pressing enter.\n/ # echo hi\nhi\n/ # exit\n" +
        "Session ended, resume using 'kubectl attach bb -c bb -i -t' command when the pod is running\n",
      code: 0,
    });
    expect(await k.run("kubectl get pod bb -o jsonpath='{.spec.containers[0].stdin} {.spec.containers[0].stdinOnce} {.spec.containers[0].tty} {.spec.restartPolicy}'"))
      .toEqual({ out: 'true true true Always', err: '', code: 0 });
    await k.run('sleep 30');
    const again = await tty(k, 'kubectl attach -it bb', ['hostname', 'exit']);
    expect(again.out).toBe("If you don't see a command prompt, try pressing enter.\n/ # hostname\nbb\n/ # exit\n" +
      "Session ended, resume using 'kubectl attach bb -c bb -i -t' command when the pod is running\n");
  }, 20_000);

  it('with --rm and --restart=Never waits for the exit code and deletes the pod; no hint', async () => {
    const k = makeKube();
    const r = await tty(k, 'kubectl run -it --rm bb --image=busybox --restart=Never -- sh', ['exit']);
    expect(r).toEqual({ out: "If you don't see a command prompt, try pressing enter.\n/ # exit\npod \"bb\" deleted\n", code: 0 });
    expect(await k.run('kubectl get pods')).toEqual({ out: '', err: 'No resources found in default namespace.\n', code: 0 });
  });

  it('a pod that ends before the attach shows its logs, its exit code and the deletion', async () => {
    const k = makeKube();
    expect(await k.run("kubectl run -i --rm f3 --image=busybox --restart=Never -- sh -c 'echo out; exit 3'"))
      .toEqual({ out: 'out\npod "f3" deleted\n', err: 'pod default/f3 terminated (Error)\n', code: 3 });
  });

  it('a busybox shell waits while its stdin is open and exits at once without it', async () => {
    const k = makeKube();
    await k.run('kubectl run -i --attach=false open --image=busybox -- sh; kubectl run closed --image=busybox --restart=Never -- sh; sleep 30');
    expect((await k.run('kubectl get pods --no-headers')).out.replace(/ +\S+\n/g, '\n')).toBe(
      'closed   0/1   Completed   0\nopen     1/1   Running     0\n');
    expect(await k.run("kubectl get pod open -o jsonpath='{.spec.containers[0].stdin}/{.spec.containers[0].stdinOnce}/{.spec.containers[0].tty}'"))
      .toEqual({ out: 'true/true/', err: '', code: 0 });
  });

  it('streams the new output of a process that is not a shell until Ctrl-C, stdout and stderr apart', async () => {
    const k = makeKube();
    const pod = JSON.stringify({
      apiVersion: 'v1', kind: 'Pod', metadata: { name: 'mc' },
      spec: {
        containers: [
          { name: 'a', image: 'busybox', command: ['sh', '-c', 'i=0; while true; do i=$((i+1)); echo out-$i; echo err-$i >&2; sleep 1; done'] },
          { name: 'b', image: 'busybox', command: ['sh', '-c', 'echo done-b'] },
        ],
      },
    });
    await k.run(`echo '${pod}' | kubectl apply -f -; sleep 4`);
    const before = (await k.run('kubectl logs mc -c a --tail=1')).out;
    expect(before).toBe('err-3\n');
    // Ctrl-C 2.5 s after the start: the two lines after err-3, not the backlog.
    expect(await k.run('kubectl attach mc', { interruptAfter: 2500 })).toEqual({
      out: 'out-4\nout-5\n',
      err: 'Defaulted container "a" out of: a, b\nIf you don\'t see a command prompt, try pressing enter.\nerr-4\nerr-5\n',
      code: 130,
    });
    // -i to a container without stdin: the input is dropped, the output still streams.
    expect(await k.run('kubectl attach -q -i mc -c a', { interruptAfter: 1000, stdin: 'ignored\n' }))
      .toEqual({ out: 'out-6\n', err: 'err-6\n', code: 130 });
    expect(await k.run('kubectl attach mc -c b')).toEqual({
      out: '',
      err: 'If you don\'t see a command prompt, try pressing enter.\nerror: unable to upgrade connection: container not found ("b")\n',
      code: 1,
    });
  });

  it('ends with the container instance it attached to', async () => {
    const k = makeKube();
    await k.run("kubectl run last --image=busybox -- sh -c 'sleep 3; echo bye; exit 2'; sleep 2");
    expect(await k.run('kubectl attach last', { maxMs: 60_000 }))
      .toEqual({ out: 'bye\n', err: "If you don't see a command prompt, try pressing enter.\n", code: 0 });
  });

  it('argument errors as kubectl v1.32 prints them', async () => {
    const k = makeKube();
    const hint = "\nSee 'kubectl run -h' for help and examples\n";
    expect(await k.run('kubectl run -t x --image=busybox')).toEqual({ out: '', err: 'error: -i/--stdin is required for containers with -t/--tty=true' + hint, code: 1 });
    expect(await k.run('kubectl run --rm x --image=busybox')).toEqual({ out: '', err: 'error: --rm should only be used for attached containers' + hint, code: 1 });
    expect(await k.run('kubectl attach')).toEqual({ out: '', err: 'error: at least 1 argument is required for attach\n', code: 1 });
    expect(await k.run('kubectl attach nope')).toEqual({ out: '', err: 'Error from server (NotFound): pods "nope" not found\n', code: 1 });
    expect(await k.run('kubectl attach a b c')).toEqual({ out: '', err: 'error: expected POD, TYPE/NAME, or TYPE NAME, (at most 2 arguments) saw 3: [a b c]\n', code: 1 });
    expect(await k.run('kubectl attach --pod-running-timeout=0 a b c'))
      .toEqual({ out: '', err: "error: --pod-running-timeout must be higher than zero\nSee 'kubectl attach -h' for help and examples\n", code: 1 });
  });
});
