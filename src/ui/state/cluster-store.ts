// Vanilla Zustand stores fed only by the engine host: the object mirror and the clock.
// Components subscribe with narrow selectors (one resource map, the clock) via useStore.
// Leaves out: persistence and undo (later rounds).
import { createStore } from 'zustand/vanilla';
import type { ClockState, ObjectEvent, Snapshot } from '../../worker/protocol';
import { applyEvents, emptyMirror, mirrorFromSnapshot } from './mirror';
import type { Mirror } from './mirror';

export interface ClusterState {
  connected: boolean;
  objects: Mirror;
  clock: ClockState | null;
  /** Prompt and history from the snapshot, for a terminal that mounts after it arrived. */
  shell: { prompt: string; history: string[] };
  /** Last error reported by the engine, shown in the header. */
  error: string | null;
  applySnapshot(s: Snapshot, clock: ClockState, shell: { prompt: string; history: string[] }): void;
  applyBatch(events: readonly ObjectEvent[], clock: ClockState): void;
  setClock(clock: ClockState): void;
  setError(message: string | null): void;
}

export function createClusterStore() {
  return createStore<ClusterState>()((set) => ({
    connected: false,
    objects: emptyMirror(),
    clock: null,
    shell: { prompt: '', history: [] },
    error: null,
    applySnapshot: (s, clock, shell) => set({ connected: true, objects: mirrorFromSnapshot(s), clock, shell }),
    applyBatch: (events, clock) => set((st) => ({ objects: applyEvents(st.objects, events), clock })),
    setClock: (clock) => set({ clock }),
    setError: (error) => set({ error }),
  }));
}

export type ClusterStore = ReturnType<typeof createClusterStore>;
