import { describe, it, expect } from 'vitest';
import type { Taint, Toleration } from '../../api/types';
import { defaultNormalizeScore } from '../framework';
import { NodeInfo } from '../node-info';
import { node } from '../test-helpers';
import { taintTolerationFilter, taintTolerationScore, preferNoScheduleTolerations, toleratesTaint } from './taint-toleration';

function info(name: string, taints: Taint[]): NodeInfo {
  const ni = new NodeInfo(name);
  ni.setNode(node(name, { taints }));
  return ni;
}

// Modelled on tainttoleration/taint_toleration_test.go TestTaintTolerationFilter.
describe('TaintToleration Filter', () => {
  const cases: { name: string; tolerations: Toleration[]; taints: Taint[]; want: string | null }[] = [
    {
      name: 'a pod having no tolerations cannot be scheduled onto a node with nonempty taints',
      tolerations: [],
      taints: [{ key: 'dedicated', value: 'user1', effect: 'NoSchedule' }],
      want: 'node(s) had untolerated taint {dedicated: user1}',
    },
    {
      name: 'a pod tolerating dedicated=user1:NoSchedule can be scheduled on the dedicated node',
      tolerations: [{ key: 'dedicated', value: 'user1', effect: 'NoSchedule' }],
      taints: [{ key: 'dedicated', value: 'user1', effect: 'NoSchedule' }],
      want: null,
    },
    {
      name: 'a pod for user2 cannot be scheduled on a node dedicated to user1',
      tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'user2', effect: 'NoSchedule' }],
      taints: [{ key: 'dedicated', value: 'user1', effect: 'NoSchedule' }],
      want: 'node(s) had untolerated taint {dedicated: user1}',
    },
    {
      name: 'operator Exists tolerates the taint whatever its value',
      tolerations: [{ key: 'foo', operator: 'Exists', effect: 'NoSchedule' }],
      taints: [{ key: 'foo', value: 'bar', effect: 'NoSchedule' }],
      want: null,
    },
    {
      name: 'multiple tolerations, multiple taints, all tolerated',
      tolerations: [
        { key: 'dedicated', operator: 'Equal', value: 'user2', effect: 'NoSchedule' },
        { key: 'foo', operator: 'Exists', effect: 'NoSchedule' },
      ],
      taints: [
        { key: 'dedicated', value: 'user2', effect: 'NoSchedule' },
        { key: 'foo', value: 'bar', effect: 'NoSchedule' },
      ],
      want: null,
    },
    {
      name: 'key and value match but a non-empty effect differs: not tolerated',
      tolerations: [{ key: 'foo', operator: 'Equal', value: 'bar', effect: 'PreferNoSchedule' }],
      taints: [{ key: 'foo', value: 'bar', effect: 'NoSchedule' }],
      want: 'node(s) had untolerated taint {foo: bar}',
    },
    {
      name: 'an empty toleration effect matches every effect',
      tolerations: [{ key: 'foo', operator: 'Equal', value: 'bar' }],
      taints: [{ key: 'foo', value: 'bar', effect: 'NoSchedule' }],
      want: null,
    },
    {
      name: 'a PreferNoSchedule taint never blocks scheduling',
      tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'user2', effect: 'NoSchedule' }],
      taints: [{ key: 'dedicated', value: 'user1', effect: 'PreferNoSchedule' }],
      want: null,
    },
    {
      name: 'no toleration, PreferNoSchedule taint only',
      tolerations: [],
      taints: [{ key: 'dedicated', value: 'user1', effect: 'PreferNoSchedule' }],
      want: null,
    },
    {
      name: 'NoExecute taints are filtered too; an empty value prints as "{key: }"',
      tolerations: [],
      taints: [{ key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' }],
      want: 'node(s) had untolerated taint {node.kubernetes.io/unreachable: }',
    },
    {
      name: 'the first untolerated taint in node order names the reason',
      tolerations: [{ key: 'a', operator: 'Exists' }],
      taints: [
        { key: 'a', value: '1', effect: 'NoSchedule' },
        { key: 'b', value: '2', effect: 'NoExecute' },
        { key: 'c', value: '3', effect: 'NoSchedule' },
      ],
      want: 'node(s) had untolerated taint {b: 2}',
    },
    {
      name: 'an empty key with Exists tolerates everything',
      tolerations: [{ operator: 'Exists' }],
      taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }],
      want: null,
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const s = taintTolerationFilter(c.tolerations, info('n', c.taints));
      if (c.want === null) expect(s).toBeNull();
      else expect(s).toEqual({ code: 'UnschedulableAndUnresolvable', reasons: [c.want], plugin: 'TaintToleration' });
    });
  }

  it('an unknown operator tolerates nothing', () => {
    expect(toleratesTaint({ key: 'a', operator: 'Gt', value: '1' }, { key: 'a', value: '1', effect: 'NoSchedule' })).toBe(false);
  });
});

// Modelled on TestTaintTolerationScore: raw counts normalised in reverse to 0..100.
describe('TaintToleration Score', () => {
  function scores(tolerations: Toleration[], nodes: Taint[][]): number[] {
    const pref = preferNoScheduleTolerations(tolerations);
    const raw = nodes.map((t, i) => taintTolerationScore(pref, info(`n${i}`, t)));
    defaultNormalizeScore(100, true, raw, raw.length);
    return raw;
  }
  const arm: Taint = { key: 'cpu-type', value: 'arm64', effect: 'PreferNoSchedule' };
  const ssd: Taint = { key: 'disk-type', value: 'ssd', effect: 'PreferNoSchedule' };

  it('nodes whose taints the pod tolerates score higher', () => {
    expect(scores([{ key: 'foo', operator: 'Equal', value: 'bar', effect: 'PreferNoSchedule' }], [
      [{ key: 'foo', value: 'bar', effect: 'PreferNoSchedule' }],
      [{ key: 'foo', value: 'blah', effect: 'PreferNoSchedule' }],
    ])).toEqual([100, 0]);
  });
  it('all-tolerated nodes score the same however many taints they have', () => {
    const tol: Toleration[] = [
      { key: 'cpu-type', operator: 'Equal', value: 'arm64', effect: 'PreferNoSchedule' },
      { key: 'disk-type', operator: 'Equal', value: 'ssd', effect: 'PreferNoSchedule' },
    ];
    expect(scores(tol, [[], [arm], [arm, ssd]])).toEqual([100, 100, 100]);
  });
  it('the more intolerable taints, the lower the score', () => {
    expect(scores([{ key: 'foo', operator: 'Equal', value: 'bar', effect: 'PreferNoSchedule' }], [[], [arm], [arm, ssd]])).toEqual([100, 50, 0]);
  });
  it('only PreferNoSchedule taints and tolerations count', () => {
    const tol: Toleration[] = [
      { key: 'cpu-type', operator: 'Equal', value: 'arm64', effect: 'NoSchedule' },
      { key: 'disk-type', operator: 'Equal', value: 'ssd', effect: 'NoSchedule' },
    ];
    expect(scores(tol, [[], [{ key: 'cpu-type', value: 'arm64', effect: 'NoSchedule' }], [arm, ssd]])).toEqual([100, 100, 0]);
  });
  it('no taints and no tolerations: the untainted node wins', () => {
    expect(scores([], [[], [arm]])).toEqual([100, 0]);
  });
});
