import { describe, it, expect } from 'vitest';
import { createCluster } from '../../../engine';
import type { Table } from '../../../engine';
import { TABLE_ACCEPT, TABLE_KINDS, rowWindow, tableView } from './table-model';

describe('tableView', () => {
  it('lays out the server Table like `kubectl get -A` (NAMESPACE first, no wide columns)', () => {
    const c = createCluster({ seed: 2 });
    const get = (path: string) => c.request({ method: 'GET', path, headers: { accept: TABLE_ACCEPT } }).body as Table;
    const pods = tableView(get('/api/v1/pods'), true);
    expect(pods.columns).toEqual(['NAMESPACE', 'NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE']);
    expect(pods.rows.find((r) => r.name === 'etcd-node1')?.cells).toEqual(['kube-system', 'etcd-node1', '1/1', 'Running', '0', '5m']);
    const nodes = tableView(get('/api/v1/nodes'), false);
    expect(nodes.columns).toEqual(['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION']);
    expect(nodes.rows.map((r) => r.cells)).toEqual([
      ['node1', 'Ready', 'control-plane', '5m', 'v1.32.0'],
      ['node2', 'Ready', '<none>', '5m', 'v1.32.0'],
      ['node3', 'Ready', '<none>', '5m', 'v1.32.0'],
    ]);
    expect(nodes.rows.map((r) => [r.name, r.namespace])).toEqual([['node1', ''], ['node2', ''], ['node3', '']]);
  });

  it('every listed kind is served as a Table', () => {
    const c = createCluster({ seed: 2 });
    for (const k of TABLE_KINDS) {
      const res = c.request({ method: 'GET', path: k.path, headers: { accept: TABLE_ACCEPT } });
      expect([k.kind, res.status, (res.body as Table).kind]).toEqual([k.kind, 200, 'Table']);
    }
  });
});

describe('rowWindow', () => {
  it('renders every row of a short table', () => {
    expect(rowWindow(100, 500, 300, 20)).toEqual({ start: 0, end: 100, before: 0, after: 0 });
  });

  it('renders the viewport plus overscan of a long table, spacers for the rest', () => {
    expect(rowWindow(1000, 0, 300, 20, 10)).toEqual({ start: 0, end: 25, before: 0, after: 975 * 20 });
    expect(rowWindow(1000, 2000, 300, 20, 10)).toEqual({ start: 90, end: 125, before: 90 * 20, after: 875 * 20 });
    expect(rowWindow(1000, 19_900, 300, 20, 10)).toEqual({ start: 985, end: 1000, before: 985 * 20, after: 0 });
    expect(rowWindow(1000, 99_999, 300, 20, 10)).toEqual({ start: 990, end: 1000, before: 990 * 20, after: 0 });
  });
});
