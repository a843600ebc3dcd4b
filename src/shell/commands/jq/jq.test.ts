// jq tests. Expected outputs were produced by the real jq 1.6 (the version in Ubuntu 22.04)
// on the same input, then pasted here: the whole stdout+stderr and the exit status.
import { describe, expect, it } from 'vitest';
import { TestShell } from '../../interpreter/test-shell';
import { shellQuote } from '../../interpreter/signals';

const INPUT = JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [
  { metadata: { name: 'web-1', labels: { app: 'web' } }, status: { phase: 'Running', podIP: '10.0.0.1' }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } },
  { metadata: { name: 'db-1', labels: { app: 'db', tier: 'back' } }, status: { phase: 'Pending' }, spec: { containers: [{ name: 'pg', image: 'postgres:16' }, { name: 'side', image: 'busybox' }] } },
], n: [3, 1, 2], s: 'a,b', e: {}, z: [], f: 1.5, nul: null, t: true }) + '\n';

const CASES: [string[], string, number][] = [
  [["."], "{\n  \"apiVersion\": \"v1\",\n  \"kind\": \"List\",\n  \"items\": [\n    {\n      \"metadata\": {\n        \"name\": \"web-1\",\n        \"labels\": {\n          \"app\": \"web\"\n        }\n      },\n      \"status\": {\n        \"phase\": \"Running\",\n        \"podIP\": \"10.0.0.1\"\n      },\n      \"spec\": {\n        \"containers\": [\n          {\n            \"name\": \"nginx\",\n            \"image\": \"nginx:1.27\"\n          }\n        ]\n      }\n    },\n    {\n      \"metadata\": {\n        \"name\": \"db-1\",\n        \"labels\": {\n          \"app\": \"db\",\n          \"tier\": \"back\"\n        }\n      },\n      \"status\": {\n        \"phase\": \"Pending\"\n      },\n      \"spec\": {\n        \"containers\": [\n          {\n            \"name\": \"pg\",\n            \"image\": \"postgres:16\"\n          },\n          {\n            \"name\": \"side\",\n            \"image\": \"busybox\"\n          }\n        ]\n      }\n    }\n  ],\n  \"n\": [\n    3,\n    1,\n    2\n  ],\n  \"s\": \"a,b\",\n  \"e\": {},\n  \"z\": [],\n  \"f\": 1.5,\n  \"nul\": null,\n  \"t\": true\n}\n", 0],
  [["-c","."], "{\"apiVersion\":\"v1\",\"kind\":\"List\",\"items\":[{\"metadata\":{\"name\":\"web-1\",\"labels\":{\"app\":\"web\"}},\"status\":{\"phase\":\"Running\",\"podIP\":\"10.0.0.1\"},\"spec\":{\"containers\":[{\"name\":\"nginx\",\"image\":\"nginx:1.27\"}]}},{\"metadata\":{\"name\":\"db-1\",\"labels\":{\"app\":\"db\",\"tier\":\"back\"}},\"status\":{\"phase\":\"Pending\"},\"spec\":{\"containers\":[{\"name\":\"pg\",\"image\":\"postgres:16\"},{\"name\":\"side\",\"image\":\"busybox\"}]}}],\"n\":[3,1,2],\"s\":\"a,b\",\"e\":{},\"z\":[],\"f\":1.5,\"nul\":null,\"t\":true}\n", 0],
  [[".items[].metadata.name"], "\"web-1\"\n\"db-1\"\n", 0],
  [["-r",".items[].metadata.name"], "web-1\ndb-1\n", 0],
  [[".items[-1].metadata.name"], "\"db-1\"\n", 0],
  [[".[\"kind\"]"], "\"List\"\n", 0],
  [[".items[] | select(.status.phase == \"Running\") | .metadata.name"], "\"web-1\"\n", 0],
  [["keys"], "[\n  \"apiVersion\",\n  \"e\",\n  \"f\",\n  \"items\",\n  \"kind\",\n  \"n\",\n  \"nul\",\n  \"s\",\n  \"t\",\n  \"z\"\n]\n", 0],
  [["length"], "10\n", 0],
  [[".items | map(.metadata.name)"], "[\n  \"web-1\",\n  \"db-1\"\n]\n", 0],
  [["-c",".items[] | {name: .metadata.name, phase: .status.phase}"], "{\"name\":\"web-1\",\"phase\":\"Running\"}\n{\"name\":\"db-1\",\"phase\":\"Pending\"}\n", 0],
  [["-c","[.items[] | .spec.containers[].image]"], "[\"nginx:1.27\",\"postgres:16\",\"busybox\"]\n", 0],
  [[".n | sort"], "[\n  1,\n  2,\n  3\n]\n", 0],
  [[".n | add"], "6\n", 0],
  [[".items[] | .status.podIP // \"none\""], "\"10.0.0.1\"\n\"none\"\n", 0],
  [["-r",".n | map(tostring) | join(\"-\")"], "3-1-2\n", 0],
  [[".missing.deeper"], "null\n", 0],
  [[".kind.x"], "jq: error (at <stdin>:1): Cannot index string with string \"x\"\n", 5],
  [[".[0]"], "jq: error (at <stdin>:1): Cannot index object with number\n", 5],
  [[".e, .z"], "{}\n[]\n", 0],
  [["-r","\"\\(.kind) has \\(.items | length) items\""], "List has 2 items\n", 0],
  [["-c",".items[] | .metadata.labels | with_entries(.value |= ascii_upcase)"], "{\"app\":\"WEB\"}\n{\"app\":\"DB\",\"tier\":\"BACK\"}\n", 0],
  [["-c","del(.items)"], "{\"apiVersion\":\"v1\",\"kind\":\"List\",\"n\":[3,1,2],\"s\":\"a,b\",\"e\":{},\"z\":[],\"f\":1.5,\"nul\":null,\"t\":true}\n", 0],
  [["-c",".items[0].metadata | .name = \"x\""], "{\"name\":\"x\",\"labels\":{\"app\":\"web\"}}\n", 0],
  [["[.items[] | .metadata.name] | @csv"], "\"\\\"web-1\\\",\\\"db-1\\\"\"\n", 0],
  [["-r",".items[] | [.metadata.name, .status.phase] | @tsv"], "web-1\tRunning\ndb-1\tPending\n", 0],
  [["-c","path(.items[0].metadata.name)"], "[\"items\",0,\"metadata\",\"name\"]\n", 0],
  [["-c","reduce .n[] as $x (0; . + $x)"], "6\n", 0],
  [[".t | length"], "jq: error (at <stdin>:1): boolean (true) has no length\n", 5],
  [["-c",".items | group_by(.status.phase) | map(length)"], "[1,1]\n", 0],
  [["-e",".nul"], "null\n", 1],
  [["--arg","n","db-1",".items[] | select(.metadata.name == $n) | .status.phase"], "\"Pending\"\n", 0],
  [[".a |"], "jq: error: syntax error, unexpected $end (Unix shell quoting issues?) at <top-level>, line 1:\n.a |   \njq: 1 compile error\n", 3],
  [["nope"], "jq: error: nope/0 is not defined at <top-level>, line 1:\nnope\njq: 1 compile error\n", 3],
  [["-S","-c",".items[0].metadata.labels + {z:1, a:0}"], "{\"a\":0,\"app\":\"web\",\"z\":1}\n", 0],
  [["-c","[limit(2; .items[])] | length"], "2\n", 0],
  [["-c",".items[0] | [.metadata.name, .status.phase] as [$a, $b] | {$a, $b}"], "{\"a\":\"web-1\",\"b\":\"Running\"}\n", 0],
  [["-c","try error(\"x\") catch ."], "\"x\"\n", 0],
  [["-c","any(.n[]; . > 2), all(.n[]; . > 2)"], "true\nfalse\n", 0],
  [[".items[] | .metadata.name | sub(\"-1\"; \"-2\")"], "\"web-2\"\n\"db-2\"\n", 0],
  [[".f * 2, 10 % 3, (.n | length) / 2"], "3\n1\n1.5\n", 0],
  [["-c","[.n[] | select(. >= 2)]"], "[3,2]\n", 0],
  [["-c",".items | map(.metadata.labels.tier // \"-\")"], "[\"-\",\"back\"]\n", 0],

];

async function jq(args: string[], opts: { isTTY?: boolean } = {}): Promise<string> {
  const t = new TestShell();
  t.shell.fs.writeFile('/home/k8s/in.json', INPUT);
  const r = await t.run(`jq ${args.map(shellQuote).join(' ')} < in.json`, opts);
  return `${r.out}${r.err}[${r.code}]`;
}

describe('jq matches jq 1.6', () => {
  it.each(CASES)('jq %j', async (args, expected, status) => {
    expect(await jq(args)).toBe(`${expected}[${status}]`);
  });
});

describe('jq command', () => {
  it('colours output on a TTY like jq 1.6 and not when piped', async () => {
    const t = new TestShell();
    const tty = await t.run(`echo '{"a":[1,"x",null,true]}' | jq .`, { isTTY: true });
    expect(tty.out).toBe('\x1b[1;39m{\n  \x1b[0m\x1b[34;1m"a"\x1b[0m\x1b[1;39m: \x1b[0m\x1b[1;39m[\n    \x1b[0;39m1\x1b[0m\x1b[1;39m,\n    '
      + '\x1b[0;32m"x"\x1b[0m\x1b[1;39m,\n    \x1b[1;30mnull\x1b[0m\x1b[1;39m,\n    \x1b[0;39mtrue\x1b[0m\x1b[1;39m\n  \x1b[1;39m]\x1b[0m\x1b[1;39m\n\x1b[1;39m}\x1b[0m\n');
    expect((await t.run(`echo '{"a":[1]}' | jq . | cat`, { isTTY: true })).out).toBe('{\n  "a": [\n    1\n  ]\n}\n');
  });

  it('reads files, reports missing ones, parse errors, -n, -s and -r with streams', async () => {
    const t = new TestShell();
    expect(await t.both(`echo '{"a":1} {"a":2}' > f.json; jq .a f.json; jq -s 'map(.a)' -c f.json; jq . nope.json; echo $?; jq -n '1+1'; echo foo | jq .; echo $?`))
      .toBe('1\n2\n[1,2]\njq: error: Could not open nope.json: No such file or directory\n2\n2\nparse error: Invalid numeric literal at line 2, column 0\n2\n[0]');
  });

  it('processes values as they arrive on a pipe', async () => {
    const t = new TestShell();
    const seen: number[] = [];
    t.shell.register('emit', async (ctx) => {
      for (let i = 1; i <= 2; i++) { ctx.stdout.write(`{"i":${i}}\n`); await ctx.sys.sleep(1000, ctx.interrupt); }
      return 0;
    });
    t.shell.register('stamp', async (ctx) => {
      for (let c = await ctx.stdin.read(); c !== null; c = await ctx.stdin.read()) seen.push(ctx.sys.now());
      return 0;
    });
    const start = t.clock.now();
    await t.run('emit | jq -c .i | stamp');
    expect(seen.map((x) => x - start)).toEqual([0, 1000]);
  });
});
