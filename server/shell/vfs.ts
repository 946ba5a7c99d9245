/**
 * The lab's virtual filesystem: plain maps of paths, bounded in file size, file count and total
 * bytes, with the errno a real one would give. Nothing here touches the real disk.
 */
import type { FileAccess } from './command.js';

export interface VfsLimits {
  maxFileBytes: number;
  maxFiles: number;
  maxTotalBytes: number;
}

export const DEFAULT_VFS_LIMITS: VfsLimits = { maxFileBytes: 1024 * 1024, maxFiles: 1000, maxTotalBytes: 8 * 1024 * 1024 };

export interface VfsSnapshot {
  files: Record<string, string>;
  dirs: string[];
  /** Files with the execute bit (`chmod +x`); absent in older snapshots. */
  executable?: string[];
}

export type WriteError = 'ENOENT' | 'EISDIR' | 'ENOSPC' | 'EFBIG' | 'ENOTDIR';

export function normalize(path: string): string {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return `/${out.join('/')}`;
}

const parent = (p: string) => (p === '/' ? '/' : normalize(p.slice(0, p.lastIndexOf('/')) || '/'));

export class Vfs {
  private files = new Map<string, string>();
  private dirs = new Set<string>(['/', '/root', '/tmp', '/etc']);
  private total = 0;
  private executable = new Set<string>();

  constructor(private readonly limits: VfsLimits = DEFAULT_VFS_LIMITS) {}

  static restore(s: VfsSnapshot, limits?: VfsLimits): Vfs {
    const v = new Vfs(limits);
    for (const d of s.dirs) v.dirs.add(d);
    for (const [p, c] of Object.entries(s.files)) {
      v.files.set(p, c);
      v.total += c.length;
    }
    for (const p of s.executable ?? []) v.executable.add(p);
    return v;
  }

  snapshot(): VfsSnapshot {
    const executable = [...this.executable].filter((p) => this.files.has(p)).sort();
    return { files: Object.fromEntries([...this.files].sort(([a], [b]) => (a < b ? -1 : 1))), dirs: [...this.dirs].sort(), ...(executable.length ? { executable } : {}) };
  }

  isExecutable(p: string): boolean {
    return this.files.has(p) && this.executable.has(p);
  }
  setExecutable(p: string, on: boolean): void {
    if (on) this.executable.add(p);
    else this.executable.delete(p);
  }

  isDir(p: string): boolean {
    return this.dirs.has(p);
  }
  isFile(p: string): boolean {
    return this.files.has(p);
  }
  exists(p: string): boolean {
    return this.isDir(p) || this.isFile(p);
  }
  read(p: string): string | undefined {
    return this.files.get(p);
  }

  write(p: string, content: string): { ok: true } | { ok: false; error: WriteError } {
    if (this.dirs.has(p)) return { ok: false, error: 'EISDIR' };
    const dir = parent(p);
    if (this.files.has(dir)) return { ok: false, error: 'ENOTDIR' };
    if (!this.dirs.has(dir)) return { ok: false, error: 'ENOENT' };
    if (content.length > this.limits.maxFileBytes) return { ok: false, error: 'EFBIG' };
    const old = this.files.get(p);
    if (old === undefined && this.files.size >= this.limits.maxFiles) return { ok: false, error: 'ENOSPC' };
    if (this.total - (old?.length ?? 0) + content.length > this.limits.maxTotalBytes) return { ok: false, error: 'ENOSPC' };
    this.total += content.length - (old?.length ?? 0);
    this.files.set(p, content);
    return { ok: true };
  }

  /** Scenario files: parents are created. */
  writeFileCreatingDirs(p: string, content: string): void {
    const path = normalize(p);
    let d = parent(path);
    const chain: string[] = [];
    while (!this.dirs.has(d)) {
      chain.push(d);
      d = parent(d);
    }
    for (const x of chain.reverse()) this.dirs.add(x);
    this.write(path, content);
  }

  mkdir(p: string): { ok: true } | { ok: false; error: 'EEXIST' | 'ENOENT' | 'ENOTDIR' | 'ENOSPC' } {
    if (this.exists(p)) return { ok: false, error: 'EEXIST' };
    const dir = parent(p);
    if (this.files.has(dir)) return { ok: false, error: 'ENOTDIR' };
    if (!this.dirs.has(dir)) return { ok: false, error: 'ENOENT' };
    if (this.dirs.size + this.files.size >= this.limits.maxFiles * 2) return { ok: false, error: 'ENOSPC' };
    this.dirs.add(p);
    return { ok: true };
  }

  remove(p: string): void {
    const c = this.files.get(p);
    if (c !== undefined) {
      this.total -= c.length;
      this.files.delete(p);
      this.executable.delete(p);
    }
    if (this.dirs.has(p) && p !== '/') {
      for (const f of [...this.files.keys()]) if (f.startsWith(`${p}/`)) this.remove(f);
      for (const d of [...this.dirs]) if (d.startsWith(`${p}/`)) this.dirs.delete(d);
      this.dirs.delete(p);
    }
  }

  list(dir: string): string[] {
    const prefix = dir === '/' ? '/' : `${dir}/`;
    const names = new Set<string>();
    for (const p of [...this.files.keys(), ...this.dirs]) {
      if (p !== dir && p.startsWith(prefix)) {
        const rest = p.slice(prefix.length);
        if (rest && !rest.includes('/')) names.add(rest);
      }
    }
    return [...names].sort();
  }

  /** The FileAccess view commands get, relative to a working directory. */
  access(cwd: string): FileAccess {
    const resolve = (path: string) => normalize(path.startsWith('/') ? path : path === '~' || path.startsWith('~/') ? `/root${path.slice(1)}` : `${cwd}/${path}`);
    return {
      resolve,
      readFile: (path) => {
        const p = resolve(path);
        if (this.dirs.has(p)) return { ok: false, error: 'EISDIR' };
        const c = this.files.get(p);
        return c === undefined ? { ok: false, error: 'ENOENT' } : { ok: true, value: c };
      },
      readDir: (path) => {
        const p = resolve(path);
        if (this.files.has(p)) return { ok: false, error: 'ENOTDIR' };
        return this.dirs.has(p) ? { ok: true, value: this.list(p) } : { ok: false, error: 'ENOENT' };
      },
      isDirectory: (path) => this.dirs.has(resolve(path)),
      writeFile: (path, content) => this.write(resolve(path), content),
    };
  }
}
