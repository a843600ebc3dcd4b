// Table tests modelled on apimachinery/pkg/fields/selector_test.go plus the per-kind
// field-label conversions of pkg/apis/core/v1/conversion.go.
import { describe, it, expect } from 'vitest';
import {
  convertFieldLabel,
  convertFieldSelector,
  fieldsForObject,
  isSupportedField,
  parseFieldSelector,
  SelectorError,
} from './index';

describe('parseFieldSelector (TestSelectorParse / TestSplitTerms)', () => {
  it.each([
    ['', ''],
    ['a=b', 'a=b'],
    ['a==b', 'a=b'],
    ['a!=b', 'a!=b'],
    // terms are sorted as raw strings before parsing
    ['x=a,y=b,z=c', 'x=a,y=b,z=c'],
    ['z=c,x=a', 'x=a,z=c'],
    ['x=,z= ', 'x=,z= '],
    ['x=a,', 'x=a'],
    ['a=\\,', 'a=\\,'],
    ['a=\\=\\\\', 'a=\\=\\\\'],
    ['status.phase!=Running,spec.nodeName=node-1', 'spec.nodeName=node-1,status.phase!=Running'],
  ])('%j → %j', (input, out) => {
    expect(parseFieldSelector(input).toString()).toBe(out);
  });

  it('unescapes values and exposes requirements', () => {
    expect(parseFieldSelector('b!=x\\,y,a=1\\=2').requirements).toEqual([
      { field: 'a', op: '=', value: '1=2' },
      { field: 'b', op: '!=', value: 'x,y' },
    ]);
  });

  it.each([
    ['x', "invalid selector: 'x'; can't understand 'x'"],
    ['a=b,c', "invalid selector: 'a=b,c'; can't understand 'c'"],
    ['a=b=c', 'invalid field selector: unescaped character ='],
    ['a=b\\', 'invalid field selector: invalid escape sequence: \\'],
    ['a=\\b', 'invalid field selector: invalid escape sequence: \\b'],
  ])('%j fails', (input, msg) => {
    expect(() => parseFieldSelector(input)).toThrow(new SelectorError(msg));
  });

  it('matches with missing fields read as ""', () => {
    const s = parseFieldSelector('spec.nodeName=,status.phase!=Failed');
    expect(s.matches({ 'status.phase': 'Pending' })).toBe(true);
    expect(s.matches({ 'spec.nodeName': 'n1', 'status.phase': 'Pending' })).toBe(false);
    expect(s.matches({ 'status.phase': 'Failed' })).toBe(false);
    expect(parseFieldSelector('').matches({})).toBe(true);
    expect(parseFieldSelector('').empty).toBe(true);
  });
});

describe('fieldsForObject', () => {
  it('pods', () => {
    expect(
      fieldsForObject('Pod', {
        metadata: { name: 'web-1', namespace: 'default' },
        spec: { nodeName: 'node-1', restartPolicy: 'Always', schedulerName: 'default-scheduler', serviceAccountName: 'default', containers: [] },
        status: { phase: 'Running', podIP: '10.244.0.5', podIPs: [{ ip: '10.244.0.5' }] },
      }),
    ).toEqual({
      'metadata.name': 'web-1',
      'metadata.namespace': 'default',
      'spec.nodeName': 'node-1',
      'spec.restartPolicy': 'Always',
      'spec.schedulerName': 'default-scheduler',
      'spec.serviceAccountName': 'default',
      'spec.hostNetwork': 'false',
      'status.phase': 'Running',
      'status.podIP': '10.244.0.5',
      'status.nominatedNodeName': '',
    });
  });
  it('nodes, namespaces, secrets, services, RCs, events', () => {
    expect(fieldsForObject('Node', { metadata: { name: 'n1' }, spec: { unschedulable: true } })).toEqual({
      'metadata.name': 'n1',
      'spec.unschedulable': 'true',
    });
    expect(fieldsForObject('Namespace', { metadata: { name: 'dev' }, status: { phase: 'Active' } })).toEqual({
      'metadata.name': 'dev',
      'status.phase': 'Active',
      name: 'dev',
    });
    expect(fieldsForObject('Secret', { metadata: { name: 's', namespace: 'd' }, type: 'Opaque' })).toEqual({
      'metadata.name': 's',
      'metadata.namespace': 'd',
      type: 'Opaque',
    });
    expect(fieldsForObject('Service', { metadata: { name: 's', namespace: 'd' }, spec: { clusterIP: '10.96.0.10', type: 'ClusterIP' } })).toEqual({
      'metadata.name': 's',
      'metadata.namespace': 'd',
      'spec.clusterIP': '10.96.0.10',
      'spec.type': 'ClusterIP',
    });
    expect(fieldsForObject('ReplicationController', { metadata: { name: 'rc', namespace: 'd' }, status: { replicas: 3 } })).toEqual({
      'metadata.name': 'rc',
      'metadata.namespace': 'd',
      'status.replicas': '3',
    });
    expect(
      fieldsForObject('Event', {
        metadata: { name: 'web.17', namespace: 'default' },
        involvedObject: { kind: 'Pod', namespace: 'default', name: 'web', uid: 'u1', apiVersion: 'v1', resourceVersion: '7', fieldPath: 'spec.containers{web}' },
        reason: 'Pulled',
        type: 'Normal',
        source: { component: 'kubelet', host: 'n1' },
      }),
    ).toEqual({
      'metadata.name': 'web.17',
      'metadata.namespace': 'default',
      'involvedObject.kind': 'Pod',
      'involvedObject.namespace': 'default',
      'involvedObject.name': 'web',
      'involvedObject.uid': 'u1',
      'involvedObject.apiVersion': 'v1',
      'involvedObject.resourceVersion': '7',
      'involvedObject.fieldPath': 'spec.containers{web}',
      reason: 'Pulled',
      reportingComponent: '',
      source: 'kubelet',
      type: 'Normal',
    });
  });
  it('selects pods on a node', () => {
    const sel = parseFieldSelector('spec.nodeName=node-2');
    const pod = (n: string) => fieldsForObject('Pod', { metadata: { name: n, namespace: 'd' }, spec: { nodeName: n === 'b' ? 'node-2' : 'node-1' } });
    expect(['a', 'b', 'c'].filter((n) => sel.matches(pod(n)))).toEqual(['b']);
  });
});

describe('field label conversion', () => {
  it.each([
    ['Pod', 'spec.nodeName', true],
    ['Pod', 'status.podIP', true],
    ['Pod', 'spec.host', true],
    ['Pod', 'spec.containers', false],
    ['Node', 'metadata.namespace', false],
    ['Node', 'spec.unschedulable', true],
    ['Namespace', 'status.phase', true],
    ['Namespace', 'name', false],
    ['Deployment', 'metadata.name', true],
    ['Deployment', 'status.replicas', false],
    ['ReplicaSet', 'status.replicas', false],
    ['ReplicationController', 'status.replicas', true],
    ['Event', 'involvedObject.name', true],
    ['Secret', 'type', true],
  ])('%s %s → %s', (kind, field, ok) => {
    expect(isSupportedField(kind, field)).toBe(ok);
  });

  it('renames spec.host and reports upstream errors', () => {
    expect(convertFieldLabel('Pod', 'spec.host')).toBe('spec.nodeName');
    expect(() => convertFieldLabel('Pod', 'foo')).toThrow(new SelectorError('field label not supported: foo'));
    expect(() => convertFieldLabel('ConfigMap', 'data.x')).toThrow(
      new SelectorError('"data.x" is not a known field selector: only "metadata.name", "metadata.namespace"'),
    );
    expect(convertFieldSelector('Pod', parseFieldSelector('spec.host=n1')).toString()).toBe('spec.nodeName=n1');
  });
});
