import { describe, it, expect } from 'vitest';
import { inspectorStore, kubectlArgs, resourceFor, viewsFor } from './inspector-model';

describe('inspector model', () => {
  it('builds the kubectl command lines of each view', () => {
    const pod = { kind: 'Pod', name: 'web-1', namespace: 'default' };
    expect(kubectlArgs(pod, 'yaml')).toEqual(['get', 'pods', 'web-1', '-n', 'default', '-o', 'yaml']);
    expect(kubectlArgs(pod, 'describe')).toEqual(['describe', 'pods', 'web-1', '-n', 'default']);
    expect(kubectlArgs(pod, 'logs')).toEqual(['logs', 'web-1', '-n', 'default', '--all-containers=true', '--tail=500']);
    expect(kubectlArgs(pod, 'events')).toBeUndefined();
    expect(kubectlArgs({ kind: 'Node', name: 'node1', namespace: '' }, 'yaml')).toEqual(['get', 'nodes', 'node1', '-o', 'yaml']);
  });

  it('maps kinds to resources and views', () => {
    expect(['Pod', 'Node', 'Service', 'Deployment', 'ReplicaSet', 'DaemonSet', 'ReplicationController'].map(resourceFor)).toEqual(
      ['pods', 'nodes', 'services', 'deployments.apps', 'replicasets.apps', 'daemonsets.apps', 'replicationcontrollers'],
    );
    expect(viewsFor('Pod')).toEqual(['yaml', 'describe', 'events', 'logs']);
    expect(viewsFor('Service')).toEqual(['yaml', 'describe', 'events']);
  });

  it('opens and closes one target', () => {
    inspectorStore.getState().open({ kind: 'Pod', name: 'a', namespace: 'default' });
    expect(inspectorStore.getState().target?.name).toBe('a');
    inspectorStore.getState().close();
    expect(inspectorStore.getState().target).toBeNull();
  });
});
