import { describe, it, expect } from 'vitest';
import { fieldRange, findDocument, parseFieldPath, serverMarkers } from './yaml-positions';
import { TEMPLATES } from './templates';

const deployment = TEMPLATES.find((t) => t.kind === 'Deployment')?.text ?? '';
const service = TEMPLATES.find((t) => t.kind === 'Service')?.text ?? '';
const range = (l1: number, c1: number, l2: number, c2: number) => ({ startLineNumber: l1, startColumn: c1, endLineNumber: l2, endColumn: c2 });

describe('parseFieldPath', () => {
  it('parses children, indexes and keys as field.Path prints them', () => {
    expect(parseFieldPath('spec.template.spec.containers[0].ports[1].containerPort')).toEqual([
      { name: 'spec' }, { name: 'template' }, { name: 'spec' }, { name: 'containers' }, { bracket: '0' }, { name: 'ports' }, { bracket: '1' }, { name: 'containerPort' },
    ]);
    expect(parseFieldPath('metadata.annotations[kubectl.kubernetes.io/last-applied-configuration]')).toEqual([
      { name: 'metadata' }, { name: 'annotations' }, { bracket: 'kubectl.kubernetes.io/last-applied-configuration' },
    ]);
    expect(parseFieldPath('spec.selector')).toEqual([{ name: 'spec' }, { name: 'selector' }]);
  });
});

describe('fieldRange', () => {
  it('marks a scalar value', () => {
    expect(fieldRange(deployment, 'spec.replicas')).toEqual(range(8, 13, 8, 14));
    expect(fieldRange(deployment, 'spec.template.spec.containers[0].image')).toEqual(range(19, 18, 19, 28));
    expect(fieldRange(deployment, 'metadata.labels[app]')).toEqual(range(6, 10, 6, 13));
  });

  it('marks the key of a mapping or list value', () => {
    expect(fieldRange(deployment, 'spec.selector')).toEqual(range(9, 3, 9, 11));
    expect(fieldRange(deployment, 'spec.template.spec.containers')).toEqual(range(17, 7, 17, 17));
  });

  it('marks the first line of a list item', () => {
    expect(fieldRange(deployment, 'spec.template.spec.containers[0]')).toEqual(range(18, 11, 18, 22));
  });

  it('falls back to the deepest existing ancestor for a missing field', () => {
    expect(fieldRange(deployment, 'spec.strategy.type')).toEqual(range(7, 1, 7, 5));
    expect(fieldRange(deployment, 'spec.template.spec.containers[1].image')).toEqual(range(17, 7, 17, 17));
    expect(fieldRange(deployment, 'status.replicas')).toEqual(range(1, 1, 1, 20));
  });

  it('works on JSON buffers and on later documents', () => {
    const json = '{\n  "apiVersion": "v1",\n  "kind": "Pod",\n  "metadata": {"name": "p"},\n  "spec": {"containers": [{"name": "c", "image": ""}]}\n}\n';
    expect(fieldRange(json, 'spec.containers[0].image')).toEqual(range(5, 50, 5, 52));
    const both = `${service}---\n${deployment}`;
    const offset = service.split('\n').length; // the service's lines plus the separator line
    expect(fieldRange(both, 'spec.replicas', 1)).toEqual(range(8 + offset, 13, 8 + offset, 14));
    expect(fieldRange(both, 'spec.replicas', 2)).toBeUndefined();
  });
});

describe('findDocument', () => {
  it('finds a document by kind and name', () => {
    const both = `${service}---\n${deployment}`;
    expect(findDocument(both, 'Deployment', 'web')).toBe(1);
    expect(findDocument(both, 'Service', 'web')).toBe(0);
    expect(findDocument(both, 'Pod', 'web')).toBe(-1);
    expect(findDocument(deployment, 'Deployment', 'other')).toBe(0);
  });
});

describe('serverMarkers', () => {
  it('turns Status causes into markers on the failing document', () => {
    const both = `${service}---\n${deployment.replace('replicas: 3', 'replicas: -1')}`;
    const offset = service.split('\n').length;
    const markers = serverMarkers(both, [
      {
        code: 422,
        reason: 'Invalid',
        message: 'Deployment.apps "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0',
        kind: 'Deployment',
        name: 'web',
        causes: [{ field: 'spec.replicas', reason: 'FieldValueInvalid', message: 'Invalid value: -1: must be greater than or equal to 0' }],
      },
    ]);
    expect(markers).toEqual([
      { ...range(8 + offset, 13, 8 + offset, 15), field: 'spec.replicas', message: 'spec.replicas: Invalid value: -1: must be greater than or equal to 0' },
    ]);
  });

  it('marks strict-decoding unknown fields, which carry no causes', () => {
    const text = deployment.replace('  replicas: 3\n', '  replicas: 3\n  foo: 1\n');
    const markers = serverMarkers(text, [
      {
        code: 400,
        reason: 'BadRequest',
        message: 'Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.foo"',
        kind: '',
        name: '',
        causes: [],
      },
    ]);
    expect(markers).toEqual([{ ...range(9, 8, 9, 9), field: 'spec.foo', message: 'unknown field "spec.foo"' }]);
  });

  it('returns nothing for failures without fields', () => {
    expect(serverMarkers(deployment, [{ code: 404, reason: 'NotFound', message: 'namespaces "x" not found', kind: 'namespaces', name: 'x', causes: [] }])).toEqual([]);
  });
});
