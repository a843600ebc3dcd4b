// awk subset against GNU awk 5.2.1 (gawk): each expected string (stdout+stderr, then [exit status]) was
// printed by running the same command line in bash with the real gawk (LC_ALL=C.UTF-8) in an empty directory.
import { describe, expect, it } from 'vitest';
import { TestShell } from '../../interpreter/test-shell';

describe('awk (expectations produced by the real tool on Debian 12)', () => {
  it.each([
    ["printf 'a b c\\nd e f\\n' | awk '{print $2}'", "b\ne\n[0]"],
    ["printf 'a b c\\nd e f\\n' | awk '{print $1, $3}'", "a c\nd f\n[0]"],
    ["printf 'a:b:c\\nd:e:f\\n' | awk -F: '{print $NF}'", "c\nf\n[0]"],
    ["printf 'a,b\\n' | awk -F, '{print $2 $1}'", "ba\n[0]"],
    ["printf 'x y\\np q r\\n' | awk '{print NR\": \"NF}'", "1: 2\n2: 3\n[0]"],
    ["printf 'web 3\\ndb 1\\napi 5\\n' | awk '$2 > 2'", "web 3\napi 5\n[0]"],
    ["printf 'web 3\\ndb 1\\napi 5\\n' | awk '/db/ {print $1}'", "db\n[0]"],
    ["printf 'web 3\\ndb 1\\napi 5\\n' | awk '{s += $2} END {print \"total\", s}'", "total 9\n[0]"],
    ["printf 'web 3\\ndb 1\\napi 5\\n' | awk 'BEGIN {print \"NAME\"} {print $1} END {print NR \" rows\"}'", "NAME\nweb\ndb\napi\n3 rows\n[0]"],
    ["printf 'web 3\\ndb 1\\n' | awk '{printf \"%-5s|%3d|%s\\n\", $1, $2, \"x\"}'", "web  |  3|x\ndb   |  1|x\n[0]"],
    ["printf 'web 3\\n' | awk '{printf(\"%05.2f %x %c %%\\n\", $2/7, 255, 65)}'", "00.43 ff A %\n[0]"],
    ["printf '1\\n2\\n3\\n4\\n' | awk 'NR % 2 == 0'", "2\n4\n[0]"],
    ["printf '1\\n2\\n3\\n' | awk '{a[NR]=$1} END {for (i = NR; i > 0; i--) print a[i]}'", "3\n2\n1\n[0]"],
    ["printf 'b\\na\\nb\\n' | awk '!seen[$0]++'", "b\na\n[0]"],
    ["printf 'a b\\n' | awk '{ $2 = \"X\"; print; print NF }'", "a X\n2\n[0]"],
    ["printf 'a b\\n' | awk -v OFS=- '{ $1 = $1; print }'", "a-b\n[0]"],
    ["printf 'hello world\\n' | awk '{ print length($1), toupper($2), substr($0, 3, 4), index($0, \"o\") }'", "5 WORLD llo  5\n[0]"],
    ["printf 'a-b-c\\n' | awk '{ n = split($0, p, \"-\"); print n, p[3] }'", "3 c\n[0]"],
    ["printf 'foo bar foo\\n' | awk '{ gsub(/foo/, \"[&]\"); print }'", "[foo] bar [foo]\n[0]"],
    ["printf '3 4\\n' | awk '{ print $1 / $2, $1 * 1.5, 2 ^ 10, -$1 }'", "0.75 4.5 1024 -3\n[0]"],
    ["printf 'x 10\\ny 20\\n' | awk '$1 == \"y\" { print $2 + 1 }'", "21\n[0]"],
    ["printf 'a\\nb\\nc\\n' | awk 'NR == 2 { next } { print }'", "a\nc\n[0]"],
    ["printf 'a\\nb\\n' | awk '{ print } NR == 1 { exit 3 }'; echo $?", "a\n3\n[0]"],
    ["awk 'BEGIN { x = 1; if (x > 0) print \"pos\"; else print \"neg\" }'", "pos\n[0]"],
    ["awk -v n=3 'BEGIN { for (i = 1; i <= n; i++) printf \"%d \", i; print \"\" }'", "1 2 3 \n[0]"],
    ["printf 'pod-1   Running   0\\npod-2   Pending   1\\n' | awk '$2 ~ /Run/ { print $1 }'", "pod-1\n[0]"],
    ["printf '  lead  trail  \\n' | awk '{ print \"[\" $1 \"]\" NF }'", "[lead]2\n[0]"],
    ["printf 'a\\tb c\\n' | awk -F'\\t' '{ print $2 }'", "b c\n[0]"],
    ["printf '1.5\\n2.25\\n' | awk '{ s += $1 } END { print s, s / NR }'", "3.75 1.875\n[0]"],
    ["printf '10\\n9\\n' | awk '$1 > 9'", "10\n[0]"],
    ["echo a | awk '{print $1'", "awk: cmd. line:1: {print $1\nawk: cmd. line:1:          ^ unexpected newline or end of string\n[1]"],
    ["echo a | awk '{print $1 +}'", "awk: cmd. line:1: {print $1 +}\nawk: cmd. line:1:            ^ syntax error\n[1]"],
    ["echo a | awk 'BEGIN { x = 1 ) }'", "awk: cmd. line:1: BEGIN { x = 1 ) }\nawk: cmd. line:1:               ^ syntax error\n[1]"],
    ["echo a | awk '{print \"abc}'", "awk: cmd. line:1: {print \"abc}\nawk: cmd. line:1:        ^ unterminated string\n[1]"],
    ["echo a | awk '{ x = }'", "awk: cmd. line:1: { x = }\nawk: cmd. line:1:       ^ syntax error\n[1]"],
  ])('%s', async (script, expected) => {
    expect(await new TestShell({ columns: 80 }).both(script)).toBe(expected);
  });
});
