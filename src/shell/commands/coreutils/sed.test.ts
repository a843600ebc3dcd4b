// sed subset against GNU sed 4.9: each expected string (stdout+stderr, then [exit status]) was printed by
// running the same command line in bash with the real sed (LC_ALL=C.UTF-8) in an empty directory.
import { describe, expect, it } from 'vitest';
import { TestShell } from '../../interpreter/test-shell';

describe('sed (expectations produced by the real tool on Debian 12)', () => {
  it.each([
    ["printf 'a a\\nb a\\n' | sed 's/a/b/g'", "b b\nb b\n[0]"],
    ["printf 'a a\\nb a\\n' | sed 's/a/X/2'", "a X\nb a\n[0]"],
    ["seq 5 | sed -n '2p;4p'", "2\n4\n[0]"],
    ["seq 5 | sed -n -e 1p -e '$p'", "1\n5\n[0]"],
    ["seq 6 | sed '/[35]/d'", "1\n2\n4\n6\n[0]"],
    ["seq 6 | sed '2,4d'", "1\n5\n6\n[0]"],
    ["seq 6 | sed -n '/2/,/4/p'", "2\n3\n4\n[0]"],
    ["seq 5 | sed '3!d'", "3\n[0]"],
    ["seq 4 | sed '2q'", "1\n2\n[0]"],
    ["seq 3 | sed -n '$='", "3\n[0]"],
    ["echo 'name: web' | sed -E 's/^([a-z]+): (.*)$/\\2=\\1/'", "web=name\n[0]"],
    ["echo 'aaa bbb' | sed 's/\\(a*\\) \\(b*\\)/[\\2|\\1]/'", "[bbb|aaa]\n[0]"],
    ["echo 'path/to/x' | sed 's|/|_|g'", "path_to_x\n[0]"],
    ["echo hello | sed 's/l/&&/g;s/o/0/'", "hellll0\n[0]"],
    ["echo 'x=1' | sed 's/=/\\n/'", "x\n1\n[0]"],
    ["printf 'one\\ntwo\\n' | sed '1i header'", "header\none\ntwo\n[0]"],
    ["printf 'one\\ntwo\\n' | sed '$a footer'", "one\ntwo\nfooter\n[0]"],
    ["printf 'one\\ntwo\\n' | sed '2c changed'", "one\nchanged\n[0]"],
    ["echo Hello | sed 's/hello/bye/I'", "bye\n[0]"],
    ["echo hello | sed 'y/elo/ELO/'", "hELLO\n[0]"],
    ["printf 'a\\nb' | sed 's/b/c/'", "a\nc[0]"],
    ["printf 'x: 1\\ny: 2\\n' > f.txt; sed -i 's/: /=/' f.txt; cat f.txt", "x=1\ny=2\n[0]"],
    ["printf 'k\\n' > g.txt; sed -i.bak 's/k/K/' g.txt; cat g.txt g.txt.bak", "K\nk\n[0]"],
    ["printf 'nginx 1\\nredis 2\\n' | sed -n '/nginx/p'", "nginx 1\n[0]"],
    ["echo abc | sed 's/b/x/w'", "sed: -e expression #1, char 7: missing filename in r/R/w/W commands\n[1]"],
    ["echo abc | sed 'k'", "sed: -e expression #1, char 1: unknown command: `k'\n[1]"],
    ["echo abc | sed 's/b/c'", "sed: -e expression #1, char 5: unterminated `s' command\n[1]"],
    ["echo abc | sed -e p -e 'p/'", "sed: -e expression #2, char 2: extra characters after command\n[1]"],
    ["sed p nofile", "sed: can't read nofile: No such file or directory\n[2]"],
    ["echo abc | sed '0p'", "sed: -e expression #1, char 2: invalid usage of line address 0\n[1]"],
    ["echo abc | sed -i s/a/b/", "sed: no input files\n[4]"],
    ["echo abc | sed '0,2p'", "sed: -e expression #1, char 4: invalid usage of line address 0\n[1]"],
    ["printf 'x\\ny\\nx\\n' | sed -n '0,/x/p'", "x\n[0]"],
  ])('%s', async (script, expected) => {
    expect(await new TestShell({ columns: 80 }).both(script)).toBe(expected);
  });
});
