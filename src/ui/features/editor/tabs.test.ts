import { describe, it, expect } from 'vitest';
import { NO_TABS, baseName, closeTab, freshPath, markSaved, openTab, setDirty } from './tabs';

describe('editor tabs', () => {
  it('opens, re-activates and closes tabs', () => {
    let s = openTab(NO_TABS, '/home/k8s/a.yaml', 'a');
    s = openTab(s, '/home/k8s/b.yaml', null);
    s = openTab(s, '/home/k8s/c.yaml', 'c');
    expect(s).toEqual({
      tabs: [
        { path: '/home/k8s/a.yaml', saved: 'a', dirty: false },
        { path: '/home/k8s/b.yaml', saved: null, dirty: true },
        { path: '/home/k8s/c.yaml', saved: 'c', dirty: false },
      ],
      active: '/home/k8s/c.yaml',
    });
    s = openTab(s, '/home/k8s/b.yaml', 'ignored');
    expect(s.active).toBe('/home/k8s/b.yaml');
    expect(s.tabs[1]).toEqual({ path: '/home/k8s/b.yaml', saved: null, dirty: true });
    s = closeTab(s, '/home/k8s/b.yaml');
    expect([s.tabs.map((t) => baseName(t.path)), s.active]).toEqual([['a.yaml', 'c.yaml'], '/home/k8s/c.yaml']);
    s = closeTab(s, '/home/k8s/c.yaml');
    expect(s.active).toBe('/home/k8s/a.yaml');
    s = closeTab(s, '/home/k8s/a.yaml');
    expect(s).toEqual({ tabs: [], active: null });
  });

  it('closing an inactive tab keeps the active one', () => {
    let s = openTab(openTab(NO_TABS, '/a', 'a'), '/b', 'b');
    s = closeTab(s, '/a');
    expect(s).toEqual({ tabs: [{ path: '/b', saved: 'b', dirty: false }], active: '/b' });
  });

  it('tracks unsaved changes', () => {
    let s = openTab(NO_TABS, '/a', null);
    s = markSaved(s, '/a', 'x');
    expect(s.tabs[0]).toEqual({ path: '/a', saved: 'x', dirty: false });
    s = setDirty(s, '/a', true);
    expect(s.tabs[0].dirty).toBe(true);
    expect(setDirty(s, '/a', true)).toBe(s);
  });

  it('finds a fresh path for a new template tab', () => {
    const s = openTab(NO_TABS, '/home/k8s/deployment.yaml', null);
    expect(freshPath(NO_TABS, '/home/k8s', 'deployment.yaml')).toBe('/home/k8s/deployment.yaml');
    expect(freshPath(s, '/home/k8s/', 'deployment.yaml')).toBe('/home/k8s/deployment-2.yaml');
    expect(freshPath(s, '/home/k8s', 'deployment.yaml', (p) => p === '/home/k8s/deployment-2.yaml')).toBe('/home/k8s/deployment-3.yaml');
    expect(freshPath(NO_TABS, '/tmp', 'Makefile', (p) => p === '/tmp/Makefile')).toBe('/tmp/Makefile-2');
  });
});
