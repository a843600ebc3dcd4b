// Table tests modelled on apimachinery/pkg/labels/selector_test.go and
// apimachinery/pkg/apis/meta/v1/helpers_test.go.
import { describe, it, expect } from 'vitest';
import { labelSelectorFromMeta, labelSelectorFromSet, parseLabelSelector, SelectorError } from './index';

const LABEL_VALUE_MSG =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
const NAME_PART_MSG =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

describe('parseLabelSelector: String() canonical form', () => {
  it.each([
    ['x=a,y=b,z=c', 'x=a,y=b,z=c'],
    ['', ''],
    ['x!=a,y=b', 'x!=a,y=b'],
    ['x=', 'x='],
    ['x= ', 'x='],
    ['x=,z= ', 'x=,z='],
    ['x= ,z= ', 'x=,z='],
    ['!x', '!x'],
    ['x>1', 'x>1'],
    ['x>1,z<5', 'x>1,z<5'],
    // requirements are sorted by key, values inside sets are sorted
    ['z in (c,a,b),a', 'a,z in (a,b,c)'],
    ['x notin (abc,def),y!=jkl,!z', 'x notin (abc,def),y!=jkl,!z'],
    ['x notin (abc),y in (jkl,mno),z notin ()', 'x notin (abc),y in (jkl,mno),z notin ()'],
    ['x=abc,y==jkl,z!=a', 'x=abc,y==jkl,z!=a'],
    [' app = web , tier in ( fe , be ) ', 'app=web,tier in (be,fe)'],
    ['x in (foo,,baz),y,z notin ()', 'x in (,baz,foo),y,z notin ()'],
    ['notin=in', 'notin=in'],
    ['in in (in)', 'in in (in)'],
    ['app.kubernetes.io/name=web', 'app.kubernetes.io/name=web'],
  ])('%j → %j', (input, out) => {
    expect(parseLabelSelector(input).toString()).toBe(out);
  });

  it('exposes requirements and emptiness', () => {
    expect(parseLabelSelector('b in (y,x),a').requirements).toEqual([
      { key: 'a', operator: 'exists', values: [] },
      { key: 'b', operator: 'in', values: ['x', 'y'] },
    ]);
    expect(parseLabelSelector('').empty).toBe(true);
    expect(parseLabelSelector('a').empty).toBe(false);
  });
});

describe('parseLabelSelector: errors as labels.Parse returns them', () => {
  it.each([
    ['x=a||y=b', `unable to parse requirement: values[0][x]: Invalid value: "a||y": ${LABEL_VALUE_MSG}`],
    ['x==a==b', "found '==', expected: ',' or 'end of string'"],
    ['!x=a', "found '=', expected: ',' or 'end of string'"],
    ['x<a', `unable to parse requirement: values[0]: Invalid value: "a": for 'Gt', 'Lt' operators, the value must be an integer`],
    ['a b', "unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt"],
    ['x in (a', "unable to parse requirement: found '', expected: ',' or ')'"],
    ['x in a', "unable to parse requirement: found 'a' expected: '('"],
    ['x in (=)', "unable to parse requirement: found '=', expected: ',', ')' or identifier"],
    ['x in (a=)', "unable to parse requirement: found '=', expected: ',' or ')'"],
    [',', "found ',', expected: !, identifier, or 'end of string'"],
    ['a,', "found '', expected: identifier after ','"],
    ['x=(', "unable to parse requirement: found '(', expected: identifier"],
    ['! =a', "unable to parse requirement: found '=', expected: identifier"],
    ['!=a', "found '!=', expected: !, identifier, or 'end of string'"],
    ['-a=b', `unable to parse requirement: <nil>: Invalid value: "-a": ${NAME_PART_MSG}`],
    ['a/b/c', `unable to parse requirement: <nil>: Invalid value: "a/b/c": a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`],
    ['Ex.com/a', `unable to parse requirement: <nil>: Invalid value: "Ex.com/a": prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`],
  ])('%j', (input, msg) => {
    let err: unknown;
    try {
      parseLabelSelector(input);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(SelectorError);
    expect((err as Error).message).toBe(msg);
  });
});

describe('matches (TestSelectorMatches)', () => {
  const yes: [string, Record<string, string>][] = [
    ['', { x: 'y' }],
    ['x=y', { x: 'y' }],
    ['x=y,z=w', { x: 'y', z: 'w' }],
    ['x!=y,z!=w', { x: 'z', z: 'a' }],
    ['notin=in', { notin: 'in' }],
    ['x', { x: 'z' }],
    ['!x', { y: 'z' }],
    ['x>1', { x: '2' }],
    ['x<1', { x: '0' }],
    ['x notin (a)', {}],
    ['foo=bar,baz=blah', { foo: 'bar', baz: 'blah' }],
  ];
  const no: [string, Record<string, string>][] = [
    ['x=z', {}],
    ['x=y', { x: 'z' }],
    ['x=y,z=w', { x: 'w', z: 'w' }],
    ['x!=y,z!=w', { x: 'z', z: 'w' }],
    ['x', { y: 'z' }],
    ['!x', { x: 'z' }],
    ['x>1', { x: '0' }],
    ['x<1', { x: '2' }],
    ['x>1', { x: 'abc' }],
    ['foo=bar,foobar=bar,baz=blah', { foo: 'bar', baz: 'blah' }],
  ];
  it.each(yes)('%j matches %j', (s, ls) => expect(parseLabelSelector(s).matches(ls)).toBe(true));
  it.each(no)('%j does not match %j', (s, ls) => expect(parseLabelSelector(s).matches(ls)).toBe(false));
  it('treats undefined labels as an empty set', () => {
    expect(parseLabelSelector('!a').matches(undefined)).toBe(true);
    expect(parseLabelSelector('a').matches(undefined)).toBe(false);
    expect(parseLabelSelector('').matches(undefined)).toBe(true);
  });
});

describe('labelSelectorFromMeta (LabelSelectorAsSelector)', () => {
  it('nil selects nothing, {} selects everything', () => {
    const nothing = labelSelectorFromMeta(undefined);
    expect([nothing.matches({ a: 'b' }), nothing.empty, nothing.toString(), nothing.selectable]).toEqual([false, false, '', false]);
    const all = labelSelectorFromMeta({});
    expect([all.matches({ a: 'b' }), all.empty, all.toString(), all.selectable]).toEqual([true, true, '', true]);
    expect(labelSelectorFromMeta({ matchLabels: {}, matchExpressions: [] }).empty).toBe(true);
  });

  it('builds sorted requirements (TestLabelSelectorAsSelector)', () => {
    const s = labelSelectorFromMeta({
      matchLabels: { foo: 'bar', app: 'web' },
      matchExpressions: [
        { key: 'baz', operator: 'In', values: ['qux', 'norf'] },
        { key: 'env', operator: 'NotIn', values: ['prod'] },
        { key: 'gpu', operator: 'Exists' },
        { key: 'spot', operator: 'DoesNotExist' },
      ],
    });
    expect(s.toString()).toBe('app=web,baz in (norf,qux),env notin (prod),foo=bar,gpu,!spot');
    expect(s.matches({ app: 'web', foo: 'bar', baz: 'qux', gpu: '' })).toBe(true);
    expect(s.matches({ app: 'web', foo: 'bar', baz: 'qux', gpu: '', spot: 'y' })).toBe(false);
    expect(s.matches({ app: 'web', foo: 'bar', baz: 'qux', gpu: '', env: 'prod' })).toBe(false);
  });

  it.each([
    [{ matchExpressions: [{ key: 'a', operator: 'Foo', values: [] }] }, '"Foo" is not a valid label selector operator'],
    [{ matchExpressions: [{ key: 'a', operator: 'In' }] }, "values: Invalid value: []string(nil): for 'in', 'notin' operators, values set can't be empty"],
    [{ matchExpressions: [{ key: 'a', operator: 'In', values: [] }] }, "values: Invalid value: []string{}: for 'in', 'notin' operators, values set can't be empty"],
    [{ matchExpressions: [{ key: 'a', operator: 'Exists', values: ['x'] }] }, 'values: Invalid value: []string{"x"}: values set must be empty for exists and does not exist'],
    [{ matchLabels: { 'a b': 'c' } }, `key: Invalid value: "a b": ${NAME_PART_MSG}`],
    [{ matchLabels: { a: 'c d' } }, `values[0][a]: Invalid value: "c d": ${LABEL_VALUE_MSG}`],
  ])('rejects %j', (sel, msg) => {
    expect(() => labelSelectorFromMeta(sel)).toThrow(new SelectorError(msg));
  });
});

describe('labelSelectorFromSet (SelectorFromSet)', () => {
  it('sorts by key and matches exactly', () => {
    const s = labelSelectorFromSet({ tier: 'fe', app: 'web' });
    expect(s.toString()).toBe('app=web,tier=fe');
    expect(s.matches({ app: 'web', tier: 'fe', extra: 'x' })).toBe(true);
    expect(s.matches({ app: 'web' })).toBe(false);
  });
  it('nil and empty sets select everything', () => {
    expect(labelSelectorFromSet(undefined).matches({})).toBe(true);
    expect(labelSelectorFromSet({}).empty).toBe(true);
    expect(labelSelectorFromSet({}).toString()).toBe('');
  });
});
