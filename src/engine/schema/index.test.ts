import { describe, it, expect } from 'vitest';
import { definitionFor, jsonSchemaFor, listKinds, openApiV2Document } from './index';

describe('definitions', () => {
  it('carry the real swagger shape for a kind', () => {
    const pod = definitionFor('v1', 'Pod');
    expect(pod?.['x-kubernetes-group-version-kind']).toEqual([{ group: '', kind: 'Pod', version: 'v1' }]);
    expect(pod?.properties?.spec).toEqual({
      description:
        'Specification of the desired behavior of the pod. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status',
      $ref: '#/definitions/io.k8s.api.core.v1.PodSpec',
    });
    const defs = openApiV2Document().definitions;
    expect(defs['io.k8s.api.core.v1.Container'].required).toEqual(['name']);
    expect(defs['io.k8s.api.core.v1.PodSpec'].properties?.containers).toMatchObject({
      type: 'array',
      items: { $ref: '#/definitions/io.k8s.api.core.v1.Container' },
    });
    expect(defs['io.k8s.api.core.v1.PodSpec'].properties?.activeDeadlineSeconds).toMatchObject({ type: 'integer', format: 'int64' });
    expect(defs['io.k8s.api.apps.v1.DeploymentSpec'].properties?.replicas).toMatchObject({ type: 'integer', format: 'int32' });
    expect(defs['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta'].properties?.labels).toMatchObject({
      type: 'object',
      additionalProperties: { type: 'string' },
    });
    expect(defs['io.k8s.apimachinery.pkg.util.intstr.IntOrString']).toMatchObject({ type: 'string', format: 'int-or-string' });
    expect(defs['io.k8s.apimachinery.pkg.apis.meta.v1.Time']).toMatchObject({ type: 'string', format: 'date-time' });
    expect(defs['io.k8s.api.core.v1.ServiceSpec'].properties?.type?.enum).toEqual(['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort']);
    expect(definitionFor('apps/v1', 'Pod')).toBeUndefined();
  });

  it('list the kinds of the covered groups', () => {
    const kinds = listKinds().map((k) => `${k.apiVersion} ${k.kind}`);
    for (const k of [
      'v1 Pod', 'v1 Node', 'v1 Service', 'v1 PodList', 'apps/v1 Deployment', 'apps/v1 StatefulSet', 'batch/v1 CronJob',
      'discovery.k8s.io/v1 EndpointSlice', 'coordination.k8s.io/v1 Lease', 'networking.k8s.io/v1 Ingress',
      'autoscaling/v1 HorizontalPodAutoscaler', 'v1 Status', 'v1 APIResourceList',
    ]) {
      expect(kinds).toContain(k);
    }
    expect(new Set(kinds).size).toBe(kinds.length);
  });
});

describe('jsonSchemaFor', () => {
  it('is a closed, self-contained draft-07 schema', () => {
    const s = jsonSchemaFor('apps/v1', 'Deployment') as { $ref: string; definitions: Record<string, Record<string, unknown>> };
    expect(s.$ref).toBe('#/definitions/io.k8s.api.apps.v1.Deployment');
    const dep = s.definitions['io.k8s.api.apps.v1.Deployment'] as { properties: Record<string, Record<string, unknown>>; additionalProperties: boolean };
    expect(dep.additionalProperties).toBe(false);
    expect(dep.properties.kind.enum).toEqual(['Deployment']);
    expect(dep.properties.apiVersion.enum).toEqual(['apps/v1']);
    expect(dep.properties.spec).toEqual({
      description:
        'Specification of the desired behavior of the Deployment.',
      allOf: [{ $ref: '#/definitions/io.k8s.api.apps.v1.DeploymentSpec' }],
    });
    expect(s.definitions['io.k8s.apimachinery.pkg.util.intstr.IntOrString'].type).toEqual(['integer', 'string']);
    expect(s.definitions['io.k8s.apimachinery.pkg.api.resource.Quantity'].type).toEqual(['string', 'number']);
    expect(s.definitions['io.k8s.apimachinery.pkg.apis.meta.v1.FieldsV1'].additionalProperties).toBeUndefined();
    // Every $ref resolves inside the document.
    for (const m of JSON.stringify(s).matchAll(/"\$ref":"#\/definitions\/([^"]+)"/g)) expect(s.definitions[m[1]]).toBeDefined();
    expect(s.definitions['io.k8s.api.core.v1.Service']).toBeUndefined();
    expect(jsonSchemaFor('apps/v1', 'Deployment')).toBe(s);
    expect(jsonSchemaFor('v1', 'Deployment')).toBeUndefined();
  });
});
