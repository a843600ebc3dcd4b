// Golden tests of the coreutils: whole outputs as GNU coreutils 8.32 / grep / procps print them
// (cases were cross-checked against the real tools with LANG=C.UTF-8 TZ=UTC).
import { describe, expect, it } from 'vitest';
import { TestShell } from '../../interpreter/test-shell';
import { hostsAddresses } from './system';

async function both(script: string, opts: { isTTY?: boolean; columns?: number } = {}): Promise<string> {
  return new TestShell({ columns: opts.columns ?? 80 }).both(script, { isTTY: opts.isTTY });
}

describe('echo and printf', () => {
  it.each([
    ['echo -n a; echo b', 'ab\n'],
    ["echo -e 'a\\tb\\nc'", 'a\tb\nc\n'],
    ["echo -e 'x\\cy'; echo", 'x\n'],
    ["printf '%s-%d\\n' a 1 b 2", 'a-1\nb-2\n'],
    ["printf '%5.2f|%-4s|%04d|%x|%o|%e|%g\\n' 3.14159 ab 42 255 8 1234.5 0.0001", ' 3.14|ab  |0042|ff|10|1.234500e+03|0.0001\n'],
    ["printf '%s %s\\n' a b c", 'a b\nc \n'],
    ["printf '%b|%c|%%|%.3s\\n' 'a\\tb' hello abcdef", 'a\tb|h|%|abc\n'],
    ["printf '%d\\n' abc; echo $?", 'bash: printf: abc: invalid number\n0\n1\n'],
  ])('%s', async (script, expected) => {
    expect(await both(script)).toBe(`${expected}[0]`);
  });
});

describe('files', () => {
  it('ls lays out columns on a TTY with tabs, one per line otherwise', async () => {
    const setup = 'touch alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigma tau upsilon; ';
    expect(await both(setup + 'ls', { isTTY: true, columns: 40 })).toBe(
      'alpha\t eta\tlambda\t pi\ttheta\nbeta\t gamma\tmu\t rho\tupsilon\ndelta\t iota\tnu\t sigma\txi\nepsilon  kappa\tomicron  tau\tzeta\n[0]');
    expect(await both('touch b a; mkdir c; ls; ls -F', { isTTY: false })).toBe('a\nb\nc\na\nb\nc/\n[0]');
  });

  it('ls -l, -la and -lh', async () => {
    const t = new TestShell();
    t.shell.fs.writeFile('/home/k8s/big', 'x'.repeat(8893));
    await t.clock.advance(3600_000);
    expect(await t.both('echo hello > small; mkdir sub; ls -l; ls -lh big')).toBe(
      'total 20\n' +
      '-rw-r--r-- 1 k8s k8s 8893 Nov 22 10:00 big\n' +
      '-rw-r--r-- 1 k8s k8s    6 Nov 22 11:00 small\n' +
      'drwxr-xr-x 2 k8s k8s 4096 Nov 22 11:00 sub\n' +
      '-rw-r--r-- 1 k8s k8s 8.7K Nov 22 10:00 big\n[0]');
    expect(await t.both('cd sub; ls -la')).toBe(
      'total 8\ndrwxr-xr-x 2 k8s k8s 4096 Nov 22 11:00 .\ndrwxr-xr-x 3 k8s k8s 4096 Nov 22 11:00 ..\n[0]');
  });

  it('ls shows old files with the year and several directories with headers', async () => {
    const t = new TestShell();
    await t.run('mkdir d; touch d/x');
    await t.clock.advance(200 * 86400_000);
    expect(await t.both('ls -l d; ls d /etc/hostname')).toBe(
      'total 0\n-rw-r--r-- 1 k8s k8s 0 Nov 22  2026 x\n/etc/hostname\n\nd:\nx\n[0]');
  });

  it.each([
    ['cat nope', 'cat: nope: No such file or directory\n[1]'],
    ['mkdir d; cat d', 'cat: d: Is a directory\n[1]'],
    ['ls nope', "ls: cannot access 'nope': No such file or directory\n[2]"],
    ['mkdir d; mkdir d', 'mkdir: cannot create directory ‘d’: File exists\n[1]'],
    ['mkdir a/b', 'mkdir: cannot create directory ‘a/b’: No such file or directory\n[1]'],
    ['mkdir', "mkdir: missing operand\nTry 'mkdir --help' for more information.\n[1]"],
    ['mkdir -pv a/b; ls a', "mkdir: created directory 'a'\nmkdir: created directory 'a/b'\nb\n[0]"],
    ['rm nope', "rm: cannot remove 'nope': No such file or directory\n[1]"],
    ['rm -f nope', '[0]'],
    ['mkdir d; rm d', "rm: cannot remove 'd': Is a directory\n[1]"],
    ['mkdir d; touch d/f; rm -rv d; ls', "removed directory 'd'\n[0]"],
    ['rm -rf /', "rm: it is dangerous to operate recursively on '/'\nrm: use --no-preserve-root to override this failsafe\n[1]"],
    ['touch x/y', "touch: cannot touch 'x/y': No such file or directory\n[1]"],
    ['cp nope x', "cp: cannot stat 'nope': No such file or directory\n[1]"],
    ['cp a', "cp: missing destination file operand after 'a'\nTry 'cp --help' for more information.\n[1]"],
    ['mkdir d; cp d e', "cp: -r not specified; omitting directory 'd'\n[1]"],
    ['touch a; cp a a', "cp: 'a' and 'a' are the same file\n[1]"],
    ['mv nope x', "mv: cannot stat 'nope': No such file or directory\n[1]"],
    ['echo hi > a; cp a b; mv b c; mkdir d; cp -r d e; mv c d; ls; ls d; cat d/c', 'a\nd\ne\nc\nhi\n[0]'],
  ])('%s', async (script, expected) => {
    expect(await both(script)).toBe(expected);
  });
});

describe('text filters', () => {
  it.each([
    ["printf 'foo\\nbar\\nbaz\\n' | grep -n ba", '2:bar\n3:baz\n[0]'],
    ["printf 'foo\\nbar\\nbaz\\n' | grep -c ba", '2\n[0]'],
    ["printf 'foo\\nbar\\nbaz\\n' | grep -v ba", 'foo\n[0]'],
    ["printf 'Foo\\nbar\\n' | grep -i foo", 'Foo\n[0]'],
    ["printf 'foo1\\nbar22\\n' | grep -oE '[0-9]+'", '1\n22\n[0]'],
    ["printf 'foo bar\\nfoobar\\n' | grep -w foo", 'foo bar\n[0]'],
    ["echo 'a+b' | grep 'a+b'; echo 'ab' | grep -E 'a(b|x)'", 'a+b\nab\n[0]'],
    ['echo x | grep y; echo $?', '1\n[0]'],
    ['grep x nope', 'grep: nope: No such file or directory\n[2]'],
    ['grep', "Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n[2]"],
    ["printf 'a\\nb\\n' > f; grep -H a f; grep a f f", 'f:a\nf:a\nf:a\n[0]'],
    // Context lines, as GNU grep 3.x prints them (checked with /usr/bin/grep).
    ["printf 'a\\nb\\nc\\nd\\ne\\nf\\ng\\nh\\nb\\ni\\n' > f2; grep -n -A1 b f2", '2:b\n3-c\n--\n9:b\n10-i\n[0]'],
    ["printf 'a\\nb\\nc\\nd\\ne\\nf\\ng\\nh\\nb\\ni\\n' > f2; printf 'x\\nb\\ny\\n' > f3; grep -B2 b f2 f3", 'f2-a\nf2:b\n--\nf2-g\nf2-h\nf2:b\n--\nf3-x\nf3:b\n[0]'],
    ["printf 'a\\nb\\nc\\nb\\n' > f4; grep -C1 -m1 b f4; grep -c -A1 b f4", 'a\nb\nc\n2\n[0]'],
    ['seq 10 | head -3; seq 10 | tail -2; seq 5 | head -n -3; seq 5 | tail -n +4', '1\n2\n3\n9\n10\n1\n2\n4\n5\n[0]'],
    ["printf 'a\\n' > a; head a a", '==> a <==\na\n\n==> a <==\na\n[0]'],
    ['head -n 2 nope', "head: cannot open 'nope' for reading: No such file or directory\n[1]"],
    ["printf 'one two\\nthree\\n' | wc; printf 'one two\\nthree\\n' | wc -l", '      2       3      14\n2\n[0]'],
    ["echo one > f; echo two >> f; wc f; wc -c f; wc f /etc/hostname", '2 2 8 f\n8 f\n 2  2  8 f\n 1  1  6 /etc/hostname\n 3  3 14 total\n[0]'],
    ['wc -l /etc/hostname nope', '1 /etc/hostname\nwc: nope: No such file or directory\n1 total\n[1]'],
    ["printf 'b\\na\\nc\\na\\n' | sort; printf 'b\\na\\na\\n' | sort -u", 'a\na\nb\nc\na\nb\n[0]'],
    ["printf '10\\n9\\n100\\n' | sort -n; printf '10\\n9\\n100\\n' | sort -rn", '9\n10\n100\n100\n10\n9\n[0]'],
    ["printf 'a 3\\nb 1\\nc 2\\n' | sort -k2 -n; printf 'x:2\\ny:1\\n' | sort -t: -k2", 'b 1\nc 2\na 3\ny:1\nx:2\n[0]'],
    ["printf 'a\\na\\nb\\na\\n' | uniq -c; printf 'a\\na\\nb\\n' | uniq -d", '      2 a\n      1 b\n      1 a\na\n[0]'],
    ["echo 'a:b:c' | cut -d: -f2; echo 'a:b:c' | cut -d: -f1,3; echo abcdef | cut -c2-4; echo 'nodelim' | cut -d: -f2", 'b\na:c\nbcd\nnodelim\n[0]'],
    ["echo hello | tr a-z A-Z; echo hello | tr -d l; echo 'aaa   bbb' | tr -s ' '; echo abc | tr '[:lower:]' '[:upper:]'", 'HELLO\nheo\naaa bbb\nABC\n[0]'],
    ["echo hi | base64; echo aGkK | base64 -d; printf hello | base64 -w0; echo", 'aGkK\nhi\naGVsbG8=\n[0]'],
    ["echo '!!' | base64 -d; echo $?", 'base64: invalid input\n1\n[0]'],
    ['seq 3; seq 2 4; seq 1 2 7; seq -w 8 10; seq 0 0.5 1.5; seq -s, 3', '1\n2\n3\n2\n3\n4\n1\n3\n5\n7\n08\n09\n10\n0.0\n0.5\n1.0\n1.5\n1,2,3\n[0]'],
    ['seq', "seq: missing operand\nTry 'seq --help' for more information.\n[1]"],
    ['echo x | tee out.txt; cat out.txt', 'x\nx\n[0]'],
  ])('%s', async (script, expected) => {
    expect(await both(script)).toBe(expected);
  });
});

describe('system commands', () => {
  it.each([
    ['date', 'Sun Nov 22 10:00:00 UTC 2026\n[0]'],
    ['date +%Y-%m-%dT%H:%M:%S; date -d @0; date -u +%s', '2026-11-22T10:00:00\nThu Jan  1 00:00:00 UTC 1970\n1795341600\n[0]'],
    ['hostname -i; hostname --ip-address', '127.0.1.1\n127.0.1.1\n[0]'],
    ['hostname; whoami; uname; uname -a', 'node1\nk8s\nLinux\nLinux node1 5.15.0-91-generic #101-Ubuntu SMP Tue Nov 14 13:30:08 UTC 2023 x86_64 x86_64 x86_64 GNU/Linux\n[0]'],
    ['clear', '\x1b[H\x1b[2J\x1b[3J[0]'],
    ['sleep x', "sleep: invalid time interval ‘x’\nTry 'sleep --help' for more information.\n[1]"],
    ['sleep', "sleep: missing operand\nTry 'sleep --help' for more information.\n[1]"],
    ['timeout', "timeout: missing operand\nTry 'timeout --help' for more information.\n[125]"],
    ['timeout 1 false; echo $?; timeout 1s sleep 2m; echo $?', '1\n124\n[0]'],
    ['[ 1 -lt ]; echo $?; [ a = a; echo $?; [ abc -eq 1 ]; echo $?', "bash: [: 1: unary operator expected\n2\nbash: [: missing `]'\n2\nbash: [: abc: integer expression expected\n2\n[0]"],
    ['test -d /etc && test -f /etc/hostname && [ ! -e /nope ] && [ -n x -a -z "" ] && echo ok', 'ok\n[0]'],
    ['env | grep -c PATH=; env FOO=bar sh -c \'echo $FOO\'', '1\nbar\n[0]'],
    ['true; echo $?; false; echo $?', '0\n1\n[0]'],
  ])('%s', async (script, expected) => {
    expect(await both(script)).toBe(expected);
  });

  it('sleep waits on virtual time', async () => {
    const t = new TestShell();
    const start = t.clock.now();
    await t.run('sleep 1.5; sleep 1m');
    expect(t.clock.now() - start).toBe(61_500);
  });
});

describe('watch', () => {
  it('repaints full frames on a TTY every N virtual seconds until Ctrl-C, then exits 0', async () => {
    const t = new TestShell({ columns: 60, rows: 10 });
    let out = '';
    const w = { write: (s: string) => { out += s; } };
    const p = t.shell.execute('watch -n 2 date', { stdout: w, stderr: w, isTTY: true });
    await t.clock.advance(5000);
    t.shell.interrupt();
    expect(await p).toBe(0);
    const frame = (time: string): string =>
      `\x1b[H\x1b[2JEvery 2.0s: date             node1: Sun Nov 22 ${time} 2026\n\nSun Nov 22 ${time} UTC 2026\n`;
    expect(out).toBe(`\x1b[?1049h${frame('10:00:00')}${frame('10:00:02')}${frame('10:00:04')}\x1b[?1049l`);
  });

  it('prints the same frames without screen control when not a TTY, and honours -t', async () => {
    const t = new TestShell({ columns: 50 });
    let out = '';
    const w = { write: (s: string) => { out += s; } };
    const p = t.shell.execute('watch -n1 -t echo hi', { stdout: w, stderr: w, isTTY: false });
    await t.clock.advance(1500);
    t.shell.interrupt();
    expect(await p).toBe(0);
    expect(out).toBe('hi\nhi\n');
    const t2 = new TestShell({ columns: 60 });
    expect(await t2.both('timeout 1.5 watch -n 1 echo a b')).toBe(
      'Every 1.0s: echo a b         node1: Sun Nov 22 10:00:00 2026\n\na b\nEvery 1.0s: echo a b         node1: Sun Nov 22 10:00:01 2026\n\na b\n[124]');
  });

  it('truncates a long command with "..." like procps', async () => {
    const t = new TestShell({ columns: 50 });
    const r = await t.run('timeout 0.5 watch echo aaaaaaaaaaaaaaaaaaaaaaa');
    // procps reserves one column for ctime's newline, hence two spaces before the host name.
    expect(r.out.split('\n')[0]).toBe('Every 2.0s: ec...  node1: Sun Nov 22 10:00:00 2026');
  });
});

describe('hostsAddresses', () => {
  it('gives the IPv4 addresses of a name in file order, skipping comments, IPv6 and other names', () => {
    const hosts = '# 10.0.0.9 web\n127.0.0.1\tlocalhost\n::1\tlocalhost web\n10.244.1.7\tweb\n10.244.1.8 alias web # two\n10.244.1.7 web\n';
    expect(hostsAddresses(hosts, 'web')).toEqual(['10.244.1.7', '10.244.1.8']);
    expect(hostsAddresses(hosts, 'we')).toEqual([]);
  });
});
