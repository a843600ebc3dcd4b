import { describe, it, expect, afterEach } from 'vitest';
import { createInProcessHost } from './in-process-host';
import type { InProcessHost } from './in-process-host';
import type { ClientEvent } from './host';
import type { EditorOpenMessage, WorkerMessage } from './protocol';
import { TtyInput } from './tty-input';
import { PROTOCOL_VERSION, isClientMessage, isWorkerMessage } from './protocol';

let host: InProcessHost | undefined;
afterEach(() => {
  host?.client.close();
  host = undefined;
});

type Of<T extends WorkerMessage['type']> = Extract<ClientEvent, { type: T }>;

async function start(speed: 1 | 20 = 20) {
  const h = createInProcessHost({ session: { seed: 3 }, speed });
  host = h;
  const msgs: ClientEvent[] = [];
  h.client.on((m) => msgs.push(m));
  const next = <T extends WorkerMessage['type']>(type: T, pred: (m: Of<T>) => boolean = () => true, ms = 15000) =>
    new Promise<Of<T>>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timeout waiting for ${type}`)), ms);
      const check = () => {
        const found = msgs.find((m): m is Of<T> => m.type === type && pred(m as Of<T>));
        if (found) {
          clearTimeout(timer);
          off();
          resolve(found);
        }
      };
      const off = h.client.on(() => queueMicrotask(check));
      check();
    });
  h.client.connect();
  await next('snapshot');
  const output = (id: number) =>
    msgs.filter((m): m is Of<'shell.output'> => m.type === 'shell.output' && m.id === id).map((m) => m.data).join('');
  /** Output of `id` once it contains `text`. */
  const waitOutput = async (id: number, text: string) => {
    for (let i = 0; i < 300 && !output(id).includes(text); i++) await new Promise((r) => setTimeout(r, 20));
    return output(id);
  };
  const run = async (line: string) => {
    const id = h.client.sendLine(line);
    const done = await next('shell.complete', (m) => m.id === id);
    return { out: output(id), status: done.status };
  };
  return { h, msgs, next, output, waitOutput, run };
}

describe('terminal protocol guards', () => {
  const req = (method: string, params: unknown) => ({ v: PROTOCOL_VERSION, type: 'request', id: 1, method, params });
  it('accepts well-formed stdin and editor.done requests and rejects others', () => {
    expect(isClientMessage(req('shell.stdin', { data: 'ls\n' }))).toBe(true);
    expect(isClientMessage(req('shell.stdin', { data: '', eof: true }))).toBe(true);
    expect(isClientMessage(req('shell.stdin', { data: 5 }))).toBe(false);
    expect(isClientMessage(req('shell.stdin', { eof: 'yes' }))).toBe(false);
    expect(isClientMessage(req('editor.done', { session: 3, saved: false }))).toBe(true);
    expect(isClientMessage(req('editor.done', { session: 1.5, saved: true }))).toBe(false);
    expect(isClientMessage(req('editor.done', { session: 1 }))).toBe(false);
  });
  it('validates editor.open pushes', () => {
    const open = { v: PROTOCOL_VERSION, type: 'editor.open', session: 1, command: 'vi', file: { path: '/home/k8s/a.yaml', content: '' } };
    expect(isWorkerMessage(open)).toBe(true);
    expect(isWorkerMessage({ ...open, file: { path: '', content: '' } })).toBe(false);
    expect(isWorkerMessage({ ...open, session: 'x' })).toBe(false);
    expect(isWorkerMessage({ ...open, file: null })).toBe(false);
  });
});

describe('TtyInput', () => {
  it('hands out typed text, one end of file per Ctrl-D, and EOF forever once closed', async () => {
    const t = new TtyInput();
    t.write('a\n');
    t.write('b\n');
    t.eof();
    t.write('c\n');
    expect(await t.read()).toBe('a\nb\n');
    expect(await t.read()).toBeNull();
    expect(await t.read()).toBe('c\n');
    const pending = t.read();
    t.eof();
    expect(await pending).toBeNull();
    t.write('lost\n');
    t.close();
    expect(await t.read()).toBeNull();
    t.write('ignored');
    expect(await t.readAll()).toBe('');
  });
});

describe('terminal integration (in-process worker)', () => {
  it('feeds typed lines and Ctrl-D to a running cat', async () => {
    const { h, next, waitOutput } = await start();
    const id = h.client.sendLine('cat');
    expect(await h.client.request('shell.stdin', { data: 'hello\n' })).toEqual({ delivered: true });
    expect(await waitOutput(id, 'hello\n')).toBe('hello\n');
    await h.client.request('shell.stdin', { data: 'world\n', eof: true });
    const done = await next('shell.complete', (m) => m.id === id);
    expect(done.status).toBe(0);
    expect(await h.client.request('shell.stdin', { data: 'late\n' })).toEqual({ delivered: false });
  });

  it('runs `read` from the terminal', async () => {
    const { h, next, run, output } = await start();
    const id = h.client.sendLine('read name; echo "hi $name"');
    await h.client.request('shell.stdin', { data: 'Ana\n' });
    await next('shell.complete', (m) => m.id === id);
    expect(output(id)).toBe('hi Ana\n');
    expect((await run('echo $?')).out).toBe('0\n');
  });

  it('kubectl exec -it into a busybox pod: hostname, then exit', async () => {
    const { h, next, run, waitOutput, output } = await start();
    expect((await run('kubectl run bb --image=busybox -- sleep 3600')).out).toBe('pod/bb created\n');
    expect((await run('kubectl wait --for=condition=Ready pod/bb --timeout=120s')).out).toBe('pod/bb condition met\n');
    const id = h.client.sendLine('kubectl exec -it bb -- sh');
    await waitOutput(id, '/ # ');
    await h.client.request('shell.stdin', { data: 'hostname\n' });
    await waitOutput(id, 'bb\n/ # ');
    await h.client.request('shell.stdin', { data: 'exit\n' });
    const done = await next('shell.complete', (m) => m.id === id);
    expect(output(id)).toBe('/ # bb\n/ # ');
    expect(done.status).toBe(0);
  });

  it('vi opens an editor tab and returns when it is saved; cat shows the file', async () => {
    const { h, next, run } = await start();
    const id = h.client.sendLine('vi pod.yaml');
    const open: EditorOpenMessage = await next('editor.open');
    expect(open.file).toEqual({ path: '/home/k8s/pod.yaml', content: '' });
    expect(open.command).toBe('vi');
    await h.client.request('fs.write', { path: open.file.path, content: 'kind: Pod\n' });
    expect(await h.client.request('editor.done', { session: open.session, saved: true })).toEqual({ ok: true });
    expect((await next('shell.complete', (m) => m.id === id)).status).toBe(0);
    expect(await h.client.request('editor.done', { session: open.session, saved: true })).toEqual({ ok: false });
    expect((await run('cat pod.yaml')).out).toBe('kind: Pod\n');
  });

  it('kubectl edit waits for the tab, then patches: edited, or cancelled without changes', async () => {
    const { h, next, run, msgs } = await start();
    await run('kubectl create deployment web --image=nginx');
    const id = h.client.sendLine('kubectl edit deployment web');
    const open = await next('editor.open');
    expect(open.file.path).toMatch(/^\/tmp\/kubectl-edit-\d{10}\.yaml$/);
    expect(open.file.content.startsWith("# Please edit the object below. Lines beginning with a '#' will be ignored,\n")).toBe(true);
    expect(open.file.content).toContain('\n  replicas: 1\n');
    await h.client.request('fs.write', { path: open.file.path, content: open.file.content.replace('\n  replicas: 1\n', '\n  replicas: 3\n') });
    await h.client.request('editor.done', { session: open.session, saved: true });
    const done = await next('shell.complete', (m) => m.id === id);
    const out = msgs.filter((m): m is Of<'shell.output'> => m.type === 'shell.output' && m.id === id).map((m) => m.data).join('');
    expect(out).toBe('deployment.apps/web edited\n');
    expect(done.status).toBe(0);
    expect((await run("kubectl get deploy web -o jsonpath='{.spec.replicas}'")).out).toBe('3');
    expect((await run(`ls ${open.file.path}`)).status).toBe(2);

    const id2 = h.client.sendLine('kubectl edit deploy/web');
    const open2 = await next('editor.open', (m) => m.session !== open.session);
    await h.client.request('editor.done', { session: open2.session, saved: false });
    await next('shell.complete', (m) => m.id === id2);
    const out2 = msgs.filter((m): m is Of<'shell.output'> => m.type === 'shell.output' && m.id === id2).map((m) => m.data).join('');
    expect(out2).toBe('Edit cancelled, no changes made.\n');
  });

  it('Ctrl-C ends a waiting vi', async () => {
    const { h, next } = await start();
    const id = h.client.sendLine('vi x.yaml');
    const open = await next('editor.open');
    h.client.interrupt();
    expect((await next('shell.complete', (m) => m.id === id)).status).toBe(130);
    expect(await h.client.request('editor.done', { session: open.session, saved: false })).toEqual({ ok: false });
  });

  it('completes kubectl verbs, flags, types and live object names', async () => {
    const { h, run } = await start();
    await run('kubectl create deployment web --image=nginx --replicas=2');
    await run('kubectl create deployment api --image=nginx');
    await run('kubectl rollout status deployment/web && kubectl rollout status deployment/api');
    const c = async (line: string) => (await h.client.request('shell.completions', { line, cursor: line.length })).candidates;
    expect(await c('kubectl ge')).toEqual(['get']);
    expect(await c('kubectl rollout ')).toEqual(['history', 'pause', 'restart', 'resume', 'status', 'undo']);
    expect(await c('kubectl get --show-l')).toEqual(['--show-labels']);
    expect(await c('kubectl get po')).toEqual(['pods', 'podtemplates', 'poddisruptionbudgets.policy']);
    expect(await c('kubectl get deployments.apps ')).toEqual(['api', 'web']);
    expect(await c('kubectl scale deploy w')).toEqual(['web']);
    expect(await c('kubectl describe deploy/')).toEqual(['deploy/api', 'deploy/web']);
    expect(await c('kubectl get pods -n kube-')).toEqual(['kube-node-lease', 'kube-public', 'kube-system']);
    expect(await c('kubectl get pods -o ya')).toEqual(['yaml']);
    expect(await c('kubectl get pods --output=j')).toEqual(['--output=json', '--output=jsonpath', '--output=jsonpath-as-json', '--output=jsonpath-file']);
    expect(await c('kubectl rollout status d')).toEqual(['daemonsets.apps', 'deployments.apps']);
    expect(await c('kubectl cordon node')).toEqual(['node1', 'node2', 'node3']);
    const pods = await c('kubectl logs ');
    expect(pods.length).toBe(3);
    expect(pods.every((p) => /^(web|api)-[a-z0-9]{8,10}-[a-z0-9]{5}$/.test(p))).toBe(true);
    expect(await c('vi')).toEqual(['vi', 'vim']);
  });
});
