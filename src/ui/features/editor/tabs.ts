// The editor's open files as pure state: which paths are open, which one is active, which ones
// have unsaved changes. The text itself lives in Monaco models keyed by path.
// Leaves out: reordering tabs and persistence (IndexedDB comes with the persistence work).

export interface Tab {
  /** Absolute path in the shell's filesystem (a template tab's path before its first save). */
  path: string;
  /** Text as last read from or written to the filesystem; null when never saved. */
  saved: string | null;
  dirty: boolean;
}

export interface TabsState {
  tabs: readonly Tab[];
  active: string | null;
}

export const NO_TABS: TabsState = { tabs: [], active: null };

export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** Opens (or re-activates) a tab. */
export function openTab(s: TabsState, path: string, saved: string | null): TabsState {
  if (s.tabs.some((t) => t.path === path)) return { ...s, active: path };
  return { tabs: [...s.tabs, { path, saved, dirty: saved === null }], active: path };
}

/** Closes a tab; the one to its right (else its left) becomes active. */
export function closeTab(s: TabsState, path: string): TabsState {
  const i = s.tabs.findIndex((t) => t.path === path);
  if (i < 0) return s;
  const tabs = s.tabs.filter((t) => t.path !== path);
  if (s.active !== path) return { tabs, active: s.active };
  const next = tabs[i] ?? tabs[i - 1];
  return { tabs, active: next ? next.path : null };
}

export function setDirty(s: TabsState, path: string, dirty: boolean): TabsState {
  const t = s.tabs.find((x) => x.path === path);
  if (!t || t.dirty === dirty) return s;
  return { ...s, tabs: s.tabs.map((x) => (x.path === path ? { ...x, dirty } : x)) };
}

export function markSaved(s: TabsState, path: string, saved: string): TabsState {
  return { ...s, tabs: s.tabs.map((x) => (x.path === path ? { ...x, saved, dirty: false } : x)) };
}

/** `dir/name.yaml`, or `dir/name-2.yaml`, `-3`, ... when that path is open or `taken`. */
export function freshPath(s: TabsState, dir: string, fileName: string, taken: (path: string) => boolean = () => false): string {
  const dot = fileName.lastIndexOf('.');
  const stem = dot > 0 ? fileName.slice(0, dot) : fileName;
  const ext = dot > 0 ? fileName.slice(dot) : '';
  const base = dir.replace(/\/+$/, '');
  for (let n = 1; ; n++) {
    const p = `${base}/${n === 1 ? fileName : `${stem}-${n}${ext}`}`;
    if (!s.tabs.some((t) => t.path === p) && !taken(p)) return p;
  }
}
