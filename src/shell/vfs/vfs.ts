// In-memory POSIX-like file tree for the shell: directories and text files with mtimes from the
// injected clock, owners and modes for `ls -l`, path resolution with `.`, `..` and `~`.
// Leaves out: symlinks, hard links, permissions checks, binary contents, inodes.

export type VfsErrorCode = 'ENOENT' | 'EEXIST' | 'EISDIR' | 'ENOTDIR' | 'ENOTEMPTY' | 'EINVAL';

const REASONS: Record<VfsErrorCode, string> = {
  ENOENT: 'No such file or directory',
  EEXIST: 'File exists',
  EISDIR: 'Is a directory',
  ENOTDIR: 'Not a directory',
  ENOTEMPTY: 'Directory not empty',
  EINVAL: 'Invalid argument',
};

export class VfsError extends Error {
  readonly code: VfsErrorCode;
  /** strerror() text, as coreutils print it after the file name. */
  readonly reason: string;
  constructor(code: VfsErrorCode, readonly path: string) {
    super(`${code}: ${REASONS[code]}, '${path}'`);
    this.code = code;
    this.reason = REASONS[code];
  }
}

interface FileNode { type: 'file'; content: string; mtime: number; mode: number; owner: string }
interface DirNode { type: 'dir'; children: Map<string, VNode>; mtime: number; mode: number; owner: string }
type VNode = FileNode | DirNode;

export interface VfsStat {
  type: 'file' | 'dir';
  size: number;      // bytes (UTF-8) for files, 4096 for directories
  mtime: number;     // virtual epoch ms
  mode: number;      // permission bits, e.g. 0o644
  owner: string;
  nlink: number;
}

export interface VfsJSON {
  version: 1;
  root: JsonNode;
}
type JsonNode =
  | { t: 'f'; c: string; m: number; p: number; o: string }
  | { t: 'd'; e: Record<string, JsonNode>; m: number; p: number; o: string };

export interface VfsOptions {
  now: () => number;
  home?: string;
  user?: string;
  hostname?: string;
  /** Seed /etc and the home directory (default true). */
  seed?: boolean;
}

/** UTF-8 byte length of a string. */
export function byteLength(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) { n += 4; i++; }
    else n += 3;
  }
  return n;
}

export class Vfs {
  private root: DirNode;
  readonly home: string;
  readonly user: string;
  private readonly now: () => number;

  constructor(opts: VfsOptions) {
    this.now = opts.now;
    this.home = opts.home ?? '/home/k8s';
    this.user = opts.user ?? 'k8s';
    this.root = { type: 'dir', children: new Map(), mtime: opts.now(), mode: 0o755, owner: 'root' };
    if (opts.seed !== false) this.seed(opts.hostname ?? 'node1');
  }

  private seed(hostname: string): void {
    for (const d of ['/etc', '/tmp', '/usr/bin', '/usr/local/bin', '/var/log', '/root']) this.mkdir(d, { recursive: true, owner: 'root' });
    this.writeFile('/etc/hostname', `${hostname}\n`, 'root');
    this.writeFile('/etc/hosts', `127.0.0.1 localhost\n127.0.1.1 ${hostname}\n\n` +
      '# The following lines are desirable for IPv6 capable hosts\n' +
      '::1     ip6-localhost ip6-loopback\nfe00::0 ip6-localnet\nff00::0 ip6-mcastprefix\n' +
      'ff02::1 ip6-allnodes\nff02::2 ip6-allrouters\n', 'root');
    this.writeFile('/etc/os-release', [
      'PRETTY_NAME="Ubuntu 22.04.5 LTS"', 'NAME="Ubuntu"', 'VERSION_ID="22.04"',
      'VERSION="22.04.5 LTS (Jammy Jellyfish)"', 'VERSION_CODENAME=jammy', 'ID=ubuntu', 'ID_LIKE=debian',
      'HOME_URL="https://www.ubuntu.com/"', 'SUPPORT_URL="https://help.ubuntu.com/"',
      'BUG_REPORT_URL="https://bugs.launchpad.net/ubuntu/"',
      'PRIVACY_POLICY_URL="https://www.ubuntu.com/legal/terms-and-policies/privacy-policy"',
      'UBUNTU_CODENAME=jammy', '',
    ].join('\n'), 'root');
    this.mkdir(this.home, { recursive: true, owner: this.user });
    const tmp = this.lookup('/tmp');
    if (tmp) tmp.mode = 0o1777;
  }

  /** Absolute, normalised path. `~` and `~/x` use the home directory. */
  resolve(path: string, cwd = '/'): string {
    let p = path;
    if (p === '~' || p.startsWith('~/')) p = this.home + p.slice(1);
    const base = p.startsWith('/') ? [] : cwd.split('/');
    const parts: string[] = [];
    for (const seg of [...base, ...p.split('/')]) {
      if (seg === '' || seg === '.') continue;
      if (seg === '..') { parts.pop(); continue; }
      parts.push(seg);
    }
    return '/' + parts.join('/');
  }

  private split(path: string): string[] {
    return this.resolve(path).split('/').filter((s) => s !== '');
  }

  private lookup(path: string): VNode | undefined {
    let node: VNode = this.root;
    for (const seg of this.split(path)) {
      if (node.type !== 'dir') return undefined;
      const next: VNode | undefined = node.children.get(seg);
      if (!next) return undefined;
      node = next;
    }
    return node;
  }

  /** Parent directory node and base name; throws ENOENT/ENOTDIR like open(2). */
  private parentOf(path: string): { dir: DirNode; name: string } {
    const segs = this.split(path);
    if (segs.length === 0) throw new VfsError('EISDIR', path);
    let node: VNode = this.root;
    for (const seg of segs.slice(0, -1)) {
      if (node.type !== 'dir') throw new VfsError('ENOTDIR', path);
      const next: VNode | undefined = node.children.get(seg);
      if (!next) throw new VfsError('ENOENT', path);
      node = next;
    }
    if (node.type !== 'dir') throw new VfsError('ENOTDIR', path);
    return { dir: node, name: segs[segs.length - 1] };
  }

  exists(path: string): boolean { return this.lookup(path) !== undefined; }
  isDir(path: string): boolean { return this.lookup(path)?.type === 'dir'; }
  isFile(path: string): boolean { return this.lookup(path)?.type === 'file'; }

  stat(path: string): VfsStat | null {
    const n = this.lookup(path);
    if (!n) return null;
    if (n.type === 'file') return { type: 'file', size: byteLength(n.content), mtime: n.mtime, mode: n.mode, owner: n.owner, nlink: 1 };
    let subdirs = 0;
    for (const c of n.children.values()) if (c.type === 'dir') subdirs++;
    return { type: 'dir', size: 4096, mtime: n.mtime, mode: n.mode, owner: n.owner, nlink: 2 + subdirs };
  }

  readFile(path: string): string {
    const n = this.lookup(path);
    if (!n) { this.parentOf(path); throw new VfsError('ENOENT', path); }
    if (n.type === 'dir') throw new VfsError('EISDIR', path);
    return n.content;
  }

  writeFile(path: string, content: string, owner?: string): void {
    const { dir, name } = this.parentOf(path);
    const existing = dir.children.get(name);
    if (existing?.type === 'dir') throw new VfsError('EISDIR', path);
    const t = this.now();
    if (existing) { existing.content = content; existing.mtime = t; }
    else { dir.children.set(name, { type: 'file', content, mtime: t, mode: 0o644, owner: owner ?? this.user }); dir.mtime = t; }
  }

  appendFile(path: string, content: string): void {
    const n = this.lookup(path);
    if (n?.type === 'file') { n.content += content; n.mtime = this.now(); return; }
    this.writeFile(path, content);
  }

  /** Update the mtime (creating an empty file when missing), like touch(1). */
  touch(path: string): void {
    const n = this.lookup(path);
    if (n) { n.mtime = this.now(); return; }
    this.writeFile(path, '');
  }

  /** Entry names, sorted by code unit (callers apply locale ordering). */
  readdir(path: string): string[] {
    const n = this.lookup(path);
    if (!n) throw new VfsError('ENOENT', path);
    if (n.type !== 'dir') throw new VfsError('ENOTDIR', path);
    return [...n.children.keys()].sort();
  }

  mkdir(path: string, opts: { recursive?: boolean; owner?: string } = {}): void {
    const owner = opts.owner ?? this.user;
    if (opts.recursive) {
      let node: DirNode = this.root;
      for (const seg of this.split(path)) {
        const next = node.children.get(seg);
        if (!next) {
          const d: DirNode = { type: 'dir', children: new Map(), mtime: this.now(), mode: 0o755, owner };
          node.children.set(seg, d);
          node.mtime = this.now();
          node = d;
        } else if (next.type === 'dir') node = next;
        else throw new VfsError('ENOTDIR', path);
      }
      return;
    }
    const { dir, name } = this.parentOf(path);
    if (dir.children.has(name)) throw new VfsError('EEXIST', path);
    dir.children.set(name, { type: 'dir', children: new Map(), mtime: this.now(), mode: 0o755, owner });
    dir.mtime = this.now();
  }

  rm(path: string, opts: { recursive?: boolean } = {}): void {
    const { dir, name } = this.parentOf(path);
    const n = dir.children.get(name);
    if (!n) throw new VfsError('ENOENT', path);
    if (n.type === 'dir' && !opts.recursive) {
      if (n.children.size > 0) throw new VfsError('ENOTEMPTY', path);
    }
    dir.children.delete(name);
    dir.mtime = this.now();
  }

  /** rename(2): moves a file or directory; replaces an existing file at `to`. */
  rename(from: string, to: string): void {
    const src = this.parentOf(from);
    const n = src.dir.children.get(src.name);
    if (!n) throw new VfsError('ENOENT', from);
    const dst = this.parentOf(to);
    const target = dst.dir.children.get(dst.name);
    if (target?.type === 'dir') throw new VfsError('EISDIR', to);
    if (n.type === 'dir' && (this.resolve(to) + '/').startsWith(this.resolve(from) + '/')) throw new VfsError('EINVAL', to);
    src.dir.children.delete(src.name);
    dst.dir.children.set(dst.name, n);
    src.dir.mtime = dst.dir.mtime = this.now();
  }

  /** Deep copy of a file or a directory tree (cp -r). */
  copy(from: string, to: string): void {
    const n = this.lookup(from);
    if (!n) throw new VfsError('ENOENT', from);
    const { dir, name } = this.parentOf(to);
    const t = this.now();
    const clone = (x: VNode): VNode => x.type === 'file'
      ? { type: 'file', content: x.content, mtime: t, mode: x.mode, owner: this.user }
      : { type: 'dir', children: new Map([...x.children].map(([k, v]) => [k, clone(v)])), mtime: t, mode: x.mode, owner: this.user };
    const existing = dir.children.get(name);
    if (existing?.type === 'dir' && n.type === 'file') throw new VfsError('EISDIR', to);
    dir.children.set(name, clone(n));
    dir.mtime = t;
  }

  toJSON(): VfsJSON {
    const enc = (n: VNode): JsonNode => n.type === 'file'
      ? { t: 'f', c: n.content, m: n.mtime, p: n.mode, o: n.owner }
      : { t: 'd', e: Object.fromEntries([...n.children].map(([k, v]) => [k, enc(v)])), m: n.mtime, p: n.mode, o: n.owner };
    return { version: 1, root: enc(this.root) };
  }

  static fromJSON(json: VfsJSON, opts: Omit<VfsOptions, 'seed'>): Vfs {
    const fs = new Vfs({ ...opts, seed: false });
    const dec = (n: JsonNode): VNode => n.t === 'f'
      ? { type: 'file', content: n.c, mtime: n.m, mode: n.p, owner: n.o }
      : { type: 'dir', children: new Map(Object.entries(n.e).map(([k, v]) => [k, dec(v)])), mtime: n.m, mode: n.p, owner: n.o };
    const root = dec(json.root);
    if (root.type !== 'dir') throw new Error('vfs: root is not a directory');
    fs.root = root;
    return fs;
  }
}
