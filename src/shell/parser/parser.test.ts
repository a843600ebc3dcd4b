// Parser tests: AST shapes of tricky lines, incomplete-input detection, top-level splitting.
import { describe, expect, it } from 'vitest';
import type { SimpleCommand, Word } from './ast';
import { ParseError, needsMoreInput, parse, splitTopLevel } from './parser';

function firstSimple(src: string): SimpleCommand {
  const cmd = parse(src).items[0].node.first.commands[0];
  if (cmd.type !== 'simple') throw new Error(`not simple: ${cmd.type}`);
  return cmd;
}

/** Renders a word's parts compactly: lit, 'quoted', $param, $(cmd), ~. */
function show(w: Word): string {
  return w.parts.map((p) => {
    switch (p.kind) {
      case 'lit': return p.quoted ? `'${p.text}'` : p.text;
      case 'tilde': return `~${p.user}`;
      case 'param': return `${p.quoted ? 'Q' : ''}$${p.name}${p.op ? `{${p.op.type}}` : ''}`;
      case 'cmdsub': return `${p.quoted ? 'Q' : ''}$(${p.source.trim()})`;
      case 'arith': return `$((${p.expr}))`;
    }
  }).join('|');
}

describe('words and quoting', () => {
  it('keeps quoting information per part', () => {
    const c = firstSimple(`echo "a $B c" 'd $e' f\\ g $'x\\ty' ~/k "$(date)"x`);
    expect(c.words.map(show)).toEqual(['echo', "'a '|Q$B|' c'", "'d $e'", "f|' '|g", "'x\ty'", '~|/k', 'Q$(date)|x']);
  });

  it('parses parameter operators', () => {
    const c = firstSimple('echo ${A:-def} ${#A} ${A%.*} ${A//x/y} $? $1');
    expect(c.words.slice(1).map(show)).toEqual(['$A{default}', '$A{length}', '$A{trimSuffix}', '$A{replace}', '$?', '$1']);
  });

  it('treats "" as an empty argument and line continuation as nothing', () => {
    const c = firstSimple('echo "" a\\\nb');
    expect(c.words.map(show)).toEqual(['echo', "''", 'ab']);
  });

  it('separates assignments from words only before the command name', () => {
    const c = firstSimple('A=1 B="x y" env C=2');
    expect(c.assigns.map((a) => `${a.name}=${show(a.value)}`)).toEqual(['A=1', "B='x y'"]);
    expect(c.words.map(show)).toEqual(['env', 'C=2']);
  });

  it('parses backticks and nested command substitution', () => {
    const c = firstSimple('echo `echo a` $(echo $(echo b))');
    expect(c.words.slice(1).map(show)).toEqual(['$(echo a)', '$(echo $(echo b))']);
  });

  it('keeps # inside words and starts comments only at word start', () => {
    const c = firstSimple('echo a#b # comment here');
    expect(c.words.map(show)).toEqual(['echo', 'a#b']);
  });
});

describe('redirections and heredocs', () => {
  it('parses fd redirections', () => {
    const c = firstSimple('cmd >out 2>&1 2>/dev/null &>all >>log <in');
    expect(c.redirects.map((r) => `${r.fd}${r.op}${show(r.target)}`)).toEqual(['1>out', '2>&1', '2>/dev/null', '1&>all', '1>>log', '0<in']);
  });

  it('reads heredoc bodies after the line, quoted and unquoted', () => {
    const s = parse('cat <<EOF > pod.yaml\nname: $USER\nEOF\ncat <<\'X\'\n$HOME\nX\n');
    expect(s.items).toHaveLength(2);
    const a = s.items[0].node.first.commands[0] as SimpleCommand;
    expect(a.redirects.map((r) => r.op)).toEqual(['<<', '>']);
    expect(show(a.redirects[0].heredoc?.body as Word)).toBe("'name: '|Q$USER|'\n'");
    const b = s.items[1].node.first.commands[0] as SimpleCommand;
    expect(b.redirects[0].heredoc).toEqual({ quoted: true, body: { parts: [{ kind: 'lit', text: '$HOME\n', quoted: true }] } });
  });

  it('strips leading tabs with <<-', () => {
    const c = firstSimple('cat <<-END\n\t\tone\n\tEND\n');
    expect(show(c.redirects[0].heredoc?.body as Word)).toBe("'one\n'");
  });
});

describe('lists and compound commands', () => {
  it('parses && || ; & and pipes', () => {
    const s = parse('a | b && c || d; e &');
    expect(s.items.map((i) => [i.source, i.background])).toEqual([['a | b && c || d', false], ['e', true]]);
    expect(s.items[0].node.first.commands).toHaveLength(2);
    expect(s.items[0].node.rest.map((r) => r.op)).toEqual(['&&', '||']);
  });

  it('parses for, while, if, groups, subshells and functions', () => {
    const s = parse('for i in $(seq 3); do echo $i; done; while true; do break; done\nif a; then b; elif c; then d; else e; fi\n{ x; }; (y); f() { z; }');
    expect(s.items.map((i) => i.node.first.commands[0].type)).toEqual(['for', 'while', 'if', 'group', 'group', 'function']);
    const ifc = s.items[2].node.first.commands[0];
    expect(ifc.type === 'if' && [ifc.clauses.length, ifc.elseBody !== null]).toEqual([2, true]);
  });

  it('accepts redirections after compound commands', () => {
    const c = parse('for i in 1 2; do echo $i; done > out.txt').items[0].node.first.commands[0];
    expect(c.type === 'for' && c.redirects.map((r) => r.op)).toEqual(['>']);
  });

  it('reports bash syntax errors', () => {
    expect(() => parse('echo a; ; echo b')).toThrow("syntax error near unexpected token `;'");
    expect(() => parse('done')).toThrow("syntax error near unexpected token `done'");
    expect(() => parse('| x')).toThrow("syntax error near unexpected token `|'");
    expect(() => parse('echo >')).toThrow("syntax error near unexpected token `newline'");
    let err: unknown = null;
    try { parse('if true; then'); } catch (e) { err = e; }
    expect(err instanceof ParseError && err.incomplete).toBe(true);
  });
});

describe('needsMoreInput', () => {
  it.each([
    ['echo "open', true], ["echo 'open", true], ['cat <<EOF\nline', true], ['for i in 1 2; do', true], ['echo a \\', true],
    ['ls |', true], ['true &&', true], ['if true; then echo', true], ['echo $(date', true], ['f() {', true],
    ['echo done', false], ['cat <<EOF\nx\nEOF', false], ['for i in 1; do echo; done', false], ['', false], ['echo a; ; b', false],
  ])('%j → %s', (text, expected) => {
    expect(needsMoreInput(text)).toBe(expected);
  });
});

describe('splitTopLevel', () => {
  it('keeps heredoc bodies, loops and same-line lists together and skips comments', () => {
    const script = [
      '# setup',
      'kubectl create ns demo',
      '',
      'cat <<EOF > pod.yaml',
      'kind: Pod',
      'EOF',
      'for i in 1 2; do',
      '  echo $i',
      'done',
      'a; b && \\',
      '  c',
      'sleep 1 &',
      '',
    ].join('\n');
    expect(splitTopLevel(script)).toEqual([
      'kubectl create ns demo',
      'cat <<EOF > pod.yaml\nkind: Pod\nEOF',
      'for i in 1 2; do\n  echo $i\ndone',
      'a; b && \\\n  c',
      'sleep 1 &',
    ]);
  });
});
