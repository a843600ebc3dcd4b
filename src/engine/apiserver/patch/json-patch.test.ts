// Cases modelled on evanphx/json-patch patch_test.go (Cases, MutationTestCases, BadCases).
import { describe, it, expect } from 'vitest';
import type { Json } from '../../api/types';
import { applyJsonPatch, applyMergePatch, PatchError, REJECTED_REQUEST_MESSAGE } from './index';

function frozen<T>(v: T): T {
  if (v && typeof v === 'object') {
    Object.values(v as object).forEach(frozen);
    Object.freeze(v);
  }
  return v;
}

describe('applyJsonPatch: successful cases', () => {
  it.each<[string, Json, Json, Json]>([
    ['add a key', { foo: 'bar' }, [{ op: 'add', path: '/baz', value: 'qux' }], { foo: 'bar', baz: 'qux' }],
    ['add into an array', { foo: ['bar', 'baz'] }, [{ op: 'add', path: '/foo/1', value: 'qux' }], { foo: ['bar', 'qux', 'baz'] }],
    ['append with -', { foo: ['bar'] }, [{ op: 'add', path: '/foo/-', value: 'qux' }], { foo: ['bar', 'qux'] }],
    ['negative index', { foo: ['bar', 'baz'] }, [{ op: 'add', path: '/foo/-1', value: 'qux' }], { foo: ['bar', 'baz', 'qux'] }],
    ['add at the end index', { foo: ['bar'] }, [{ op: 'add', path: '/foo/1', value: 'qux' }], { foo: ['bar', 'qux'] }],
    ['remove a key', { baz: 'qux', foo: 'bar' }, [{ op: 'remove', path: '/baz' }], { foo: 'bar' }],
    ['remove from an array', { foo: ['bar', 'qux', 'baz'] }, [{ op: 'remove', path: '/foo/1' }], { foo: ['bar', 'baz'] }],
    ['replace', { baz: 'qux', foo: 'bar' }, [{ op: 'replace', path: '/baz', value: 'boo' }], { baz: 'boo', foo: 'bar' }],
    ['replace a missing key adds it (v4 behaviour)', { foo: 'bar' }, [{ op: 'replace', path: '/baz', value: 1 }], { foo: 'bar', baz: 1 }],
    [
      'move between objects',
      { foo: { bar: 'baz', waldo: 'fred' }, qux: { corge: 'grault' } },
      [{ op: 'move', from: '/foo/waldo', path: '/qux/thud' }],
      { foo: { bar: 'baz' }, qux: { corge: 'grault', thud: 'fred' } },
    ],
    [
      'move inside an array',
      { foo: ['all', 'grass', 'cows', 'eat'] },
      [{ op: 'move', from: '/foo/1', path: '/foo/3' }],
      { foo: ['all', 'cows', 'eat', 'grass'] },
    ],
    [
      'copy',
      { foo: { bar: 'baz', waldo: 'fred' }, qux: { corge: 'grault' } },
      [{ op: 'copy', from: '/foo/waldo', path: '/qux/thud' }],
      { foo: { bar: 'baz', waldo: 'fred' }, qux: { corge: 'grault', thud: 'fred' } },
    ],
    ['escaped keys', { 'a/b': 1, 'm~n': 2 }, [{ op: 'replace', path: '/a~1b', value: 3 }, { op: 'remove', path: '/m~0n' }], { 'a/b': 3 }],
    [
      'test then replace (kubectl patch --type=json guard)',
      { metadata: { labels: { A: 'true' } } },
      [
        { op: 'test', path: '/metadata/labels/A', value: 'true' },
        { op: 'replace', path: '/metadata/labels/A', value: 'false' },
      ],
      { metadata: { labels: { A: 'false' } } },
    ],
    ['test null against a missing key', { foo: 'bar' }, [{ op: 'test', path: '/baz', value: null }], { foo: 'bar' }],
    ['test an object', { foo: { a: 1, b: [1, 2] } }, [{ op: 'test', path: '/foo', value: { a: 1, b: [1, 2] } }], { foo: { a: 1, b: [1, 2] } }],
    [
      'add then edit the added value',
      { spec: {} },
      [
        { op: 'add', path: '/spec/template', value: { labels: { a: 'b' } } },
        { op: 'add', path: '/spec/template/labels/c', value: 'd' },
      ],
      { spec: { template: { labels: { a: 'b', c: 'd' } } } },
    ],
  ])('%s', (_name, doc, ops, want) => {
    const d = frozen(doc);
    const o = frozen(ops);
    expect(applyJsonPatch(d, o)).toEqual(want);
  });

  it('does not mutate the patch value when a later op edits it', () => {
    const value = frozen({ a: 'b' });
    const out = applyJsonPatch(frozen({}), [
      { op: 'add', path: '/x', value },
      { op: 'add', path: '/x/c', value: 'd' },
    ]);
    expect(out).toEqual({ x: { a: 'b', c: 'd' } });
    expect(value).toEqual({ a: 'b' });
  });
});

describe('applyJsonPatch: errors', () => {
  it.each<[string, Json, Json, string]>([
    ['missing parent', { foo: 'bar' }, [{ op: 'add', path: '/baz/bat', value: 'qux' }], 'add operation does not apply: doc is missing path: "/baz/bat": missing value'],
    ['remove a missing key', { foo: 'bar' }, [{ op: 'remove', path: '/bar' }], "error in remove for path: '/bar': Unable to remove nonexistent key: bar: missing value"],
    ['remove beyond the end', { foo: ['a', 'b'] }, [{ op: 'remove', path: '/foo/5' }], "error in remove for path: '/foo/5': Unable to access invalid index: 5: invalid index referenced"],
    ['add beyond the end', { foo: ['a', 'b'] }, [{ op: 'add', path: '/foo/5', value: 'c' }], "error in add for path: '/foo/5': Unable to access invalid index: 5: invalid index referenced"],
    ['bad index', { foo: ['a'] }, [{ op: 'add', path: '/foo/x', value: 'c' }], `error in add for path: '/foo/x': value was not a proper array index: 'x': strconv.Atoi: parsing "x": invalid syntax`],
    ['replace beyond the end', { foo: ['a'] }, [{ op: 'replace', path: '/foo/5', value: 'c' }], 'replace operation does not apply: doc is missing key: /foo/5: missing value'],
    ['replace under a missing parent', { foo: 'bar' }, [{ op: 'replace', path: '/a/b', value: 'c' }], 'replace operation does not apply: doc is missing path: /a/b: missing value'],
    ['failed test', { foo: 'bar' }, [{ op: 'test', path: '/foo', value: 'baz' }], 'testing value /foo failed: test failed'],
    ['test a missing key', { foo: 'bar' }, [{ op: 'test', path: '/baz', value: 'x' }], 'testing value /baz failed: test failed'],
    ['test under a missing parent', { foo: 'bar' }, [{ op: 'test', path: '/a/b', value: 'x' }], 'test operation does not apply: is missing path: /a/b: missing value'],
    ['unknown op', { foo: 'bar' }, [{ op: 'frob', path: '/foo' }], 'Unexpected kind: frob'],
    ['missing op', { foo: 'bar' }, [{ path: '/foo' }], 'Unexpected kind: unknown'],
    ['missing path', { foo: 'bar' }, [{ op: 'add', value: 1 }], 'add operation failed to decode path: missing value'],
    ['replace without path', { foo: 'bar' }, [{ op: 'replace', value: 1 }], 'replace operation failed to decode path: operation missing path field: missing value'],
    ['move without from', { foo: 'bar' }, [{ op: 'move', path: '/x' }], 'move operation failed to decode from: operation, missing from field: missing value'],
    ['move a missing key', { foo: 'bar' }, [{ op: 'move', from: '/x', path: '/y' }], "error in move for path: 'x': Unable to remove nonexistent key: x: missing value"],
    ['path without a slash', { foo: 'bar' }, [{ op: 'remove', path: 'foo' }], 'remove operation does not apply: doc is missing path: "foo": missing value'],
  ])('%s', (_name, doc, ops, msg) => {
    let err: unknown;
    try {
      applyJsonPatch(frozen(doc), frozen(ops));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(PatchError);
    const pe = err as PatchError;
    expect([pe.message, pe.code, pe.reason, pe.statusMessage]).toEqual([msg, 422, 'Invalid', REJECTED_REQUEST_MESSAGE]);
  });

  it('rejects a patch that is not a list of operations with 400', () => {
    for (const [ops, msg] of [
      [{ op: 'add' }, 'json: cannot unmarshal object into Go value of type jsonpatch.Patch'],
      [['x'], 'json: cannot unmarshal string into Go value of type jsonpatch.Operation'],
    ] as [Json, string][]) {
      let err: unknown;
      try {
        applyJsonPatch({}, ops);
      } catch (e) {
        err = e;
      }
      expect([(err as PatchError).message, (err as PatchError).code, (err as PatchError).statusMessage]).toEqual([msg, 400, msg]);
    }
  });

  it('applies nothing when a later op fails', () => {
    const doc = frozen({ a: 1 });
    expect(() => applyJsonPatch(doc, [{ op: 'add', path: '/b', value: 2 }, { op: 'test', path: '/a', value: 2 }])).toThrow(PatchError);
    expect(doc).toEqual({ a: 1 });
  });
});

describe('applyMergePatch (RFC 7386 appendix A)', () => {
  it.each<[Json, Json, Json]>([
    [{ a: 'b' }, { a: 'c' }, { a: 'c' }],
    [{ a: 'b' }, { b: 'c' }, { a: 'b', b: 'c' }],
    [{ a: 'b' }, { a: null }, {}],
    [{ a: 'b', b: 'c' }, { a: null }, { b: 'c' }],
    [{ a: ['b'] }, { a: 'c' }, { a: 'c' }],
    [{ a: 'c' }, { a: ['b'] }, { a: ['b'] }],
    [{ a: { b: 'c' } }, { a: { b: 'd', c: null } }, { a: { b: 'd' } }],
    [{ a: [{ b: 'c' }] }, { a: [1] }, { a: [1] }],
    [{ e: null }, { a: 1 }, { e: null, a: 1 }],
    [{}, { a: { bb: { ccc: null } } }, { a: { bb: {} } }],
    [{ metadata: { labels: { app: 'web', tier: 'fe' } } }, { metadata: { labels: { tier: null, env: 'dev' } } }, { metadata: { labels: { app: 'web', env: 'dev' } } }],
    [{ spec: { ports: [{ port: 80 }, { port: 443 }] } }, { spec: { ports: [{ port: 8080, name: null }] } }, { spec: { ports: [{ port: 8080 }] } }],
  ])('%j + %j', (doc, patch, want) => {
    expect(applyMergePatch(frozen(doc), frozen(patch))).toEqual(want);
  });

  it('rejects a null or scalar patch', () => {
    expect(() => applyMergePatch({}, null)).toThrow(new PatchError('Invalid JSON Patch'));
    expect(() => applyMergePatch({}, 'x')).toThrow(new PatchError('Invalid JSON Patch'));
  });
});
