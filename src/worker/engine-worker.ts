// The module Web Worker entry: one playground session behind the protocol. Wall time comes
// from the worker's own timers (allowed here, never in engine/shell); a MessageChannel gives a
// fast macrotask so shell promise chains settle between clock tasks.
// Leaves out: restoring a saved session (persistence comes later).
/// <reference lib="webworker" />
import { EngineCore } from './engine-core';
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

const core = new EngineCore((msg: WorkerMessage) => self.postMessage(msg), timers);
self.onmessage = (e: MessageEvent<unknown>) => core.receive(e.data);
