// Modelled on apimachinery/pkg/util/validation/field/errors_test.go (TestErrorUsefulMessage,
// TestNewErrorTypeMatcher): how each error type prints its bad value, and aggregation.
import { describe, it, expect } from 'vitest';
import {
  GoValue,
  aggregateFieldErrors,
  duplicate,
  fieldErrorString,
  forbidden,
  goQuote,
  goStringMap,
  internalError,
  invalid,
  notFound,
  notSupported,
  path,
  required,
  tooLong,
  tooMany,
} from './field';

describe('field errors', () => {
  const p = path('spec').child('containers').index(0).child('name');
  it('prints each type like ErrorBody', () => {
    expect(
      [
        required(p),
        required(p, 'name or generateName is required'),
        forbidden(p, 'not allowed'),
        tooLong(p, 'xxxx', 63),
        tooLong(p, 'x', 1),
        tooLong(p, 'x', -1),
        tooMany(p, 5, 4),
        tooMany(p, -1, 4),
        internalError(p, 'boom'),
        invalid(p, 'Foo', 'bad'),
        invalid(p, -1, 'must be greater than or equal to 0'),
        invalid(p, null, 'nil'),
        invalid(p, true, 'flag'),
        notFound(p, 'cache'),
        duplicate(p, 'app'),
        notSupported(p, 'X', ['A', 'B']),
        notSupported(p, 'X', []),
        invalid(p, goStringMap({ b: '2', a: '1' }), 'm'),
        invalid(p, ['a', 'b'], 's'),
        invalid(p, new GoValue('25%'), 'intstr'),
      ].map(fieldErrorString),
    ).toEqual([
      'spec.containers[0].name: Required value',
      'spec.containers[0].name: Required value: name or generateName is required',
      'spec.containers[0].name: Forbidden: not allowed',
      'spec.containers[0].name: Too long: may not be more than 63 bytes',
      'spec.containers[0].name: Too long: may not be more than 1 byte',
      'spec.containers[0].name: Too long: value is too long',
      'spec.containers[0].name: Too many: 5: must have at most 4 items',
      'spec.containers[0].name: Too many: must have at most 4 items',
      'spec.containers[0].name: Internal error: boom',
      'spec.containers[0].name: Invalid value: "Foo": bad',
      'spec.containers[0].name: Invalid value: -1: must be greater than or equal to 0',
      'spec.containers[0].name: Invalid value: null: nil',
      'spec.containers[0].name: Invalid value: true: flag',
      'spec.containers[0].name: Not found: "cache"',
      'spec.containers[0].name: Duplicate value: "app"',
      'spec.containers[0].name: Unsupported value: "X": supported values: "A", "B"',
      'spec.containers[0].name: Unsupported value: "X"',
      'spec.containers[0].name: Invalid value: map[string]string{"a":"1", "b":"2"}: m',
      'spec.containers[0].name: Invalid value: []string{"a", "b"}: s',
      'spec.containers[0].name: Invalid value: 25%: intstr',
    ]);
  });
  it('quotes strings like strconv.Quote', () => {
    expect(goQuote('a"b\\c\n\t\x01é\x7f')).toBe('"a\\"b\\\\c\\n\\t\\x01é\\x7f"');
  });
  it('aggregates like utilerrors.NewAggregate, dropping duplicates', () => {
    expect(aggregateFieldErrors([])).toBe('');
    expect(aggregateFieldErrors([required('a')])).toBe('a: Required value');
    expect(aggregateFieldErrors([required('a'), required('b'), required('a')])).toBe('[a: Required value, b: Required value]');
    expect(path('data').key('bad key').toString()).toBe('data[bad key]');
  });
});
