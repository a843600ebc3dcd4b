// Virtual file system: path resolution, errors with errno reasons, seeding, JSON round trip.
import { describe, expect, it } from 'vitest';
import { Vfs, VfsError } from './vfs';

function make(): { fs: Vfs; tick: (ms: number) => void } {
  let t = Date.UTC(2026, 10, 22, 10, 0, 0);
  const fs = new Vfs({ now: () => t, hostname: 'node1' });
  return { fs, tick: (ms) => { t += ms; } };
}

function code(f: () => void): string {
  try { f(); } catch (e) { return e instanceof VfsError ? `${e.code}: ${e.reason}` : String(e); }
  return 'ok';
}

describe('Vfs', () => {
  it('resolves ., .., ~ and relative paths', () => {
    const { fs } = make();
    expect(fs.resolve('a/../b/./c', '/home/k8s')).toBe('/home/k8s/b/c');
    expect(fs.resolve('~/x')).toBe('/home/k8s/x');
    expect(fs.resolve('~')).toBe('/home/k8s');
    expect(fs.resolve('../../..', '/home/k8s')).toBe('/');
    expect(fs.resolve('/etc//hosts/')).toBe('/etc/hosts');
  });

  it('seeds /etc and the home directory', () => {
    const { fs } = make();
    expect(fs.readFile('/etc/hostname')).toBe('node1\n');
    expect(fs.readFile('/etc/os-release').split('\n')[0]).toBe('PRETTY_NAME="Ubuntu 22.04.5 LTS"');
    expect(fs.readdir('/')).toEqual(['etc', 'home', 'root', 'tmp', 'usr', 'var']);
    expect(fs.stat('/home/k8s')).toMatchObject({ type: 'dir', owner: 'k8s', mode: 0o755 });
  });

  it('reads, writes, appends and stats with mtimes from the clock', () => {
    const { fs, tick } = make();
    fs.writeFile('/tmp/a', 'héllo');
    tick(5000);
    fs.appendFile('/tmp/a', '\n');
    expect(fs.readFile('/tmp/a')).toBe('héllo\n');
    expect(fs.stat('/tmp/a')).toEqual({ type: 'file', size: 7, mtime: Date.UTC(2026, 10, 22, 10, 0, 5), mode: 0o644, owner: 'k8s', nlink: 1 });
  });

  it('fails like the syscalls do', () => {
    const { fs } = make();
    expect(code(() => fs.readFile('/nope'))).toBe('ENOENT: No such file or directory');
    expect(code(() => fs.readFile('/etc'))).toBe('EISDIR: Is a directory');
    expect(code(() => fs.writeFile('/etc/hostname/x', ''))).toBe('ENOTDIR: Not a directory');
    expect(code(() => fs.mkdir('/etc'))).toBe('EEXIST: File exists');
    expect(code(() => fs.mkdir('/a/b'))).toBe('ENOENT: No such file or directory');
    expect(code(() => fs.rm('/etc'))).toBe('ENOTEMPTY: Directory not empty');
    expect(code(() => fs.mkdir('/a/b/c', { recursive: true }))).toBe('ok');
    expect(fs.stat('/a')?.nlink).toBe(3);
  });

  it('renames and copies trees', () => {
    const { fs } = make();
    fs.mkdir('/d/e', { recursive: true });
    fs.writeFile('/d/e/f', 'x');
    fs.copy('/d', '/c');
    fs.rename('/d', '/m');
    expect([fs.exists('/d'), fs.readFile('/m/e/f'), fs.readFile('/c/e/f')]).toEqual([false, 'x', 'x']);
    expect(code(() => fs.rename('/m', '/m/e/inside'))).toBe('EINVAL: Invalid argument');
  });

  it('round-trips through JSON', () => {
    const { fs } = make();
    fs.writeFile('/home/k8s/pod.yaml', 'kind: Pod\n');
    const copy = Vfs.fromJSON(JSON.parse(JSON.stringify(fs.toJSON())), { now: () => 0 });
    expect(copy.readFile('/home/k8s/pod.yaml')).toBe('kind: Pod\n');
    expect(copy.toJSON()).toEqual(fs.toJSON());
  });
});
