// pflag parsing as kubectl's cobra commands see it; error texts as pflag v1.0.5 prints them.
import { describe, expect, it } from 'vitest';
import { FlagError, FlagSet, Flags, parseGoDuration } from './flags';

const set = () =>
  new FlagSet([
    { name: 'namespace', short: 'n', type: 'string' },
    { name: 'output', short: 'o', type: 'string' },
    { name: 'all-namespaces', short: 'A', type: 'bool' },
    { name: 'watch', short: 'w', type: 'bool' },
    { name: 'replicas', short: 'r', type: 'int', def: 1 },
    { name: 'label-columns', short: 'L', type: 'stringSlice' },
    { name: 'env', type: 'stringArray' },
    { name: 'timeout', type: 'duration', def: '30s' },
    { name: 'dry-run', type: 'string', def: 'none', noOpt: 'unchanged' },
  ]);

const parse = (...argv: string[]) => new Flags(set().parse(argv));
const error = (...argv: string[]) => {
  try {
    set().parse(argv);
  } catch (e) {
    return e instanceof FlagError ? e.message : String(e);
  }
  return 'no error';
};

describe('FlagSet.parse', () => {
  it('accepts every value form and flags after positional arguments', () => {
    const f = parse('get', '--namespace=a', 'pods', '-o', 'wide', '-nkube-system', 'x', '--replicas', '3', '-Aw');
    expect(f.args).toEqual(['get', 'pods', 'x']);
    expect([f.str('namespace'), f.str('output'), f.int('replicas'), f.bool('all-namespaces'), f.bool('watch')]).toEqual(['kube-system', 'wide', 3, true, true]);
    expect(parse('-n=dev').str('namespace')).toBe('dev');
    expect(parse('-owide').str('output')).toBe('wide');
  });

  it('keeps defaults, slices, arrays, durations and NoOptDefVal', () => {
    const f = parse('-L', 'app,tier', '-L', 'x', '--env', 'A=1,2', '--env', 'B=2', '--timeout=1m30s', '--dry-run');
    expect(f.list('label-columns')).toEqual(['app', 'tier', 'x']);
    expect(f.list('env')).toEqual(['A=1,2', 'B=2']);
    expect(f.ms('timeout')).toBe(90000);
    expect(f.str('dry-run')).toBe('unchanged');
    const d = parse();
    expect([d.int('replicas'), d.ms('timeout'), d.str('dry-run'), d.changed('replicas')]).toEqual([1, 30000, 'none', false]);
  });

  it('stops at -- and records where (ArgsLenAtDash)', () => {
    const p = set().parse(['run', 'x', '--', 'sh', '-c', '--watch']);
    expect(p.args).toEqual(['run', 'x', 'sh', '-c', '--watch']);
    expect(p.argsLenAtDash).toBe(2);
    expect(p.values.get('watch')).toBe(false);
  });

  it('reports errors with pflag wording', () => {
    expect(error('--foo')).toBe('unknown flag: --foo');
    expect(error('-x')).toBe("unknown shorthand flag: 'x' in -x");
    expect(error('-Ax')).toBe("unknown shorthand flag: 'x' in -x");
    expect(error('-n')).toBe("flag needs an argument: 'n' in -n");
    expect(error('--namespace')).toBe('flag needs an argument: --namespace');
    expect(error('--replicas=abc')).toBe('invalid argument "abc" for "-r, --replicas" flag: strconv.ParseInt: parsing "abc": invalid syntax');
    expect(error('--watch=maybe')).toBe('invalid argument "maybe" for "-w, --watch" flag: strconv.ParseBool: parsing "maybe": invalid syntax');
    expect(error('--timeout=soon')).toBe('invalid argument "soon" for "--timeout" flag: time: invalid duration "soon"');
  });
});

describe('parseGoDuration', () => {
  it('parses Go durations in milliseconds', () => {
    expect([parseGoDuration('0'), parseGoDuration('1h2m3s'), parseGoDuration('1.5s'), parseGoDuration('300ms'), parseGoDuration('10')]).toEqual([0, 3723000, 1500, 300, null]);
  });
});
