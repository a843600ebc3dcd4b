// The -o yaml / -o json encoders against what the real kubectl v1.32 prints (the YAML expectation
// is `kubectl create configmap c --from-literal=... --dry-run=client -o yaml` with the same data).
import { describe, expect, it } from 'vitest';
import { parseManifests, toGoJson, toGoJsonCompact, toYaml, yamlKeyLess } from './yaml';

describe('toYaml (go-yaml v2 through sigs.k8s.io/yaml)', () => {
  it('quotes, folds and chooses block styles like kubectl', () => {
    const data: Record<string, string> = {
      long: 'a '.repeat(60),
      colons: 'x: '.repeat(40),
      quote: "it's a 'quote'",
      tab: 'tab\there',
      lit: 'line1\nline2\n',
      keep: 'line1\n\nline3\n\n',
      strip: 'line1\nline2',
      lead: ' leading',
      num: '123',
      bool: 'true',
      n: 'x',
      empty: '',
      ts: '2024-01-01T00:00:00Z',
      sexa: '12:30',
      dash: '- dash',
      hash: 'a #b',
      plain: 'a#b',
    };
    // Verbatim output of the real kubectl v1.32 for the same data.
    const want = [
      'apiVersion: v1',
      'data:',
      '  bool: "true"',
      '  colons: \'x: x: x: x: x: x: x: x: x: x: x: x: x: x: x: x: x: x: x: x: x: x: x: x:',
      '    x: x: x: x: x: x: x: x: x: x: x: x: x: x: x: x: \'',
      '  dash: \'- dash\'',
      '  empty: ""',
      '  hash: \'a #b\'',
      '  keep: |+',
      '    line1',
      '',
      '    line3',
      '',
      '  lead: \' leading\'',
      '  lit: |',
      '    line1',
      '    line2',
      '  long: \'a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a',
      '    a a a a a a a a a a a a a a a a a a a a a a a \'',
      '  "n": x',
      '  num: "123"',
      '  plain: a#b',
      '  quote: it\'s a \'quote\'',
      '  sexa: "12:30"',
      '  strip: |-',
      '    line1',
      '    line2',
      '  tab: "tab\\there"',
      '  ts: "2024-01-01T00:00:00Z"',
      'kind: ConfigMap',
      'metadata:',
      '  creationTimestamp: null',
      '  name: c',
      '',
    ].join('\n');
    expect(toYaml({ apiVersion: 'v1', data, kind: 'ConfigMap', metadata: { creationTimestamp: null, name: 'c' } })).toBe(want);
  });

  it('writes sequences indentless under keys, nested under items, and empty collections in flow style', () => {
    expect(toYaml({ list: ['a', { b: 1, c: [] }, {}, [1, 2]], m: {} })).toBe('list:\n- a\n- b: 1\n  c: []\n- {}\n- - 1\n  - 2\nm: {}\n');
  });

  it('orders keys as go-yaml v2 does (non-letters first, digit runs by value)', () => {
    const keys = ['key10', 'key9', 'a_b', 'aB', 'ab', 'a-b', 'A'];
    expect(keys.sort((x, y) => (yamlKeyLess(x, y) ? -1 : yamlKeyLess(y, x) ? 1 : 0))).toEqual(['A', 'a-b', 'a_b', 'aB', 'ab', 'key9', 'key10']);
  });
});

describe('toGoJson (encoding/json)', () => {
  it('indents by four spaces, sorts keys and escapes HTML characters', () => {
    expect(toGoJson({ b: [], a: { z: '<none>&', y: 1.5 }, c: {} })).toBe('{\n    "a": {\n        "y": 1.5,\n        "z": "\\u003cnone\\u003e\\u0026"\n    },\n    "b": [],\n    "c": {}\n}');
    expect(toGoJsonCompact({ b: [1, 'x'], a: null })).toBe('{"a":null,"b":[1,"x"]}');
  });
});

describe('parseManifests', () => {
  it('splits documents, drops empty ones and keeps timestamps as strings', () => {
    expect(parseManifests('a: 1\n---\n---\nb: 2020-01-01T00:00:00Z\n')).toEqual([{ a: 1 }, { b: '2020-01-01T00:00:00Z' }]);
    expect(parseManifests('{"kind": "Pod"}')).toEqual([{ kind: 'Pod' }]);
  });
});
