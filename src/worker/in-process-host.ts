// An in-process host for tests and Node tools: the same EngineCore and the same EngineClient
// as in the browser, with messages passed through structuredClone (so anything a Worker could
// not carry fails here too) and asynchronous delivery, as postMessage has. Timers are injected.
// Kept apart from host.ts so the browser bundle never pulls the engine into the main thread.
import { EngineCore } from './engine-core';
import type { EngineCoreOptions, HostTimers } from './engine-core';
import { EngineClient } from './host';
import type { EngineTransport } from './host';

export interface InProcessHost {
  client: EngineClient;
  core: EngineCore;
}

/** Timers backed by Node's (or the browser's) real timers. */
export function realTimers(): HostTimers {
  return {
    now: () => performance.now(),
    setTimer: (fn, ms) => setTimeout(fn, ms),
    clearTimer: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
    macrotask: () => new Promise<void>((r) => setTimeout(r, 0)),
  };
}

export function createInProcessHost(opts: EngineCoreOptions & { timers?: HostTimers } = {}): InProcessHost {
  const timers = opts.timers ?? realTimers();
  const toClient = new Set<(data: unknown) => void>();
  const deliver = (data: unknown) => {
    const copy = structuredClone(data);
    queueMicrotask(() => {
      for (const cb of toClient) cb(copy);
    });
  };
  const core = new EngineCore(deliver, timers, opts);
  const transport: EngineTransport = {
    send(msg) {
      const copy = structuredClone(msg);
      queueMicrotask(() => core.receive(copy));
    },
    subscribe(cb) {
      toClient.add(cb);
      return () => toClient.delete(cb);
    },
    close: () => core.dispose(),
  };
  return { client: new EngineClient(transport), core };
}
