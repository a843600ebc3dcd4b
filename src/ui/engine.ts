// The page's one engine connection: the Web Worker is created once at module level (React 19
// StrictMode runs effects twice), its snapshot and batches feed the cluster store, and
// components reach the client through useEngine(). The main thread never waits on the engine.
// Batches are merged and applied at most once per animation frame (state/frame-batcher.ts), so
// the page renders once per frame from the newest state however fast the worker sends; the first
// events after a quiet spell, and the first after each frame, are applied on arrival.
// Each applied frame is also recorded by the cluster timeline (features/timeline: references
// only, after the store update so the graph renders first); a snapshot starts a new history.
// Leaves out: reconnect after a worker crash.
import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import { createBrowserClient } from '../worker/host';
import type { EngineClient } from '../worker/host';
import { createClusterStore } from './state/cluster-store';
import { FrameBatcher, animationFrameScheduler } from './state/frame-batcher';
import type { FrameScheduler } from './state/frame-batcher';
import type { ClusterState, ClusterStore } from './state/cluster-store';
import { Timeline } from './features/timeline/timeline';

export interface Engine {
  client: EngineClient;
  store: ClusterStore;
  /** True while a frame's merged batch is being applied (subscribers render in that frame). */
  readonly frame: { readonly inFrame: boolean };
  /** The recorded history of the mirror and the graph's replay state. */
  timeline: Timeline;
}

/** A batch after this long without one is applied on arrival (see FrameBatcher). */
const EAGER_AFTER_IDLE_MS = 50;

/** Wires a client to a fresh store and asks for the snapshot. */
export function connectEngine(client: EngineClient, schedule: FrameScheduler = animationFrameScheduler): Engine {
  const store = createClusterStore();
  const timeline = new Timeline();
  const frames = new FrameBatcher((b) => {
    store.getState().applyBatch(b.events, b.clock);
    timeline.recorder.record(b.events, b.clock.now, store.getState().objects);
  }, schedule, { eagerAfterIdleMs: EAGER_AFTER_IDLE_MS, eagerAfterFrame: true });
  client.on((msg) => {
    const st = store.getState();
    switch (msg.type) {
      case 'snapshot':
        frames.clear();
        st.applySnapshot(msg.objects, msg.clock, { prompt: msg.prompt, history: msg.history });
        timeline.recorder.reset(store.getState().objects, msg.clock.now);
        return;
      case 'batch':
        frames.push(msg.events, msg.clock, msg.timing, msg.more === true);
        return;
      case 'error':
        console.error(`engine: ${msg.message}`);
        st.setError(msg.message);
        return;
      case 'invalid':
        console.error('engine: invalid message from the worker', msg.data);
        return;
      default:
        return;
    }
  });
  client.connect();
  return { client, store, frame: frames, timeline };
}

let browserEngine: Engine | undefined;
export function browserEngineSingleton(): Engine {
  browserEngine ??= connectEngine(createBrowserClient());
  return browserEngine;
}

export const EngineContext = createContext<Engine | null>(null);

export function useEngine(): Engine {
  const e = useContext(EngineContext);
  if (!e) throw new Error('useEngine outside EngineContext');
  return e;
}

export function useCluster<T>(selector: (s: ClusterState) => T): T {
  return useStore(useEngine().store, selector);
}
