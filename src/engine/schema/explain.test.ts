import { describe, it, expect } from 'vitest';
import { explain } from './explain';
import deploymentSpec from './testdata/explain-deployment.spec.txt?raw';
import deploymentRollingUpdate from './testdata/explain-deployment.spec.strategy.rollingUpdate.txt?raw';
import nodeRecursive from './testdata/explain-node-recursive.txt?raw';
import pod from './testdata/explain-pod.txt?raw';
import podImagePullPolicy from './testdata/explain-pod.spec.containers.imagePullPolicy.txt?raw';
import podResources from './testdata/explain-pod.spec.containers.resources.txt?raw';
import serviceSpec from './testdata/explain-service.spec.txt?raw';

// Goldens were printed by the real kubectl v1.32.4 against this schema served by
// testdata/kubectl-oracle.mjs, so they pin the template rendering byte for byte.

describe('explain', () => {
  it('pod', () => {
    expect(explain(undefined, 'Pod', [], {})).toBe(pod);
  });

  it('pod.spec.containers.name (through a list of objects)', () => {
    expect(explain(undefined, 'Pod', ['spec', 'containers', 'name'], {})).toBe(
      'KIND:       Pod\n' +
        'VERSION:    v1\n' +
        '\n' +
        'FIELD: name <string>\n' +
        '\n' +
        '\n' +
        'DESCRIPTION:\n' +
        '    Name of the container specified as a DNS_LABEL. Each container in a pod must\n' +
        '    have a unique name (DNS_LABEL). Cannot be updated.\n' +
        '    \n' +
        '\n',
    );
  });

  it('node --recursive', () => {
    const got = explain(undefined, 'Node', [], { recursive: true });
    expect(got).toBe(nodeRecursive);
    expect(typeof got === 'string' && got.split('\n').slice(0, 14).join('\n')).toBe(
      [
        'KIND:       Node',
        'VERSION:    v1',
        '',
        'DESCRIPTION:',
        '    Node is a worker node in Kubernetes. Each node will have a unique identifier',
        '    in the cache (i.e. in etcd).',
        '    ',
        'FIELDS:',
        '  apiVersion\t<string>',
        '  kind\t<string>',
        '  metadata\t<ObjectMeta>',
        '    annotations\t<map[string]string>',
        '    creationTimestamp\t<string>',
        '    deletionGracePeriodSeconds\t<integer>',
      ].join('\n'),
    );
  });

  it('deployment.spec (GROUP line, -required-, type descriptions appended)', () => {
    expect(explain(undefined, 'Deployment', ['spec'], {})).toBe(deploymentSpec);
    expect(explain('apps/v1', 'Deployment', ['spec'], {})).toBe(deploymentSpec);
  });

  it('enum field in long view', () => {
    expect(explain('v1', 'Pod', ['spec', 'containers', 'imagePullPolicy'], {})).toBe(podImagePullPolicy);
  });

  it('enum lines in field lists', () => {
    expect(explain('v1', 'Service', ['spec'], {})).toBe(serviceSpec);
  });

  it('IntOrString and Quantity type names', () => {
    expect(explain(undefined, 'Deployment', ['spec', 'strategy', 'rollingUpdate'], {})).toBe(deploymentRollingUpdate);
    expect(explain(undefined, 'Pod', ['spec', 'containers', 'resources'], {})).toBe(podResources);
  });

  it('unknown field', () => {
    expect(explain(undefined, 'Pod', ['spec', 'foo'], {})).toEqual({ error: 'error: field "foo" does not exist' });
    expect(explain(undefined, 'Pod', ['spec', 'containers', 'name', 'x'], {})).toEqual({ error: 'error: field "x" does not exist' });
  });

  it('unknown kind or version', () => {
    expect(explain(undefined, 'Foo', [], {})).toEqual({ error: 'error: GVR (, Kind=Foo) not found in OpenAPI schema' });
    expect(explain('apps/v2', 'Deployment', [], {})).toEqual({ error: 'error: GVR (apps/v2, Kind=Deployment) not found in OpenAPI schema' });
  });
});
