// The remote host: an EngineTransport over a WebSocket to `npm run serve`, so the page's
// EngineClient (host.ts) drives the served engine — the same cluster the real kubectl changes —
// instead of starting its own Worker. Protocol messages travel as JSON text frames; the served
// EngineCore sends the snapshot and the per-frame batches. Chosen by `?server=<url>` (or
// `?server=same-origin`) or by the page serve hands out. Leaves out: reconnecting after the
// server goes away (an error message is shown; reload the page), several tabs at once (the
// newest connection takes over).
import { PROTOCOL_VERSION } from './protocol';
import type { ClientMessage } from './protocol';

/** The path `npm run serve` accepts the engine protocol on (a WebSocket upgrade). */
export const REMOTE_ENGINE_PATH = '/timonel/engine';

/** What the page serve hands out sets this global to 'same-origin' (an inline script). */
export const SERVED_PAGE_GLOBAL = 'TIMONEL_SERVER';

/** The minimal WebSocket this transport needs (the browser's, or a test double). */
export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(): void;
  addEventListener(type: 'open' | 'close' | 'error', cb: () => void): void;
  addEventListener(type: 'message', cb: (e: { data: unknown }) => void): void;
}
export type WebSocketFactory = (url: string) => WebSocketLike;

/**
 * The engine WebSocket URL to attach to, or undefined to run the engine in a Worker:
 * `?server=http://127.0.0.1:8001` (another origin), `?server=same-origin`, or the global the
 * served page sets. `pageUrl` is the page's own address.
 */
export function remoteEngineUrl(pageUrl: string, servedGlobal?: unknown): string | undefined {
  const page = new URL(pageUrl);
  const asked = page.searchParams.get('server') ?? (servedGlobal === 'same-origin' ? 'same-origin' : null);
  if (!asked) return undefined;
  const base = asked === 'same-origin' ? page : new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(asked) ? asked : `http://${asked}`);
  const scheme = base.protocol === 'https:' || base.protocol === 'wss:' ? 'wss:' : 'ws:';
  return `${scheme}//${base.host}${REMOTE_ENGINE_PATH}`;
}

/** host.ts's EngineTransport, restated so Node code can import this file without host.ts's browser globals. */
export interface RemoteTransport {
  send(msg: ClientMessage): void;
  subscribe(cb: (data: unknown) => void): () => void;
  close(): void;
}

/** An EngineTransport over a WebSocket; messages sent before it opens are queued. */
export function createWebSocketTransport(url: string, factory: WebSocketFactory): RemoteTransport {
  const ws = factory(url);
  const queue: string[] = [];
  const subs = new Set<(data: unknown) => void>();
  let open = false;
  let closedByUs = false;
  const emit = (data: unknown) => {
    for (const cb of [...subs]) cb(data);
  };
  ws.addEventListener('open', () => {
    open = true;
    for (const m of queue.splice(0)) ws.send(m);
  });
  ws.addEventListener('message', (e) => {
    if (typeof e.data !== 'string') {
      emit(e.data);
      return;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(e.data);
    } catch {
      parsed = e.data;
    }
    emit(parsed);
  });
  ws.addEventListener('close', () => {
    open = false;
    if (!closedByUs) emit({ v: PROTOCOL_VERSION, type: 'error', message: `serve: the connection to ${url} closed; is npm run serve still running? Reload the page to reconnect.` });
  });
  return {
    send(msg: ClientMessage) {
      const text = JSON.stringify(msg);
      if (open) ws.send(text);
      else queue.push(text);
    },
    subscribe(cb) {
      subs.add(cb);
      return () => subs.delete(cb);
    },
    close() {
      closedByUs = true;
      ws.close();
    },
  };
}
