// The outcome of opening a shared link, for the page to show (the persistence bar does): a
// translated message and whether it is an error. A tiny store so that the link opener, which
// runs at load outside React, needs no component of its own. Leaves out: a queue of notices.
export interface ShareNotice {
  message: string;
  error: boolean;
}

let current: ShareNotice | null = null;
const listeners = new Set<() => void>();

export const shareNotice = {
  get: (): ShareNotice | null => current,
  set(n: ShareNotice | null): void {
    current = n;
    for (const l of listeners) l();
  },
  subscribe(l: () => void): () => void {
    listeners.add(l);
    return () => listeners.delete(l);
  },
};
