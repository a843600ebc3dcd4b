import { describe, it, expect } from 'vitest';
import type { Pod } from '../../api/types';
import { NodeInfo } from '../node-info';
import { node, pod } from '../test-helpers';
import { compileAffinity, nodeAffinityFilter, nodeAffinityPreFilter, nodeAffinityScore } from './node-affinity';

type Affinity = NonNullable<Pod['spec']>['affinity'];

function info(name: string, labels: Record<string, string>): NodeInfo {
  const ni = new NodeInfo(name);
  ni.setNode(node(name, { labels }));
  return ni;
}

const required = (...terms: object[]): Affinity => ({ nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } } });
const expr = (key: string, operator: string, values?: string[]) => ({ matchExpressions: [{ key, operator, ...(values ? { values } : {}) }] });
const REASON = "node(s) didn't match Pod's node affinity/selector";

// Modelled on nodeaffinity/node_affinity_test.go TestNodeAffinity.
describe('NodeAffinity Filter', () => {
  const cases: { name: string; selector?: Record<string, string>; affinity?: Affinity; labels: Record<string, string>; fits: boolean }[] = [
    { name: 'no selector, no affinity', labels: {}, fits: true },
    { name: 'nodeSelector label missing', selector: { foo: 'bar' }, labels: {}, fits: false },
    { name: 'nodeSelector matches', selector: { foo: 'bar' }, labels: { foo: 'bar' }, fits: true },
    { name: 'nodeSelector value differs', selector: { foo: 'bar' }, labels: { foo: 'baz' }, fits: false },
    { name: 'nodeSelector needs every label', selector: { foo: 'bar', baz: 'blah' }, labels: { foo: 'bar' }, fits: false },
    { name: 'In matches', affinity: required(expr('foo', 'In', ['value1', 'value2'])), labels: { foo: 'value2' }, fits: true },
    { name: 'In without the label', affinity: required(expr('foo', 'In', ['value1'])), labels: {}, fits: false },
    { name: 'NotIn with another value', affinity: required(expr('foo', 'NotIn', ['value1'])), labels: { foo: 'value2' }, fits: true },
    { name: 'NotIn without the label matches', affinity: required(expr('foo', 'NotIn', ['value1'])), labels: {}, fits: true },
    { name: 'NotIn with the excluded value', affinity: required(expr('foo', 'NotIn', ['value1'])), labels: { foo: 'value1' }, fits: false },
    { name: 'Exists', affinity: required(expr('foo', 'Exists')), labels: { foo: '' }, fits: true },
    { name: 'Exists without the label', affinity: required(expr('foo', 'Exists')), labels: {}, fits: false },
    { name: 'DoesNotExist', affinity: required(expr('foo', 'DoesNotExist')), labels: { bar: 'x' }, fits: true },
    { name: 'DoesNotExist with the label', affinity: required(expr('foo', 'DoesNotExist')), labels: { foo: 'x' }, fits: false },
    { name: 'Gt greater', affinity: required(expr('kernel', 'Gt', ['5'])), labels: { kernel: '6' }, fits: true },
    { name: 'Gt equal', affinity: required(expr('kernel', 'Gt', ['5'])), labels: { kernel: '5' }, fits: false },
    { name: 'Gt with a non-integer label', affinity: required(expr('kernel', 'Gt', ['5'])), labels: { kernel: '6.1' }, fits: false },
    { name: 'Lt smaller (negative)', affinity: required(expr('gen', 'Lt', ['0'])), labels: { gen: '-1' }, fits: true },
    { name: 'Lt larger', affinity: required(expr('gen', 'Lt', ['3'])), labels: { gen: '3' }, fits: false },
    { name: 'Gt with two values is invalid and matches nothing', affinity: required(expr('gen', 'Gt', ['1', '2'])), labels: { gen: '9' }, fits: false },
    {
      name: 'expressions in one term are ANDed',
      affinity: required({ matchExpressions: [{ key: 'a', operator: 'Exists' }, { key: 'b', operator: 'In', values: ['1'] }] }),
      labels: { a: 'x', b: '2' },
      fits: false,
    },
    { name: 'terms are ORed', affinity: required(expr('a', 'Exists'), expr('b', 'Exists')), labels: { b: 'x' }, fits: true },
    { name: 'an empty term matches nothing', affinity: required({}), labels: { a: 'b' }, fits: false },
    { name: 'no terms at all matches nothing', affinity: required(), labels: { a: 'b' }, fits: false },
    {
      name: 'nodeSelector and affinity must both match',
      selector: { zone: 'a' },
      affinity: required(expr('disk', 'In', ['ssd'])),
      labels: { zone: 'b', disk: 'ssd' },
      fits: false,
    },
    {
      name: 'matchFields metadata.name In',
      affinity: required({ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n'] }] }),
      labels: {},
      fits: true,
    },
    {
      name: 'matchFields metadata.name NotIn',
      affinity: required({ matchFields: [{ key: 'metadata.name', operator: 'NotIn', values: ['n'] }] }),
      labels: {},
      fits: false,
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const a = compileAffinity(pod('p', { nodeSelector: c.selector, affinity: c.affinity }));
      const s = nodeAffinityFilter(a, info('n', c.labels));
      if (c.fits) expect(s).toBeNull();
      else expect(s).toEqual({ code: 'UnschedulableAndUnresolvable', reasons: [REASON], plugin: 'NodeAffinity' });
    });
  }
});

describe('NodeAffinity PreFilter', () => {
  const names = (...v: string[]) => ({ matchFields: [{ key: 'metadata.name', operator: 'In', values: v }] });
  it('all nodes when some term names no node', () => {
    expect(nodeAffinityPreFilter(pod('p', { affinity: required(names('a'), expr('x', 'Exists')) }))).toBeNull();
  });
  it('the union of the named nodes over terms', () => {
    expect(nodeAffinityPreFilter(pod('p', { affinity: required(names('a', 'b'), names('c')) }))).toEqual(new Set(['a', 'b', 'c']));
  });
  it('conflicting names within one term reject the pod', () => {
    const t = { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['a'] }, { key: 'metadata.name', operator: 'In', values: ['b'] }] };
    expect(nodeAffinityPreFilter(pod('p', { affinity: required(t) }))).toEqual({
      code: 'UnschedulableAndUnresolvable',
      reasons: ['pod affinity terms conflict'],
      plugin: 'NodeAffinity',
    });
  });
});

// Modelled on TestNodeAffinityPriority: the raw score is the sum of matching preferred weights.
describe('NodeAffinity Score', () => {
  const affinity: Affinity = {
    nodeAffinity: {
      preferredDuringSchedulingIgnoredDuringExecution: [
        { weight: 2, preference: { matchExpressions: [{ key: 'foo', operator: 'In', values: ['bar'] }] } },
        { weight: 4, preference: { matchExpressions: [{ key: 'key', operator: 'In', values: ['value'] }] } },
        { weight: 5, preference: { matchExpressions: [{ key: 'az', operator: 'In', values: ['az1'] }, { key: 'foo', operator: 'In', values: ['bar'] }] } },
      ],
    },
  };
  const a = compileAffinity(pod('p', { affinity }));
  it('sums the weights of the terms a node matches', () => {
    expect(nodeAffinityScore(a, info('n1', { foo: 'bar' }))).toBe(2);
    expect(nodeAffinityScore(a, info('n2', { key: 'value' }))).toBe(4);
    expect(nodeAffinityScore(a, info('n3', { az: 'az1', foo: 'bar', key: 'value' }))).toBe(11);
    expect(nodeAffinityScore(a, info('n4', {}))).toBe(0);
  });
});
