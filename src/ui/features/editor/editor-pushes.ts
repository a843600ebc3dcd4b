// Files the worker asks the editor to open (`vi FILE`, `nano FILE`, `kubectl edit`): the
// `editor.open` pushes arrive before the lazy editor chunk has loaded, so they wait here in
// order until the panel takes them. The demo player shows the manifests it applies the same way,
// with no session (nobody waits for the tab). Pure, no React; one queue per page (one engine).
// Leaves out: several editor panels at once (the last one to subscribe gets the pushes).
import type { EditorFile } from '../../../worker/protocol';

export interface PushedEdit {
  /** Id to answer with `editor.done`; null when nobody waits (a file shown by the demo player). */
  session: number | null;
  file: EditorFile;
  command: string;
}

export interface EditQueue {
  push(e: PushedEdit): void;
  /** Delivers waiting pushes at once, then each new one; returns the unsubscribe function. */
  take(listener: (e: PushedEdit) => void): () => void;
  /** Called on every push (the editor's slot opens the panel); returns the unsubscribe function. */
  watch(listener: () => void): () => void;
}

export function createEditQueue(): EditQueue {
  const waiting: PushedEdit[] = [];
  let listener: ((e: PushedEdit) => void) | null = null;
  const watchers = new Set<() => void>();
  return {
    push(e) {
      if (listener) listener(e);
      else waiting.push(e);
      for (const w of [...watchers]) w();
    },
    watch(w) {
      watchers.add(w);
      return () => void watchers.delete(w);
    },
    take(l) {
      listener = l;
      for (const e of waiting.splice(0)) l(e);
      return () => {
        if (listener === l) listener = null;
      };
    },
  };
}

/** The page's queue, fed by EditorSlot and drained by EditorPanel. */
export const editQueue = createEditQueue();
