// The served engine's side of the UI protocol: the same EngineCore the browser worker runs
// (snapshot on hello, coalesced batches per frame, shell I/O, clock controls), with its
// messages carried as JSON text frames over a WebSocket at /timonel/engine. EngineCore also
// paces the served cluster, so the UI's pause/speed/step act on what the real kubectl sees.
// Leaves out: several pages at once (the newest takes over; the previous one is told why).
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { EngineCore } from '../../worker/engine-core';
import type { EngineCoreOptions, HostTimers } from '../../worker/engine-core';
import { REMOTE_ENGINE_PATH } from '../../worker/remote-host';
import type { WorkerMessage } from '../../worker/protocol';
import { acceptWebSocket } from './ws';
import type { WsConnection } from './ws';

/** Node's timers for EngineCore (setImmediate is the macrotask between clock tasks). */
export function nodeTimers(): HostTimers {
  return {
    now: () => performance.now(),
    setTimer: (fn, ms) => setTimeout(fn, ms),
    clearTimer: (h) => clearTimeout(h as NodeJS.Timeout),
    macrotask: () => new Promise<void>((r) => setImmediate(r)),
  };
}

export class EngineSocket {
  readonly core: EngineCore;
  private current: WsConnection | undefined;

  constructor(opts: EngineCoreOptions, timers: HostTimers = nodeTimers()) {
    this.core = new EngineCore((msg) => this.post(msg), timers, opts);
  }

  /** Takes an 'upgrade' request if it is for the engine path; false leaves it to others. */
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    if ((req.url ?? '').split('?')[0] !== REMOTE_ENGINE_PATH) return false;
    const conn = acceptWebSocket(req, socket, head);
    if (conn) this.attach(conn);
    return true;
  }

  attach(conn: WsConnection): void {
    const previous = this.current;
    this.current = conn;
    if (previous?.isOpen) previous.close(4000, 'another page attached to this engine');
    conn.onMessage((m) => {
      if (this.current !== conn || m.binary) return;
      let data: unknown;
      try {
        data = JSON.parse(m.data.toString('utf8'));
      } catch {
        data = m.data.toString('utf8');
      }
      this.core.receive(data);
    });
    conn.onClose(() => {
      if (this.current === conn) this.current = undefined;
    });
  }

  private post(msg: WorkerMessage): void {
    const c = this.current;
    if (c?.isOpen) c.sendText(JSON.stringify(msg));
  }

  close(): void {
    this.current?.destroy();
    this.current = undefined;
    this.core.dispose();
  }
}
