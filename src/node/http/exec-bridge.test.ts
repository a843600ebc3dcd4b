// pods/exec and pods/attach over `v5.channel.k8s.io`: the frames kubectl receives for a command
// (stdout, stderr, the final Status with the exit code; attach streams the main process's new
// output and ends with Success), stdin
// through channel 0 closed with channel 255, the HTTP answer before any session, and the tty
// line discipline.
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession } from '../../worker/session';
import type { Session } from '../../worker/session';
import { advanceTo, runCommand } from '../driver';
import { execUpgrade, exitStatus, LineDiscipline } from './exec-bridge';
import { createApiHttpServer, listen } from './server';
import { connectWebSocket } from './ws';

let session: Session;
let server: Server;
let base = '';
beforeAll(async () => {
  session = createSession({ seed: 1 });
  await runCommand(session, 'kubectl run box --image=busybox:1.36 -- sleep 3600', { write: () => {} });
  const shell = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'shell' }, spec: { containers: [{ name: 'shell', image: 'busybox:1.36', command: ['sh'], stdin: true }] } };
  session.cluster.request({ method: 'POST', path: '/api/v1/namespaces/default/pods', body: shell });
  await runCommand(session, 'kubectl run web --image=nginx:1.27', { write: () => {} });
  await advanceTo(session, session.cluster.clock.now() + 30_000);
  server = createApiHttpServer((req) => session.cluster.request(req), { onUpgrade: (req, socket, head) => execUpgrade(session.cluster, session.sys, req, socket, head) });
  base = `127.0.0.1:${await listen(server, 0)}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
});

const EXEC = '/api/v1/namespaces/default/pods/box/exec';
const q = (argv: string[], extra = '') => `${argv.map((a) => `command=${encodeURIComponent(a)}`).join('&')}&stdout=true&stderr=true${extra}`;

/** Every message of the session as [channel, text], until the server closes. */
async function frames(path: string, stdin?: string): Promise<[number, string][]> {
  const c = await connectWebSocket(`ws://${base}${path}`, ['v5.channel.k8s.io', 'v4.channel.k8s.io']);
  expect(c.protocol).toBe('v5.channel.k8s.io');
  const got: [number, string][] = [];
  c.onMessage((m) => got.push([m.data[0], m.data.subarray(1).toString('utf8')]));
  if (stdin !== undefined) {
    c.sendBinary(Buffer.concat([Buffer.from([0]), Buffer.from(stdin)]));
    c.sendBinary(Buffer.from([255, 0]));
  }
  await new Promise<void>((r) => c.onClose(() => r()));
  return got;
}

describe('exec over v5.channel.k8s.io', () => {
  it('sends stdout, stderr and the exit Status, then closes', async () => {
    const argv = ['sh', '-c', 'echo out; echo err >&2; exit 3'];
    expect(await frames(`${EXEC}?${q(argv)}`)).toEqual([
      [1, 'out\n'],
      [2, 'err\n'],
      [3, JSON.stringify(exitStatus(3, argv))],
    ]);
    expect(exitStatus(3, argv)).toEqual({
      metadata: {},
      status: 'Failure',
      message: 'command terminated with non-zero exit code: error executing command [sh -c echo out; echo err >&2; exit 3], exit code 3',
      reason: 'NonZeroExitCode',
      details: { causes: [{ reason: 'ExitCode', message: '3' }] },
    });
  });

  it('feeds channel 0 to stdin until channel 255 closes it', async () => {
    expect(await frames(`${EXEC}?${q(['cat'], '&stdin=true')}`, 'line one\nline two\n')).toEqual([
      [1, 'line one\nline two\n'],
      [3, '{"metadata":{},"status":"Success"}'],
    ]);
  });

  it('answers over HTTP when there is no session to start', async () => {
    await expect(connectWebSocket(`ws://${base}/api/v1/namespaces/default/pods/nope/exec?command=ls`, ['v5.channel.k8s.io'])).rejects.toThrow(
      'websocket: HTTP 404: {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"pods \\"nope\\" not found","reason":"NotFound","details":{"name":"nope","kind":"pods"},"code":404}',
    );
  });
});

describe('attach over v5.channel.k8s.io', () => {
  const ATTACH = '/api/v1/namespaces/default/pods';
  it('feeds stdin to the main shell and ends with Success', async () => {
    expect(await frames(`${ATTACH}/shell/attach?container=shell&stdin=true&stdout=true&stderr=true`, 'echo hello from attach\nhostname\n')).toEqual([
      // The engine's attach session: the shell's prompt before each line (pod-streams.ts).
      [1, '/ # '],
      [1, 'hello from attach\n'],
      [1, '/ # '],
      [1, 'shell\n'],
      [1, '/ # '],
      [3, '{"metadata":{},"status":"Success"}'],
    ]);
  });

  it('streams what the main process writes after the attach, and ends with Success when it exits', async () => {
    const body = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'ticker' },
      spec: { restartPolicy: 'Never', containers: [{ name: 'ticker', image: 'busybox:1.36', command: ['sh', '-c', 'for i in 1 2 3 4 5 6 7 8 9 10; do echo tick $i; sleep 1; done'] }] },
    };
    session.cluster.request({ method: 'POST', path: '/api/v1/namespaces/default/pods', body });
    // Let it start and print a few lines: those are the backlog, which attach does not replay.
    await advanceTo(session, session.cluster.clock.now() + 8_000, () => false);
    const c = await connectWebSocket(`ws://${base}${ATTACH}/ticker/attach?container=ticker&stdout=true&stderr=true`, ['v5.channel.k8s.io']);
    const got: [number, string][] = [];
    c.onMessage((m) => got.push([m.data[0], m.data.subarray(1).toString('utf8')]));
    const closed = new Promise<void>((r) => c.onClose(() => r()));
    // The bridge starts the session after a short wall-clock pause (kubectl's resize message).
    await new Promise((r) => setTimeout(r, 100));
    await advanceTo(session, session.cluster.clock.now() + 20_000, () => false);
    await closed;
    const ticks = got.filter(([ch]) => ch === 1).map(([, t]) => t).join('');
    // Only the lines after the attach, in order, up to the last one; then the Success status.
    expect(ticks).toMatch(/^(tick \d+\n)+$/);
    const nums = ticks.trim().split('\n').map((l) => Number(l.slice(5)));
    expect(nums[nums.length - 1]).toBe(10);
    expect(nums[0]).toBeGreaterThan(1);
    expect(nums).toEqual(Array.from({ length: nums.length }, (_, i) => nums[0] + i));
    expect(got[got.length - 1]).toEqual([3, '{"metadata":{},"status":"Success"}']);
  });
});

describe('tty line discipline', () => {
  it('echoes, erases, hands over whole lines, drops a line on Ctrl-C and ends on Ctrl-D', () => {
    const lines: string[] = [];
    let echo = '';
    let ended = false;
    const d = new LineDiscipline((t) => lines.push(t), () => (ended = true), (t) => (echo += t));
    d.input('ls -lx\x7fa\r');
    d.input('oops\x03');
    d.input('ab\x04');
    expect(ended).toBe(false);
    d.input('\r\x04');
    expect(lines).toEqual(['ls -la\n', '\n', 'ab\n']);
    expect(echo).toBe('ls -lx\b \ba\r\noops^C\r\nab\r\n');
    expect(ended).toBe(true);
  });
});
