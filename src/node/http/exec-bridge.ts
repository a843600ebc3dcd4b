// `kubectl exec` and `kubectl attach` over HTTP: the pods/exec upgrade as the WebSocket subprotocol kubectl 1.30+
// speaks (`v5.channel.k8s.io`, else v4), bridged to the engine's exec session (the same one
// the in-browser kubectl uses, src/shell/commands/kubectl/exec/pod-streams.ts). Each binary
// message starts with its channel: 0 stdin, 1 stdout, 2 stderr, 3 the final Status, 4 terminal
// size, 255 (v5) "this channel is closed". Errors before the session (no such pod, container
// not running) are the same HTTP answers the in-browser kubectl gets.
// pods/attach is the same protocol to the container's main process (its session ends with
// Success). SIMPLIFICATION: terminal size changes after the start are ignored; SPDY/3.1 upgrades
// (kubectl's fallback) get 501. Port-forward is portforward-bridge.ts.
// Models apiserver/pkg/util/wsstream/conn.go and kubelet/cri/streaming/remotecommand/{websocket,attach}.go
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Cluster } from '../../engine';
import type { Interrupt, Reader, Sys } from '../../shell';
import { podStreamRequest } from '../../shell/commands/kubectl/exec/pod-streams';
import type { ExecSession } from '../../shell/commands/kubectl/exec/pod-streams';
import { acceptWebSocket, isWebSocketUpgrade } from './ws';
import type { WsConnection } from './ws';

export const EXEC_PROTOCOLS = ['v5.channel.k8s.io', 'v4.channel.k8s.io'];

const STDIN = 0;
const STDOUT = 1;
const STDERR = 2;
const ERROR = 3;
const RESIZE = 4;
const CLOSE = 255;

const REASONS: Record<number, string> = { 400: 'Bad Request', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed', 500: 'Internal Server Error', 501: 'Not Implemented' };

function httpAnswer(socket: Duplex, status: number, body: unknown, contentType?: string): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const type = contentType ?? (typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/json');
  socket.end(`HTTP/1.1 ${status} ${REASONS[status] ?? 'Error'}\r\nContent-Type: ${type}\r\nContent-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`);
}

/** The Status kubectl reads from channel 3 when the command ends. */
export function exitStatus(code: number, command: string[]): unknown {
  if (code === 0) return { metadata: {}, status: 'Success' };
  return {
    metadata: {},
    status: 'Failure',
    message: `command terminated with non-zero exit code: error executing command [${command.join(' ')}], exit code ${code}`,
    reason: 'NonZeroExitCode',
    details: { causes: [{ reason: 'ExitCode', message: String(code) }] },
  };
}

/** stdin as a Reader fed by channel-0 messages; EOF on channel close or disconnect. */
class ChannelReader implements Reader {
  private readonly chunks: string[] = [];
  private waiting: ((s: string | null) => void) | undefined;
  private ended = false;
  private readonly decoder = new TextDecoder();

  push(data: Buffer): void {
    const s = this.decoder.decode(data, { stream: true });
    if (!s) return;
    if (this.waiting) {
      const w = this.waiting;
      this.waiting = undefined;
      w(s);
    } else this.chunks.push(s);
  }

  end(): void {
    this.ended = true;
    const w = this.waiting;
    this.waiting = undefined;
    w?.(null);
  }

  read(): Promise<string | null> {
    if (this.chunks.length) return Promise.resolve(this.chunks.shift() ?? null);
    if (this.ended) return Promise.resolve(null);
    return new Promise((r) => (this.waiting = r));
  }

  async readAll(): Promise<string> {
    let out = '';
    for (let s = await this.read(); s !== null; s = await this.read()) out += s;
    return out;
  }
}

/**
 * What a pty's line discipline does in canonical mode for a terminal in raw mode (kubectl -t):
 * echo, Enter (CR) as a newline, erase with Backspace, a line handed over only when complete,
 * Ctrl-C drops the line, Ctrl-D on an empty line is end of input.
 * SIMPLIFICATION: no word/line kill (Ctrl-W, Ctrl-U) and no signals to the running command.
 */
export class LineDiscipline {
  private line = '';
  constructor(
    private readonly deliver: (text: string) => void,
    private readonly eof: () => void,
    private readonly echo: (text: string) => void,
  ) {}

  input(text: string): void {
    for (const ch of text) {
      if (ch === '\r' || ch === '\n') {
        this.echo('\r\n');
        this.deliver(`${this.line}\n`);
        this.line = '';
      } else if (ch === '\x7f' || ch === '\b') {
        if (!this.line) continue;
        this.line = [...this.line].slice(0, -1).join('');
        this.echo('\b \b');
      } else if (ch === '\x03') {
        this.echo('^C\r\n');
        this.line = '';
        this.deliver('\n');
      } else if (ch === '\x04') {
        if (!this.line) this.eof();
      } else if (ch >= ' ' || ch === '\t') {
        this.line += ch;
        this.echo(ch);
      }
    }
  }
}

class SimpleInterrupt implements Interrupt {
  private readonly cbs = new Set<() => void>();
  aborted = false;
  onAbort(cb: () => void): () => void {
    this.cbs.add(cb);
    return () => this.cbs.delete(cb);
  }
  abort(): void {
    if (this.aborted) return;
    this.aborted = true;
    for (const cb of [...this.cbs]) cb();
  }
}

/**
 * Takes an 'upgrade' request for pods/{name}/exec; false for any other path. `sys` is the
 * session's (virtual sleep for commands like `sleep 5`); `onActivity` lets virtual time catch up.
 */
export function execUpgrade(cluster: Cluster, sys: Sys, req: IncomingMessage, socket: Duplex, head: Buffer, onActivity: () => void = () => {}): boolean {
  const url = req.url ?? '';
  const sub = /^\/api\/v1\/namespaces\/[^/]+\/pods\/[^/]+\/(exec|attach)$/.exec(url.split('?')[0])?.[1];
  if (!sub) return false;
  const res = podStreamRequest(cluster, { method: req.method ?? 'GET', path: url });
  onActivity();
  if (!res) return false;
  if (res.status !== 101) {
    httpAnswer(socket, res.status, res.body, res.headers?.['content-type']);
    return true;
  }
  if (!isWebSocketUpgrade(req)) {
    httpAnswer(socket, 501, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'exec over SPDY/3.1 is not supported by the simulated cluster (npm run serve); use kubectl v1.30 or newer (WebSocket)', reason: 'NotImplemented', code: 501 });
    return true;
  }
  const conn = acceptWebSocket(req, socket, head, EXEC_PROTOCOLS);
  if (!conn) return true;
  bridge(conn, res.body as ExecSession, new URL(url, 'http://x').searchParams, sys, onActivity, sub === 'attach');
  return true;
}

function bridge(conn: WsConnection, session: ExecSession, q: URLSearchParams, sys: Sys, onActivity: () => void, attach = false): void {
  const v5 = conn.protocol === 'v5.channel.k8s.io';
  const tty = q.get('tty') === 'true' || q.get('tty') === '1';
  const wantStdin = q.get('stdin') === 'true' || q.get('stdin') === '1';
  const stdin = wantStdin ? new ChannelReader() : null;
  const interrupt = new SimpleInterrupt();
  let columns = 80;
  let rows = 24;
  const send = (channel: number, text: string) => {
    if (!text || !conn.isOpen) return;
    conn.sendBinary(Buffer.concat([Buffer.from([channel]), Buffer.from(text, 'utf8')]));
  };
  const discipline =
    tty && stdin
      ? new LineDiscipline(
          (t) => stdin.push(Buffer.from(t, 'utf8')),
          () => stdin.end(),
          (t) => send(STDOUT, t),
        )
      : undefined;
  conn.onMessage((m) => {
    if (m.data.length === 0) return;
    const channel = m.data[0];
    const data = m.data.subarray(1);
    if (channel === STDIN) {
      if (discipline) discipline.input(data.toString('utf8'));
      else stdin?.push(data);
    }
    else if (channel === RESIZE) {
      try {
        const size = JSON.parse(data.toString('utf8')) as { Width?: number; Height?: number };
        if (size.Width) columns = size.Width;
        if (size.Height) rows = size.Height;
      } catch {
        // A malformed size is ignored, as the kubelet logs and ignores it.
      }
    } else if (channel === CLOSE && v5 && data[0] === STDIN) stdin?.end();
    onActivity();
  });
  conn.onClose(() => {
    stdin?.end();
    interrupt.abort();
  });
  // kubectl sends the terminal size right after connecting: give it a moment to arrive.
  setTimeout(() => {
    const out = { write: (s: string) => (send(STDOUT, tty ? s.replace(/\r?\n/g, '\r\n') : s), onActivity()) };
    const err = { write: (s: string) => (send(tty ? STDOUT : STDERR, tty ? s.replace(/\r?\n/g, '\r\n') : s), onActivity()) };
    session
      .run({ stdin, stdout: out, stderr: err, tty, interrupt }, { sys, columns, rows })
      .then(
        // The kubelet ends an attach with Success whatever the process did (kubectl run -i reads the exit code from the pod).
        (code) => send(ERROR, JSON.stringify(attach ? exitStatus(0, []) : exitStatus(code, q.getAll('command')))),
        (e: unknown) => send(ERROR, JSON.stringify({ metadata: {}, status: 'Failure', message: e instanceof Error ? e.message : String(e), reason: 'InternalError' })),
      )
      .finally(() => {
        conn.close(1000);
        onActivity();
      });
    onActivity();
  }, 20);
}
