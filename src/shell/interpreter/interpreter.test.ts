// Interpreter tests on a fake clock: expansions, control flow, pipes, redirections, heredocs,
// jobs, aliases, interrupts and the exact bash messages an interactive user sees.
import { describe, expect, it } from 'vitest';
import type { Command } from './types';
import { TestShell } from './test-shell';

async function both(script: string, opts: { isTTY?: boolean } = {}): Promise<string> {
  return new TestShell().both(script, opts);
}

describe('expansion and status', () => {
  it('runs for loops over $(seq 3)', async () => {
    expect(await both('for i in $(seq 3); do echo "n=$i"; done')).toBe('n=1\nn=2\nn=3\n[0]');
  });

  it('sets $? after failures, unknown commands and negation', async () => {
    expect(await both('foo; echo $?; false; echo $?; ! false; echo $?; ls nope 2>/dev/null; echo $?'))
      .toBe('bash: foo: command not found\n127\n1\n0\n2\n[0]');
  });

  it('expands parameters, arithmetic, tilde and braces', async () => {
    expect(await both('a=hello; v=abc.tar.gz; echo ${#a} ${a:-x} ${b:-def} ${a/l/L} ${a//l/L} ${v%.*} ${v%%.*} ${v#*.} ${v##*.} $((2+3*4)) ~ x{1..3} {a,b}c'))
      .toBe('5 hello def heLlo heLLo abc.tar abc tar.gz gz 14 /home/k8s x1 x2 x3 ac bc\n[0]');
  });

  it('splits unquoted expansions but not quoted ones', async () => {
    expect(await both('x="a   b"; for w in $x; do echo "[$w]"; done; echo "$x"')).toBe('[a]\n[b]\na   b\n[0]');
  });

  it('strips trailing newlines from command substitution and keeps $? of it', async () => {
    expect(await both('x=$(printf "a\\n\\n"); echo "[$x]"; y=$(false); echo $?')).toBe('[a]\n1\n[0]');
  });

  it('globs in the working directory and leaves unmatched patterns alone', async () => {
    expect(await both('touch b.txt a.txt c.log; echo *.txt; echo *.none; echo ?.log')).toBe('a.txt b.txt\n*.none\nc.log\n[0]');
  });

  it('reports arithmetic and substitution errors like bash', async () => {
    expect(await both('echo $((1/0)); echo ${x:?not set}; echo after')).toBe('bash: 1/0: division by 0 (error token is "0")\nbash: x: not set\nafter\n[0]');
  });
});

describe('control flow', () => {
  it('handles while, if/elif/else, break and continue', async () => {
    expect(await both('x=3; while [ $x -gt 0 ]; do echo $x; x=$((x-1)); done; if [ 1 -eq 2 ]; then echo a; elif [ 2 -eq 2 ]; then echo b; else echo c; fi'))
      .toBe('3\n2\n1\nb\n[0]');
    expect(await both('for i in 1 2 3 4; do [ $i = 2 ] && continue; [ $i = 4 ] && break; echo $i; done')).toBe('1\n3\n[0]');
  });

  it('runs functions with positional parameters and return codes', async () => {
    expect(await both('greet() { echo "hi $1 ($#)"; return 3; }; greet bob x; echo $?')).toBe('hi bob (2)\n3\n[0]');
  });

  it('reads lines with read in a while loop', async () => {
    expect(await both("printf 'l1\\n  l2\\n' > f; while IFS= read -r line; do echo \"<$line>\"; done < f")).toBe('<l1>\n<  l2>\n[0]');
  });

  it('keeps subshell and pipeline state separate', async () => {
    expect(await both('x=1; (x=2; cd /etc); echo $x; pwd; echo 5 | read y; echo "[$y]"')).toBe('1\n/home/k8s\n[]\n[0]');
  });

  it('exits with the given code', async () => {
    const t = new TestShell();
    expect(await t.both('echo a; exit 3; echo b', { isTTY: true })).toBe('a\nexit\n[3]');
    expect(t.shell.exited).toBe(true);
  });
});

describe('redirections and heredocs', () => {
  it('writes a heredoc to a file and cats it', async () => {
    expect(await both('cat <<EOF > pod.yaml\napiVersion: v1\nkind: Pod\nmetadata:\n  name: $USER-pod\nEOF\ncat pod.yaml'))
      .toBe('apiVersion: v1\nkind: Pod\nmetadata:\n  name: k8s-pod\n[0]');
  });

  it('does not expand quoted heredocs and strips tabs with <<-', async () => {
    expect(await both("cat <<'EOF'\n$HOME `x`\nEOF\ncat <<-EOF\n\tin\n\tEOF")).toBe('$HOME `x`\nin\n[0]');
  });

  it('handles >, >>, <, 2>&1, &> and here-strings', async () => {
    expect(await both('echo one > f; echo two >> f; cat < f; ls nope 2>&1 | wc -l; ls nope &> g; cat g; cat <<< "hs"'))
      .toBe("one\ntwo\n1\nls: cannot access 'nope': No such file or directory\nhs\n[0]");
  });

  it('reports redirection errors', async () => {
    expect(await both('cat < nope; echo x > /nodir/f; echo $?')).toBe('bash: nope: No such file or directory\nbash: /nodir/f: No such file or directory\n1\n[0]');
  });
});

describe('pipes stream', () => {
  it('delivers upstream writes to downstream as they happen', async () => {
    const t = new TestShell();
    const seen: number[] = [];
    const producer: Command = async (ctx) => {
      for (let i = 1; i <= 3; i++) {
        ctx.stdout.write(`line ${i}\n`);
        await ctx.sys.sleep(1000, ctx.interrupt);
      }
      return 0;
    };
    const consumer: Command = async (ctx) => {
      for (let c = await ctx.stdin.read(); c !== null; c = await ctx.stdin.read()) { seen.push(ctx.sys.now()); ctx.stdout.write(c.toUpperCase()); }
      return 0;
    };
    t.shell.register('producer', producer);
    t.shell.register('consumer', consumer);
    const start = t.clock.now();
    expect(await t.both('producer | consumer | grep 2')).toBe('LINE 2\n[0]');
    expect(seen.map((x) => x - start)).toEqual([0, 1000, 2000]);
  });

  it('stops upstream with SIGPIPE status after the reader exits', async () => {
    const t = new TestShell();
    const forever: Command = async (ctx) => {
      while (!ctx.interrupt.aborted) { ctx.stdout.write('y\n'); await ctx.sys.sleep(100, ctx.interrupt); }
      return ctx.interrupt.aborted ? 141 : 0;
    };
    t.shell.register('yes', forever);
    expect(await t.both('yes | head -n 2; echo done')).toBe('y\ny\ndone\n[0]');
  });
});

describe('time, timeout, jobs and interrupts', () => {
  it('timeout 2 sleep 5 exits 124 after 2 virtual seconds', async () => {
    const t = new TestShell();
    const start = t.clock.now();
    expect(await t.both('timeout 2 sleep 5; echo $?; timeout 5 sleep 1; echo $?')).toBe('124\n0\n[0]');
    expect(t.clock.now() - start).toBe(3000);
  });

  it('interrupt() stops the foreground job with 130 and the rest of the line', async () => {
    const t = new TestShell();
    let out = '';
    const w = { write: (s: string) => { out += s; } };
    const p = t.shell.execute('sleep 100; echo never', { stdout: w, stderr: w });
    await t.clock.advance(5000);
    t.shell.interrupt();
    expect(await p).toBe(130);
    expect(out).toBe('');
    expect(await t.both('echo $?')).toBe('130\n[0]');
  });

  it('runs background jobs concurrently and reports them on a TTY', async () => {
    const t = new TestShell();
    expect(await t.both('sleep 10 & echo started; jobs', { isTTY: true })).toBe('[1] 4242\nstarted\n[1]+  Running                 sleep 10 &\n[0]');
    await t.clock.advance(10_000);
    expect(await t.both('echo next', { isTTY: true })).toBe('next\n[1]+  Done                    sleep 10\n[0]');
  });

  it('wait waits for background jobs', async () => {
    const t = new TestShell();
    const start = t.clock.now();
    expect(await t.both('sleep 3 & sleep 1 & wait; echo all done')).toBe('all done\n[0]');
    expect(t.clock.now() - start).toBe(3000);
  });
});

describe('aliases, builtins and messages', () => {
  it('expands aliases (with Ubuntu defaults) and lists them', async () => {
    expect(await both("alias k='echo kubectl'; k get pods; alias k; unalias k; k; alias ll")).toBe(
      "kubectl get pods\nalias k='echo kubectl'\nbash: k: command not found\nalias ll='ls -alF'\n[0]");
  });

  it('prints history with bash numbering', async () => {
    const t = new TestShell();
    await t.run('echo a');
    await t.run(' echo hidden');
    await t.run('echo b');
    expect((await t.run('history')).out).toBe('    1  echo a\n    2  echo b\n    3  history\n');
  });

  it('cd, pwd, export, unset, type and which', async () => {
    expect(await both('cd /etc; pwd; cd nope; cd; pwd; export A=1; env | grep ^A=; unset A; echo "[$A]"; type cd ls if ll; which ls cd; echo $?'))
      .toBe('/etc\nbash: cd: nope: No such file or directory\n/home/k8s\nA=1\n[]\ncd is a shell builtin\nls is /usr/bin/ls\nif is a shell keyword\nll is aliased to `ls -alF\'\n/usr/bin/ls\n1\n[0]');
  });

  it('source runs a file in the current shell; bash -c in a child', async () => {
    expect(await both("echo 'X=from_file' > env.sh; source env.sh; echo $X; bash -c 'echo in child $X; Y=1'; echo \"[$Y]\"")).toBe('from_file\nin child\n[]\n[0]');
  });

  it('passes VAR=x prefixes to commands only', async () => {
    expect(await both('A=5 env | grep ^A=; echo "[$A]"')).toBe('A=5\n[]\n[0]');
  });

  it('reports syntax errors with status 2', async () => {
    expect(await both('echo a; ; echo b')).toBe("bash: syntax error near unexpected token `;'\n[2]");
  });
});
