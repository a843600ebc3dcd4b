// File coreutils over the virtual fs, with GNU coreutils 8.32 output and messages (LANG=C.UTF-8):
// ls (-l -a -A -1 -F -h -r -t -S -d, columns on a TTY), mkdir (-p -v), rm (-r -f -v), touch, cp (-r), mv.
// Leaves out: colours (Ubuntu's `ls --color=auto` alias is not seeded), -R, permissions, links, -i.
import type { Command, CommandContext } from '../../interpreter/types';
import { VfsError } from '../../vfs/vfs';
import type { VfsStat } from '../../vfs/vfs';
import { compareC, strftime, withOpts } from './common';

function modeString(st: VfsStat): string {
  const bits = st.mode;
  const rwx = (v: number): string => (v & 4 ? 'r' : '-') + (v & 2 ? 'w' : '-') + (v & 1 ? 'x' : '-');
  let s = (st.type === 'dir' ? 'd' : '-') + rwx((bits >> 6) & 7) + rwx((bits >> 3) & 7) + rwx(bits & 7);
  if (bits & 0o1000) s = s.slice(0, 9) + (bits & 1 ? 't' : 'T');
  return s;
}

function humanSize(n: number): string {
  if (n < 1024) return String(n);
  const units = ['K', 'M', 'G', 'T'];
  let v = n;
  let u = -1;
  while (v >= 1024 && u < units.length - 1) { v /= 1024; u++; }
  return (v < 10 ? (Math.ceil(v * 10) / 10).toFixed(1) : String(Math.ceil(v))) + units[u];
}

/** Quotes a name as `ls` does on a terminal (shell-escape style). */
function lsQuote(name: string, tty: boolean): string {
  if (!tty || /^[A-Za-z0-9_.@%+=:,/-]+$/.test(name)) return name;
  if (!name.includes("'")) return `'${name}'`;
  return `"${name.replace(/(["\\$`])/g, '\\$1')}"`;
}

const SIX_MONTHS = 15778476000; // 365.2425 / 2 days, in ms

/** GNU ls pads columns with tabs (tab size 8) where a tab fits, then spaces. */
function indent(from: number, to: number): string {
  let s = '';
  while (from < to) {
    if (Math.floor(to / 8) > Math.floor((from + 1) / 8)) { s += '\t'; from += 8 - (from % 8); }
    else { s += ' '; from++; }
  }
  return s;
}

/** GNU ls -C layout: as many columns as fit in `width`, filled top to bottom. */
export function columnLayout(names: string[], width: number): string {
  const n = names.length;
  if (n === 0) return '';
  const lens = names.map((s) => [...s].length);
  const maxCols = Math.max(1, Math.min(n, Math.floor(width / 3)));
  let best = { cols: 1, rows: n, widths: [Math.max(...lens)] };
  for (let cols = maxCols; cols >= 1; cols--) {
    const rows = Math.ceil(n / cols);
    const widths = new Array<number>(cols).fill(0);
    for (let i = 0; i < n; i++) {
      const c = Math.floor(i / rows);
      widths[c] = Math.max(widths[c], lens[i] + (c === cols - 1 ? 0 : 2));
    }
    const total = widths.reduce((a, b) => a + b, 0);
    if (total < width) { best = { cols, rows, widths }; break; }
  }
  const { rows, widths } = best;
  let out = '';
  for (let r = 0; r < rows; r++) {
    let line = '';
    let pos = 0;
    for (let c = 0, i = r; i < n; c++, i += rows) {
      line += names[i];
      if (i + rows < n) line += indent(pos + lens[i], pos + widths[c]);
      pos += widths[c];
    }
    out += line + '\n';
  }
  return out;
}

export const ls: Command = (ctx) => withOpts(ctx, {
  short: 'laA1FhrtSdCgo',
  long: {
    all: { key: 'a', arg: false }, 'almost-all': { key: 'A', arg: false }, 'human-readable': { key: 'h', arg: false },
    reverse: { key: 'r', arg: false }, directory: { key: 'd', arg: false }, classify: { key: 'F', arg: false },
    color: { key: 'color', arg: true },
  },
}, 2, async (p) => {
  const fs = ctx.fs;
  const long = p.has('l') || p.has('g') || p.has('o');
  const onePer = p.has('1') || (!ctx.isTTY && !p.has('C'));
  const now = ctx.sys.now();
  let status = 0;
  const targets = p.args.length ? p.args : ['.'];
  const files: { name: string; path: string; st: VfsStat }[] = [];
  const dirs: { name: string; path: string }[] = [];
  for (const t of targets) {
    const path = fs.resolve(t, ctx.cwd);
    const st = fs.stat(path);
    if (!st) { ctx.stderr.write(`ls: cannot access '${t}': No such file or directory\n`); status = 2; continue; }
    if (st.type === 'dir' && !p.has('d')) dirs.push({ name: t, path });
    else files.push({ name: t, path, st });
  }
  const order = (entries: { name: string; st: VfsStat }[]): void => {
    entries.sort((a, b) => compareC(a.name, b.name));
    if (p.has('t')) entries.sort((a, b) => b.st.mtime - a.st.mtime);
    else if (p.has('S')) entries.sort((a, b) => b.st.size - a.st.size);
    if (p.has('r')) entries.reverse();
  };
  const suffix = (st: VfsStat): string => (p.has('F') && st.type === 'dir' ? '/' : '');
  const render = (entries: { name: string; st: VfsStat }[], withTotal: boolean): string => {
    if (entries.length === 0) return withTotal && long ? 'total 0\n' : '';
    if (long) {
      const sizes = entries.map((e) => (p.has('h') ? humanSize(e.st.size) : String(e.st.size)));
      const links = entries.map((e) => String(e.st.nlink));
      const lw = Math.max(...links.map((s) => s.length));
      const sw = Math.max(...sizes.map((s) => s.length));
      const ow = Math.max(...entries.map((e) => e.st.owner.length));
      let out = '';
      if (withTotal) {
        const blocks = entries.reduce((a, e) => a + (e.st.type === 'dir' ? 4 : Math.ceil(e.st.size / 4096) * 4), 0);
        out += `total ${p.has('h') ? humanSize(blocks * 1024) : blocks}\n`;
      }
      entries.forEach((e, i) => {
        const recent = e.st.mtime <= now && now - e.st.mtime < SIX_MONTHS;
        const date = strftime(recent ? '%b %e %H:%M' : '%b %e  %Y', e.st.mtime);
        const owner = p.has('g') ? '' : e.st.owner.padEnd(ow) + ' ';
        const group = p.has('o') ? '' : e.st.owner.padEnd(ow) + ' ';
        out += `${modeString(e.st)} ${links[i].padStart(lw)} ${owner}${group}${sizes[i].padStart(sw)} ${date} ${lsQuote(e.name, ctx.isTTY)}${suffix(e.st)}\n`;
      });
      return out;
    }
    const names = entries.map((e) => lsQuote(e.name, ctx.isTTY) + suffix(e.st));
    return onePer ? names.map((n) => n + '\n').join('') : columnLayout(names, ctx.columns);
  };
  let out = '';
  order(files);
  out += render(files, false);
  const sortedDirs = dirs.map((d) => ({ ...d, st: fs.stat(d.path) as VfsStat }));
  order(sortedDirs);
  const headers = targets.length > 1 || status !== 0;
  sortedDirs.forEach((d, i) => {
    const entries: { name: string; st: VfsStat }[] = [];
    if (p.has('a')) {
      entries.push({ name: '.', st: fs.stat(d.path) as VfsStat });
      entries.push({ name: '..', st: fs.stat(fs.resolve('..', d.path)) as VfsStat });
    }
    for (const name of fs.readdir(d.path)) {
      if (name.startsWith('.') && !p.has('a') && !p.has('A')) continue;
      entries.push({ name, st: fs.stat(d.path + (d.path === '/' ? '' : '/') + name) as VfsStat });
    }
    order(entries);
    if (headers) out += `${out !== '' || i > 0 ? '\n' : ''}${lsQuote(d.name, ctx.isTTY)}:\n`;
    out += render(entries, true);
  });
  ctx.stdout.write(out);
  return status;
});

function missing(ctx: CommandContext, what = 'operand'): number {
  ctx.stderr.write(`${ctx.argv[0]}: missing ${what}\nTry '${ctx.argv[0]} --help' for more information.\n`);
  return 1;
}

export const mkdir: Command = (ctx) => withOpts(ctx, {
  short: 'pvm:',
  long: { parents: { key: 'p', arg: false }, verbose: { key: 'v', arg: false }, mode: { key: 'm', arg: true } },
}, 1, async (p) => {
  if (p.args.length === 0) return missing(ctx);
  let status = 0;
  for (const d of p.args) {
    const path = ctx.fs.resolve(d, ctx.cwd);
    try {
      if (p.has('p')) {
        // Report each directory created, as `mkdir -pv` does.
        const created: string[] = [];
        if (p.has('v')) {
          const segs = d.split('/').filter((s) => s !== '');
          let acc = d.startsWith('/') ? '' : '';
          for (const seg of segs) {
            acc = acc === '' ? (d.startsWith('/') ? '/' + seg : seg) : acc + '/' + seg;
            if (!ctx.fs.exists(ctx.fs.resolve(acc, ctx.cwd))) created.push(acc);
          }
        }
        if (ctx.fs.exists(path) && !ctx.fs.isDir(path)) throw new VfsError('EEXIST', path);
        ctx.fs.mkdir(path, { recursive: true });
        for (const c of created) ctx.stdout.write(`mkdir: created directory '${c}'\n`);
      } else {
        ctx.fs.mkdir(path);
        if (p.has('v')) ctx.stdout.write(`mkdir: created directory '${d}'\n`);
      }
    } catch (e) {
      if (!(e instanceof VfsError)) throw e;
      ctx.stderr.write(`mkdir: cannot create directory ‘${d}’: ${e.reason}\n`);
      status = 1;
    }
  }
  return status;
});

export const rm: Command = (ctx) => withOpts(ctx, {
  short: 'rRfivd',
  long: { recursive: { key: 'r', arg: false }, force: { key: 'f', arg: false }, verbose: { key: 'v', arg: false }, dir: { key: 'd', arg: false }, 'no-preserve-root': { key: 'npr', arg: false } },
}, 1, async (p) => {
  const force = p.has('f');
  const recursive = p.has('r') || p.has('R');
  if (p.args.length === 0) return force ? 0 : missing(ctx);
  let status = 0;
  for (const f of p.args) {
    const path = ctx.fs.resolve(f, ctx.cwd);
    if (recursive && path === '/' && !p.has('npr')) {
      ctx.stderr.write(`rm: it is dangerous to operate recursively on '/'\nrm: use --no-preserve-root to override this failsafe\n`);
      status = 1;
      continue;
    }
    if (/(^|\/)\.\.?\/*$/.test(f)) {
      ctx.stderr.write(`rm: refusing to remove '.' or '..' directory: skipping '${f}'\n`);
      status = 1;
      continue;
    }
    const st = ctx.fs.stat(path);
    if (!st) {
      if (!force) { ctx.stderr.write(`rm: cannot remove '${f}': No such file or directory\n`); status = 1; }
      continue;
    }
    if (st.type === 'dir' && !recursive) {
      if (p.has('d') && ctx.fs.readdir(path).length === 0) { ctx.fs.rm(path); continue; }
      ctx.stderr.write(`rm: cannot remove '${f}': ${p.has('d') ? 'Directory not empty' : 'Is a directory'}\n`);
      status = 1;
      continue;
    }
    ctx.fs.rm(path, { recursive: true });
    if (p.has('v')) ctx.stdout.write(st.type === 'dir' ? `removed directory '${f}'\n` : `removed '${f}'\n`);
  }
  return status;
});

export const touch: Command = (ctx) => withOpts(ctx, { short: 'acm' }, 1, async (p) => {
  if (p.args.length === 0) return missing(ctx, 'file operand');
  let status = 0;
  for (const f of p.args) {
    try {
      const path = ctx.fs.resolve(f, ctx.cwd);
      if (p.has('c') && !ctx.fs.exists(path)) continue;
      ctx.fs.touch(path);
    } catch (e) {
      if (!(e instanceof VfsError)) throw e;
      ctx.stderr.write(`touch: cannot touch '${f}': ${e.reason}\n`);
      status = 1;
    }
  }
  return status;
});

function basename(p: string): string {
  const parts = p.split('/').filter((s) => s !== '');
  return parts[parts.length - 1] ?? '/';
}

async function copyOrMove(ctx: CommandContext, move: boolean): Promise<number> {
  const name = move ? 'mv' : 'cp';
  return withOpts(ctx, {
    short: move ? 'fivnT' : 'rRafivpnT',
    long: { recursive: { key: 'r', arg: false }, force: { key: 'f', arg: false }, verbose: { key: 'v', arg: false } },
  }, 1, async (p) => {
    const fs = ctx.fs;
    if (p.args.length === 0) return missing(ctx, 'file operand');
    if (p.args.length === 1) {
      ctx.stderr.write(`${name}: missing destination file operand after '${p.args[0]}'\nTry '${name} --help' for more information.\n`);
      return 1;
    }
    const recursive = move || p.has('r') || p.has('R') || p.has('a');
    const sources = p.args.slice(0, -1);
    const dest = p.args[p.args.length - 1];
    const destPath = fs.resolve(dest, ctx.cwd);
    const destIsDir = fs.isDir(destPath);
    if (sources.length > 1 && !destIsDir) {
      ctx.stderr.write(`${name}: target '${dest}' is not a directory\n`);
      return 1;
    }
    let status = 0;
    for (const s of sources) {
      const src = fs.resolve(s, ctx.cwd);
      const st = fs.stat(src);
      if (!st) { ctx.stderr.write(`${name}: cannot stat '${s}': No such file or directory\n`); status = 1; continue; }
      if (st.type === 'dir' && !recursive) { ctx.stderr.write(`cp: -r not specified; omitting directory '${s}'\n`); status = 1; continue; }
      const target = destIsDir ? fs.resolve(basename(s), destPath) : destPath;
      const targetShown = destIsDir ? `${dest.replace(/\/+$/, '')}/${basename(s)}` : dest;
      if (target === src) { ctx.stderr.write(`${name}: '${s}' and '${targetShown}' are the same file\n`); status = 1; continue; }
      if (st.type === 'dir' && (target + '/').startsWith(src + '/')) {
        ctx.stderr.write(move
          ? `mv: cannot move '${s}' to a subdirectory of itself, '${targetShown}'\n`
          : `cp: cannot copy a directory, '${s}', into itself, '${targetShown}'\n`);
        status = 1;
        continue;
      }
      const tst = fs.stat(target);
      if (tst?.type === 'dir' && st.type !== 'dir') {
        ctx.stderr.write(`${name}: cannot overwrite directory '${targetShown}' with non-directory\n`);
        status = 1;
        continue;
      }
      try {
        if (tst?.type === 'dir') fs.rm(target, { recursive: true });
        if (move) fs.rename(src, target); else fs.copy(src, target);
        if (p.has('v')) ctx.stdout.write(move ? `renamed '${s}' -> '${targetShown}'\n` : `'${s}' -> '${targetShown}'\n`);
      } catch (e) {
        if (!(e instanceof VfsError)) throw e;
        ctx.stderr.write(move
          ? `mv: cannot move '${s}' to '${targetShown}': ${e.reason}\n`
          : `cp: cannot create regular file '${targetShown}': ${e.reason}\n`);
        status = 1;
      }
    }
    return status;
  });
}

export const cp: Command = (ctx) => copyOrMove(ctx, false);
export const mv: Command = (ctx) => copyOrMove(ctx, true);
