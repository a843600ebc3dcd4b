// The page's one engine connection: the Web Worker is created once at module level (React 19
// StrictMode runs effects twice), its snapshot and batches feed the cluster store, and
// components reach the client through useEngine(). The main thread never waits on the engine.
// Leaves out: reconnect after a worker crash, persistence (later).
import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import { createBrowserClient } from '../worker/host';
import type { EngineClient } from '../worker/host';
import { createClusterStore } from './state/cluster-store';
import type { ClusterState, ClusterStore } from './state/cluster-store';

export interface Engine {
  client: EngineClient;
  store: ClusterStore;
}

/** Wires a client to a fresh store and asks for the snapshot. */
export function connectEngine(client: EngineClient): Engine {
  const store = createClusterStore();
  client.on((msg) => {
    const st = store.getState();
    switch (msg.type) {
      case 'snapshot':
        st.applySnapshot(msg.objects, msg.clock, { prompt: msg.prompt, history: msg.history });
        return;
      case 'batch':
        st.applyBatch(msg.events, msg.clock);
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
  return { client, store };
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
