// The `jq` command (jq 1.6 as on Ubuntu 22.04): options, streaming JSON input (values are
// processed as they arrive on a pipe), output formatting (2-space indent, jq 1.6 colours on a
// TTY), error messages and exit codes. The language itself is in jq-lang.ts.
// Leaves out: --stream, --seq, --slurpfile/--rawfile, --args, modules, -L.
import type { Command, CommandContext } from '../../interpreter/types';
import { VfsError } from '../../vfs/vfs';
import type { Json } from './jq-lang';
import { JqCompileError, JqError, compile, run, serialize } from './jq-lang';

/** Scans complete JSON texts out of `buf`; returns them and the unconsumed rest. */
export function scanJson(buf: string, final: boolean, startLine = 1): { values: Json[]; rest: string; error?: string } {
  const values: Json[] = [];
  let i = 0;
  const n = buf.length;
  const position = (upto: number): { line: number; col: number } => {
    let line = startLine, col = 0;
    for (let k = 0; k < upto; k++) { if (buf[k] === '\n') { line++; col = 0; } else col++; }
    return { line, col };
  };
  for (;;) {
    while (i < n && /\s/.test(buf[i])) i++;
    if (i >= n) return { values, rest: '' };
    const start = i;
    const c = buf[i];
    if (c === '{' || c === '[') {
      let depth = 0;
      let inStr = false;
      for (; i < n; i++) {
        const d = buf[i];
        if (inStr) { if (d === '\\') i++; else if (d === '"') inStr = false; continue; }
        if (d === '"') inStr = true;
        else if (d === '{' || d === '[') depth++;
        else if (d === '}' || d === ']') { depth--; if (depth === 0) { i++; break; } }
      }
      if (depth > 0 || (i >= n && buf[n - 1] !== '}' && buf[n - 1] !== ']')) {
        if (!final) return { values, rest: buf.slice(start) };
        const p = position(n);
        return { values, rest: '', error: `Unfinished JSON term at EOF at line ${p.line}, column ${p.col}` };
      }
    } else if (c === '"') {
      i++;
      for (; i < n; i++) { if (buf[i] === '\\') { i++; continue; } if (buf[i] === '"') { i++; break; } }
      if (buf[i - 1] !== '"' || i - 1 === start) {
        if (!final) return { values, rest: buf.slice(start) };
        const p = position(n);
        return { values, rest: '', error: `Unfinished string at EOF at line ${p.line}, column ${p.col}` };
      }
    } else {
      while (i < n && !/[\s{}[\],:"]/.test(buf[i])) i++;
      if (i >= n && !final) return { values, rest: buf.slice(start) };
    }
    const text = buf.slice(start, i);
    try {
      values.push(JSON.parse(text) as Json);
    } catch {
      const atEof = i >= n;
      const p = position(atEof ? n : i + 1);
      const what = /^[-0-9]/.test(text) || /^[A-Za-z]/.test(text) ? 'Invalid numeric literal' : 'Invalid literal';
      return { values, rest: '', error: `${what} at ${atEof ? 'EOF at ' : ''}line ${p.line}, column ${p.col}` };
    }
  }
}

const USAGE = `Usage:\tjq [OPTIONS] FILTER [FILES...]
\tjq [OPTIONS] --args FILTER [ARGUMENTS...]
\tjq [OPTIONS] --jsonargs FILTER [JSON_VALUES...]

jq is a tool for processing JSON inputs, applying the given filter to
its JSON text inputs and producing the filter's results as JSON on
standard output.

The simplest filter is ., which copies jq's input to its output
unmodified (except for formatting, but note that IEEE754 is used
for number representation internally, with all that that implies).

For more advanced filters see the jq(1) manpage ("man jq")
and/or https://stedolan.github.io/jq

Example:

\t$ echo '{"foo": 0}' | jq .
\t{
\t  "foo": 0
\t}

For a listing of options, use jq --help.
`;

export const jq: Command = async (ctx: CommandContext) => {
  const argv = ctx.argv.slice(1);
  let raw = false, join = false, compact = false, nullInput = false, slurp = false, exitStatus = false;
  let sortKeys = false, color = ctx.isTTY, ascii = false, tab = false, indent = 2, rawInput = false;
  const vars: Record<string, Json> = {};
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('--')) {
      switch (a) {
        case '--raw-output': raw = true; break;
        case '--join-output': raw = true; join = true; break;
        case '--compact-output': compact = true; break;
        case '--null-input': nullInput = true; break;
        case '--slurp': slurp = true; break;
        case '--exit-status': exitStatus = true; break;
        case '--sort-keys': sortKeys = true; break;
        case '--monochrome-output': color = false; break;
        case '--color-output': color = true; break;
        case '--ascii-output': ascii = true; break;
        case '--raw-input': rawInput = true; break;
        case '--tab': tab = true; break;
        case '--indent': {
          const v = Number(argv[++i]);
          if (!Number.isInteger(v) || v < -1) { ctx.stderr.write('jq: --indent takes one parameter\nUse jq --help for help with command-line options,\nor see the jq manpage, or online docs  at https://stedolan.github.io/jq\n'); return 2; }
          if (v > 7) { ctx.stderr.write('jq: Cannot indent more than 7 characters\nUse jq --help for help with command-line options,\nor see the jq manpage, or online docs  at https://stedolan.github.io/jq\n'); return 2; }
          indent = v;
          break;
        }
        case '--arg': {
          if (i + 2 >= argv.length) { ctx.stderr.write('jq: --arg takes two parameters (e.g. --arg varname value)\nUse jq --help for help with command-line options,\nor see the jq manpage, or online docs  at https://stedolan.github.io/jq\n'); return 2; }
          vars[argv[i + 1]] = argv[i + 2];
          i += 2;
          break;
        }
        case '--argjson': {
          if (i + 2 >= argv.length) { ctx.stderr.write('jq: --argjson takes two parameters (e.g. --argjson varname text)\nUse jq --help for help with command-line options,\nor see the jq manpage, or online docs  at https://stedolan.github.io/jq\n'); return 2; }
          try { vars[argv[i + 1]] = JSON.parse(argv[i + 2]) as Json; }
          catch { ctx.stderr.write(`jq: invalid JSON text passed to --argjson\nUse jq --help for help with command-line options,\nor see the jq manpage, or online docs  at https://stedolan.github.io/jq\n`); return 2; }
          i += 2;
          break;
        }
        case '--help': ctx.stdout.write(USAGE); return 0;
        case '--version': ctx.stdout.write('jq-1.6\n'); return 0;
        default:
          ctx.stderr.write(`jq: Unknown option: ${a}\n${USAGE}`);
          return 2;
      }
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      for (const c of a.slice(1)) {
        switch (c) {
          case 'r': raw = true; break;
          case 'j': raw = true; join = true; break;
          case 'c': compact = true; break;
          case 'n': nullInput = true; break;
          case 's': slurp = true; break;
          case 'e': exitStatus = true; break;
          case 'S': sortKeys = true; break;
          case 'M': color = false; break;
          case 'C': color = true; break;
          case 'a': ascii = true; break;
          case 'R': rawInput = true; break;
          case 'h': ctx.stdout.write(USAGE); return 0;
          default:
            ctx.stderr.write(`jq: Unknown option: ${a}\n${USAGE}`);
            return 2;
        }
      }
      continue;
    }
    positional.push(a);
  }
  const filter = positional.shift() ?? '.';
  let program;
  try {
    program = compile(filter);
  } catch (e) {
    if (e instanceof JqCompileError) {
      ctx.stderr.write(`jq: error: ${e.message} at <top-level>, line 1:\n${filter}${' '.repeat(e.pos)}\njq: 1 compile error\n`);
      return 3;
    }
    throw e;
  }
  const envObj = Object.fromEntries(ctx.env);
  const fmt = { indent: compact ? 0 : indent, sortKeys, color, ascii, tab: tab && !compact };
  let status = 0;
  let last: Json | undefined;
  let anyOutput = false;
  let where = '<stdin>';
  let lineCount = 0;

  const process = (input: Json): boolean => {
    try {
      for (const out of run(program, input, { vars, env: envObj })) {
        anyOutput = true;
        last = out;
        const text = raw && typeof out === 'string' ? out : serialize(out, fmt);
        ctx.stdout.write(join ? text : text + '\n');
      }
    } catch (e) {
      if (e instanceof JqError) {
        const msg = e.value !== undefined && typeof e.value !== 'string' ? `${serialize(e.value, { indent: 0, sortKeys: false, color: false, ascii: false })} (not a string)` : e.message;
        ctx.stderr.write(`jq: error (at ${nullInput ? '<unknown>' : `${where}:${lineCount}`}): ${msg}\n`);
        status = 5;
        return true;
      }
      if (e instanceof JqCompileError) {
        ctx.stderr.write(`jq: error: ${e.message} at <top-level>, line 1:\n${filter}${' '.repeat(e.pos)}\njq: 1 compile error\n`);
        status = 3;
        return false;
      }
      throw e;
    }
    return true;
  };

  const finish = (): number => {
    if (status !== 0) return status;
    if (exitStatus) {
      if (!anyOutput) return 4;
      return last === null || last === false ? 1 : 0;
    }
    return 0;
  };

  if (nullInput) {
    process(null);
    return finish();
  }

  // Input sources: files in order, or stdin.
  const sources = positional.length ? positional : ['-'];
  const slurped: Json[] = [];
  let rawSlurp = '';
  for (const src of sources) {
    where = src === '-' ? '<stdin>' : src;
    let chunks: AsyncIterable<string> | Iterable<string>;
    if (src === '-') chunks = stdinChunks(ctx);
    else {
      try { chunks = [ctx.fs.readFile(ctx.fs.resolve(src, ctx.cwd))]; }
      catch (e) {
        if (!(e instanceof VfsError)) throw e;
        ctx.stderr.write(`jq: error: Could not open ${src}: ${e.reason}\n`);
        status = 2;
        continue;
      }
    }
    let buf = '';
    let consumedNl = 0; // newlines before `buf` (for parse error positions)
    const nl = (t: string): number => { let k = 0; for (let i = 0; i < t.length; i++) if (t.charCodeAt(i) === 10) k++; return k; };
    for await (const chunk of chunks) {
      buf += chunk;
      lineCount += nl(chunk);
      if (rawInput) {
        if (slurp) { rawSlurp += chunk; buf = ''; continue; }
        let at = buf.indexOf('\n');
        while (at >= 0) {
          if (!process(buf.slice(0, at))) return finish();
          buf = buf.slice(at + 1);
          at = buf.indexOf('\n');
        }
        continue;
      }
      const r = scanJson(buf, false, consumedNl + 1);
      for (const v of r.values) {
        if (slurp) slurped.push(v);
        else if (!process(v)) return finish();
      }
      if (r.error) { ctx.stderr.write(`parse error: ${r.error}\n`); return 2; }
      consumedNl += nl(buf.slice(0, buf.length - r.rest.length));
      buf = r.rest;
    }
    if (rawInput) { if (buf !== '' && !slurp) process(buf); continue; }
    const r = scanJson(buf, true, consumedNl + 1);
    for (const v of r.values) { if (slurp) slurped.push(v); else if (!process(v)) return finish(); }
    if (r.error) { ctx.stderr.write(`parse error: ${r.error}\n`); return 2; }
  }
  if (rawInput && slurp) process(rawSlurp);
  else if (slurp) process(slurped);
  return finish();
};

async function* stdinChunks(ctx: CommandContext): AsyncGenerator<string> {
  for (let c = await ctx.stdin.read(); c !== null; c = await ctx.stdin.read()) yield c;
}
