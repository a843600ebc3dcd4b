// The module Web Worker entry: one playground session behind the protocol. Wall time comes
// from the worker's own timers (allowed here, never in engine/shell); a MessageChannel gives a
// fast macrotask so shell promise chains settle between clock tasks.
// The playground is restored from IndexedDB first (persistence.ts), with the labs' progress.
/// <reference lib="webworker" />
import { idbStorage, queueingReceiver } from './persistence';
import { bootWithLabs, idbLabStorage } from './lab-host';
import { LABS } from '../labs';
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
// Labs (lab-host.ts): a lab just started boots its fresh seeded cluster and runs its setup first.
const boot = bootWithLabs((msg: WorkerMessage) => self.postMessage(msg), timers, idbStorage(), idbLabStorage(), LABS);
const receive = queueingReceiver(boot);
self.onmessage = (e: MessageEvent<unknown>) => receive(e.data);
