// Files the worker asks the editor to open (`vi FILE`, `nano FILE`, `kubectl edit`): the
// `editor.open` pushes arrive before the lazy editor chunk has loaded, so they wait here in
// order until the panel takes them. Pure, no React; one queue per page (one engine).
// Leaves out: several editor panels at once (the last one to subscribe gets the pushes).
import type { EditorFile } from '../../../worker/protocol';

export interface PushedEdit {
  /** Id to answer with `editor.done`. */
  session: number;
  file: EditorFile;
  command: string;
}

export interface EditQueue {
  push(e: PushedEdit): void;
  /** Delivers waiting pushes at once, then each new one; returns the unsubscribe function. */
  take(listener: (e: PushedEdit) => void): () => void;
}

export function createEditQueue(): EditQueue {
  const waiting: PushedEdit[] = [];
  let listener: ((e: PushedEdit) => void) | null = null;
  return {
    push(e) {
      if (listener) listener(e);
      else waiting.push(e);
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
