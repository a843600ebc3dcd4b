// Table tests modelled on apimachinery/pkg/util/strategicpatch/patch_test.go (merge cases,
// directives, ordering) and on kubectl apply's three-way behaviour.
import { describe, it, expect } from 'vitest';
import type { Json } from '../../api/types';
import { applyStrategicMergePatch, createThreeWayMergePatch, createTwoWayMergePatch, PatchError } from './index';

function frozen<T>(v: T): T {
  if (v && typeof v === 'object') {
    Object.values(v as object).forEach(frozen);
    Object.freeze(v);
  }
  return v;
}

const podSpec = (spec: Json): Json => ({ spec });
const deploy = (podspec: Json, extra: Record<string, Json> = {}): Json => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web' },
  spec: { ...extra, template: { metadata: { labels: { app: 'web' } }, spec: podspec } },
});

describe('applyStrategicMergePatch', () => {
  it.each<[string, string, Json, Json, Json]>([
    [
      'merges containers by name and appends new ones',
      'Pod',
      podSpec({ containers: [{ name: 'a', image: 'nginx:1', ports: [{ containerPort: 80 }] }, { name: 'b', image: 'redis' }] }),
      podSpec({ containers: [{ name: 'a', image: 'nginx:2' }, { name: 'c', image: 'busybox' }] }),
      podSpec({
        containers: [
          { name: 'a', image: 'nginx:2', ports: [{ containerPort: 80 }] },
          { name: 'c', image: 'busybox' },
          { name: 'b', image: 'redis' },
        ],
      }),
    ],
    [
      'deletes a list element with $patch: delete',
      'Pod',
      podSpec({ containers: [{ name: 'a', image: 'x' }, { name: 'b', image: 'y' }] }),
      podSpec({ containers: [{ $patch: 'delete', name: 'a' }] }),
      podSpec({ containers: [{ name: 'b', image: 'y' }] }),
    ],
    [
      'replaces a whole list with $patch: replace',
      'Pod',
      podSpec({ containers: [{ name: 'a', image: 'x' }, { name: 'b', image: 'y' }] }),
      podSpec({ containers: [{ name: 'c', image: 'z' }, { $patch: 'replace' }] }),
      podSpec({ containers: [{ name: 'c', image: 'z' }] }),
    ],
    [
      'replaces a map with $patch: replace',
      'Pod',
      { metadata: { labels: { a: '1', b: '2' } } },
      { metadata: { labels: { $patch: 'replace', c: '3' } } },
      { metadata: { labels: { c: '3' } } },
    ],
    [
      'empties a map with $patch: delete',
      'Pod',
      { metadata: { name: 'p', labels: { a: '1' } } },
      { metadata: { labels: { $patch: 'delete' } } },
      { metadata: { name: 'p', labels: {} } },
    ],
    [
      'null deletes a key; unmatched nulls are dropped',
      'ConfigMap',
      { metadata: { name: 'c', labels: { a: '1', b: '2' } }, data: { x: '1' } },
      { metadata: { labels: { a: null, z: null } }, data: { y: '2' }, extra: { k: null, v: 1 } },
      { metadata: { name: 'c', labels: { b: '2' } }, data: { x: '1', y: '2' }, extra: { v: 1 } },
    ],
    [
      'lists without a strategy are replaced (tolerations, args)',
      'Pod',
      podSpec({ tolerations: [{ key: 'a' }], containers: [{ name: 'a', args: ['1', '2'] }] }),
      podSpec({ tolerations: [{ key: 'b' }], containers: [{ name: 'a', args: ['3'] }] }),
      podSpec({ tolerations: [{ key: 'b' }], containers: [{ name: 'a', args: ['3'] }] }),
    ],
    [
      'env merges by name inside a container; volumeMounts by mountPath',
      'Pod',
      podSpec({ containers: [{ name: 'a', env: [{ name: 'X', value: '1' }, { name: 'Y', value: '2' }], volumeMounts: [{ mountPath: '/d', name: 'v' }] }] }),
      podSpec({ containers: [{ name: 'a', env: [{ name: 'Y', value: '3' }], volumeMounts: [{ mountPath: '/d', readOnly: true }] }] }),
      podSpec({ containers: [{ name: 'a', env: [{ name: 'X', value: '1' }, { name: 'Y', value: '3' }], volumeMounts: [{ mountPath: '/d', name: 'v', readOnly: true }] }] }),
    ],
    [
      'service ports merge by port (server order kept for known items)',
      'Service',
      { spec: { ports: [{ port: 80, targetPort: 8080, name: 'http' }, { port: 443, name: 'https' }] } },
      { spec: { ports: [{ port: 443, targetPort: 8443 }] } },
      { spec: { ports: [{ port: 80, targetPort: 8080, name: 'http' }, { port: 443, name: 'https', targetPort: 8443 }] } },
    ],
    [
      'finalizers merge as a set of primitives (new items first, no $setElementOrder)',
      'Pod',
      { metadata: { finalizers: ['a', 'b'] } },
      { metadata: { finalizers: ['b', 'c'] } },
      { metadata: { finalizers: ['a', 'b', 'c'] } },
    ],
    [
      'a primitive not on the server goes before server-only items',
      'Pod',
      { metadata: { finalizers: ['a', 'b'] } },
      { metadata: { finalizers: ['c'] } },
      { metadata: { finalizers: ['c', 'a', 'b'] } },
    ],
    [
      '$deleteFromPrimitiveList removes primitives',
      'Namespace',
      { metadata: { finalizers: ['a', 'b', 'c'] } },
      { metadata: { '$deleteFromPrimitiveList/finalizers': ['b'] } },
      { metadata: { finalizers: ['a', 'c'] } },
    ],
    [
      '$setElementOrder reorders a merged list',
      'Pod',
      podSpec({ containers: [{ name: 'a', image: 'x' }, { name: 'b', image: 'y' }, { name: 's', image: 'side' }] }),
      podSpec({ '$setElementOrder/containers': [{ name: 'b' }, { name: 'a' }], containers: [{ name: 'a', image: 'x2' }] }),
      podSpec({ containers: [{ name: 'b', image: 'y' }, { name: 'a', image: 'x2' }, { name: 's', image: 'side' }] }),
    ],
    [
      '$retainKeys clears the fields it does not list (Deployment strategy)',
      'Deployment',
      { spec: { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } } } },
      { spec: { strategy: { $retainKeys: ['type'], type: 'Recreate' } } },
      { spec: { strategy: { type: 'Recreate' } } },
    ],
    [
      'ownerReferences merge by uid',
      'ReplicaSet',
      { metadata: { ownerReferences: [{ uid: '1', name: 'd1' }] } },
      { metadata: { ownerReferences: [{ uid: '2', name: 'd2' }] } },
      { metadata: { ownerReferences: [{ uid: '2', name: 'd2' }, { uid: '1', name: 'd1' }] } },
    ],
    [
      'pod status conditions merge by type',
      'Pod',
      { status: { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'True' }] } },
      { status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }, { type: 'PodScheduled', status: 'True', reason: 'x' }] } },
      { status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }, { type: 'PodScheduled', status: 'True', reason: 'x' }] } },
    ],
    [
      'a new list element loses directive leftovers and nulls',
      'Pod',
      podSpec({ containers: [{ name: 'a' }] }),
      podSpec({ containers: [{ name: 'b', image: null, env: [{ name: 'X', value: '1' }, { $patch: 'delete', name: 'Y' }] }] }),
      podSpec({ containers: [{ name: 'b', env: [{ name: 'X', value: '1' }] }, { name: 'a' }] }),
    ],
  ])('%s', (_name, kind, doc, patch, want) => {
    expect(applyStrategicMergePatch(frozen(doc), frozen(patch), kind)).toEqual(want);
  });

  it.each<[string, Json, Json, string, number]>([
    ['missing merge key', podSpec({ containers: [{ name: 'a' }] }), podSpec({ containers: [{ image: 'x' }] }), 'map: map[image:x] does not contain declared merge key: name', 500],
    ['unknown $patch in a map', { metadata: { labels: { a: 'b' } } }, { metadata: { labels: { $patch: 'foo', a: 'c' } } }, 'unknown patch type: foo in map: map[$patch:foo a:c]', 500],
    ['$patch: merge in a list', podSpec({ containers: [{ name: 'a' }] }), podSpec({ containers: [{ $patch: 'merge' }] }), 'merging lists cannot yet be specified in the patch', 500],
    ['$retainKeys not a list', { spec: { strategy: {} } }, { spec: { strategy: { $retainKeys: 'type' } } }, 'invalid patch format of retainKeys', 400],
    ['patch field missing from $retainKeys', { spec: { strategy: {} } }, { spec: { strategy: { $retainKeys: ['type'], rollingUpdate: {} } } }, 'invalid patch format of retainKeys', 400],
    ['lists of lists', { metadata: { finalizers: [['a']] } }, { metadata: { finalizers: [['b']] } }, 'lists of lists are not supported', 422],
  ])('error: %s', (_name, doc, patch, msg, code) => {
    let err: unknown;
    try {
      applyStrategicMergePatch(frozen(doc), frozen(patch), JSON.stringify(doc).includes('strategy') ? 'Deployment' : 'Pod');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(PatchError);
    expect([(err as PatchError).message, (err as PatchError).code]).toEqual([msg, code]);
  });
});

describe('createTwoWayMergePatch (kubectl label / set image / edit)', () => {
  it('adds a label', () => {
    expect(
      createTwoWayMergePatch({ metadata: { name: 'p', labels: { app: 'web' } } }, { metadata: { name: 'p', labels: { app: 'web', env: 'dev' } } }, 'Pod'),
    ).toEqual({ metadata: { labels: { env: 'dev' } } });
  });
  it('removes a label with null', () => {
    expect(createTwoWayMergePatch({ metadata: { labels: { app: 'web', env: 'dev' } } }, { metadata: { labels: { app: 'web' } } }, 'Pod')).toEqual({
      metadata: { labels: { env: null } },
    });
  });
  it('changes an image with $setElementOrder', () => {
    const before = deploy({ containers: [{ name: 'web', image: 'nginx:1.26' }, { name: 'log', image: 'busybox' }] });
    const after = deploy({ containers: [{ name: 'web', image: 'nginx:1.27' }, { name: 'log', image: 'busybox' }] });
    const patch = createTwoWayMergePatch(before, after, 'Deployment');
    expect(patch).toEqual({
      spec: {
        template: {
          spec: {
            '$setElementOrder/containers': [{ name: 'web' }, { name: 'log' }],
            containers: [{ image: 'nginx:1.27', name: 'web' }],
          },
        },
      },
    });
    expect(JSON.stringify(patch)).toBe(
      '{"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"web"},{"name":"log"}],"containers":[{"image":"nginx:1.27","name":"web"}]}}}}',
    );
    expect(applyStrategicMergePatch(before, patch, 'Deployment')).toEqual(after);
  });
  it('removes a container and a finalizer', () => {
    const before = { metadata: { finalizers: ['a', 'b'] }, spec: { containers: [{ name: 'a' }, { name: 'b' }] } };
    const after = { metadata: { finalizers: ['a'] }, spec: { containers: [{ name: 'b' }] } };
    const patch = createTwoWayMergePatch(before, after, 'Pod');
    expect(JSON.stringify(patch)).toBe(
      '{"metadata":{"$deleteFromPrimitiveList/finalizers":["b"],"$setElementOrder/finalizers":["a"]},"spec":{"$setElementOrder/containers":[{"name":"b"}],"containers":[{"$patch":"delete","name":"a"}]}}',
    );
    expect(applyStrategicMergePatch(before, patch, 'Pod')).toEqual(after);
  });
  it('returns {} when nothing changed', () => {
    const o = deploy({ containers: [{ name: 'web', image: 'nginx' }] });
    expect(createTwoWayMergePatch(o, o, 'Deployment')).toEqual({});
  });
});

describe('createThreeWayMergePatch (kubectl apply)', () => {
  const lastApplied = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', labels: { app: 'web', tier: 'fe' } },
    spec: {
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.26' }] } },
    },
  };
  const live = {
    ...lastApplied,
    metadata: { ...lastApplied.metadata, uid: 'u1', resourceVersion: '42', generation: 3 },
    spec: {
      ...lastApplied.spec,
      replicas: 5, // set by `kubectl scale`, not in the file
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: {
          containers: [{ name: 'web', image: 'nginx:1.26', imagePullPolicy: 'IfNotPresent', terminationMessagePath: '/dev/termination-log' }],
          restartPolicy: 'Always',
        },
      },
    },
    status: { replicas: 5, readyReplicas: 5 },
  };

  it('returns {} when the file did not change (server fields and scaled replicas are kept)', () => {
    expect(createThreeWayMergePatch(frozen(lastApplied), frozen(lastApplied), frozen(live), 'Deployment')).toEqual({});
  });

  it('deletes a field removed from the file and keeps replicas set by kubectl scale', () => {
    const file = { ...lastApplied, metadata: { name: 'web', labels: { app: 'web' } } };
    const patch = createThreeWayMergePatch(frozen(lastApplied), frozen(file), frozen(live), 'Deployment');
    expect(patch).toEqual({ metadata: { labels: { tier: null } } });
    const result = applyStrategicMergePatch(live, patch, 'Deployment') as { metadata: unknown; spec: { replicas: number } };
    expect(result.metadata).toEqual({ name: 'web', labels: { app: 'web' }, uid: 'u1', resourceVersion: '42', generation: 3 });
    expect(result.spec.replicas).toBe(5);
  });

  it('sets replicas when the file starts declaring them', () => {
    const file = { ...lastApplied, spec: { ...lastApplied.spec, replicas: 2 } };
    expect(createThreeWayMergePatch(lastApplied, file, live, 'Deployment')).toEqual({ spec: { replicas: 2 } });
  });

  it('merges containers by name: changed image plus a new sidecar', () => {
    const file = {
      ...lastApplied,
      spec: {
        ...lastApplied.spec,
        template: {
          metadata: { labels: { app: 'web' } },
          spec: { containers: [{ name: 'web', image: 'nginx:1.27' }, { name: 'log', image: 'busybox' }] },
        },
      },
    };
    const patch = createThreeWayMergePatch(frozen(lastApplied), frozen(file), frozen(live), 'Deployment');
    expect(JSON.stringify(patch)).toBe(
      '{"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"web"},{"name":"log"}],"containers":[{"image":"nginx:1.27","name":"web"},{"image":"busybox","name":"log"}]}}}}',
    );
    const result = applyStrategicMergePatch(live, patch, 'Deployment') as { spec: { template: { spec: unknown } } };
    expect(result.spec.template.spec).toEqual({
      containers: [
        { name: 'web', image: 'nginx:1.27', imagePullPolicy: 'IfNotPresent', terminationMessagePath: '/dev/termination-log' },
        { name: 'log', image: 'busybox' },
      ],
      restartPolicy: 'Always',
    });
  });

  it('deletes a container removed from the file with $patch: delete', () => {
    const two = {
      ...lastApplied,
      spec: {
        ...lastApplied.spec,
        template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx' }, { name: 'old', image: 'x' }] } },
      },
    };
    const one = {
      ...lastApplied,
      spec: { ...lastApplied.spec, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx' }] } } },
    };
    const current = { ...two, spec: { ...two.spec, replicas: 1 } };
    const patch = createThreeWayMergePatch(two, one, current, 'Deployment');
    expect(JSON.stringify(patch)).toBe(
      '{"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"web"}],"containers":[{"$patch":"delete","name":"old"}]}}}}',
    );
    expect(applyStrategicMergePatch(current, patch, 'Deployment')).toEqual({ ...one, spec: { ...one.spec, replicas: 1 } });
  });

  it('removes a finalizer from the file but keeps one a controller added', () => {
    const orig = { metadata: { name: 'n', finalizers: ['a', 'b'] } };
    const file = { metadata: { name: 'n', finalizers: ['a'] } };
    const current = { metadata: { name: 'n', finalizers: ['a', 'b', 'c'] } };
    const patch = createThreeWayMergePatch(orig, file, current, 'ConfigMap');
    expect(patch).toEqual({ metadata: { '$deleteFromPrimitiveList/finalizers': ['b'], '$setElementOrder/finalizers': ['a'] } });
    expect(applyStrategicMergePatch(current, patch, 'ConfigMap')).toEqual({ metadata: { name: 'n', finalizers: ['a', 'c'] } });
  });

  it('switches a Deployment to Recreate with $retainKeys', () => {
    const file = { ...lastApplied, spec: { ...lastApplied.spec, strategy: { type: 'Recreate' } } };
    const patch = createThreeWayMergePatch(lastApplied, file, live, 'Deployment');
    expect(patch).toEqual({ spec: { strategy: { $retainKeys: ['type'], type: 'Recreate' } } });
    const result = applyStrategicMergePatch(live, patch, 'Deployment') as { spec: { strategy: unknown } };
    expect(result.spec.strategy).toEqual({ type: 'Recreate' });
  });

  it('without a last-applied annotation only adds and changes', () => {
    const file = { ...lastApplied, metadata: { name: 'web', labels: { app: 'web2' } } };
    expect(createThreeWayMergePatch(null, file, live, 'Deployment')).toEqual({ metadata: { labels: { app: 'web2' } } });
  });
});
