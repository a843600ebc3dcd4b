// The module Web Worker entry: one playground session behind the protocol. Wall time comes
// from the worker's own timers (allowed here, never in engine/shell); a MessageChannel gives a
// fast macrotask so shell promise chains settle between clock tasks.
// The playground is restored from IndexedDB first (persistence.ts).
/// <reference lib="webworker" />
import { bootPlayground, idbStorage, queueingReceiver } from './persistence';
import type { HostTimers } from './engine-core';
import type { WorkerMessage } from './protocol';

declare const self: DedicatedWorkerGlobalScope;

const channel = new MessageChannel();
const waiting: (() => void)[] = [];
channel.port1.onmessage = () => {
  const w = waiting.shift();
  if (w) w();
};

const timers: HostTimers = {
  now: () => performance.now(),
  setTimer: (fn, ms) => setTimeout(fn, ms),
  clearTimer: (h) => clearTimeout(h as number),
  macrotask: () =>
    new Promise<void>((resolve) => {
      waiting.push(resolve);
      channel.port2.postMessage(0);
    }),
};

// The saved playground (IndexedDB) is restored before the first message is handled.
const boot = bootPlayground((msg: WorkerMessage) => self.postMessage(msg), timers, idbStorage());
const receive = queueingReceiver(boot);
self.onmessage = (e: MessageEvent<unknown>) => receive(e.data);
