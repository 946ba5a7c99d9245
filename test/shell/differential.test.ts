// The differential suite (issue 22): every case runs in GNU bash 5.2 on this machine, as
// `bash -c SCRIPT` in a temp dir standing for /root with the same files, and in the lab as the
// same `bash -c SCRIPT` line; stdout, stderr and the exit status must be identical. Only the temp
// dir's path is rewritten to /root. Real bash runs with a 5 s timeout and a bare environment.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Shell, Vfs, quote } from '../../server/shell/index.js';
import { CASES, FILES } from './differential-cases.js';

function realBash(script: string) {
  const dir = mkdtempSync(join(tmpdir(), 'ckalab-diff-'));
  try {
    for (const [k, v] of Object.entries(FILES)) writeFileSync(join(dir, k), v);
    const r = spawnSync('/bin/bash', ['--norc', '--noprofile', '-c', script], {
      argv0: 'bash',
      cwd: dir,
      env: { HOME: dir, PATH: '/usr/bin:/bin', LC_ALL: 'C.UTF-8', TZ: 'UTC' },
      encoding: 'utf8',
      timeout: 5000,
    });
    const norm = (s: string) => s.split(dir).join('/root');
    return { stdout: norm(r.stdout), stderr: norm(r.stderr), exitCode: r.status ?? -1 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function labBash(script: string) {
  const vfs = new Vfs();
  for (const [k, v] of Object.entries(FILES)) vfs.writeFileCreatingDirs(`/root/${k}`, v);
  const shell = new Shell({ vfs, commands: { get: () => undefined, names: () => [] } });
  // Real bash's stdout is a pipe here, so the lab's is not a terminal either.
  const r = shell.run(`bash -c ${quote(script)}`, { tty: false });
  return { stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode };
}

const only = process.env.DIFF_ONLY;
for (const [i, c] of CASES.entries()) {
  if (only && !c.script.includes(only)) continue;
  test(`#${i} ${c.script.slice(0, 70)}`, c.pending ? { todo: c.pending } : {}, () => {
    assert.deepEqual(labBash(c.script), realBash(c.script));
  });
}
