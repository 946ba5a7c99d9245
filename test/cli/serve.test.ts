// `ckalab serve --scenarios DIR` (and CKALAB_SCENARIOS) serves the scenarios of that folder, as
// `scenario new --dir` writes them; a folder that does not exist is one clear line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/ckalab', import.meta.url));

/** Starts `ckalab serve` on a free port; resolves with its URL from the log, and a stop function. */
function serve(args: string[], env: Record<string, string> = {}): Promise<{ url: string; stop(): Promise<void> }> {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--host', '127.0.0.1', ...args], { env: { ...process.env, LOG_LEVEL: 'info', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no url in 30 s: ${out}`)), 30_000);
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /"url":"(http:\/\/[^"]+)"/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[1]!, stop: () => new Promise((done) => (child.once('exit', () => done()), child.kill('SIGTERM'))) });
      }
    });
    child.once('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
  });
}

test('serve --scenarios DIR and CKALAB_SCENARIOS serve that folder', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ckalab-serve-'));
  try {
    const scen = join(dir, 'mine');
    spawnSync('mkdir', [scen]);
    assert.equal(spawnSync(process.execPath, [BIN, 'scenario', 'new', 'my-own-lab', '--dir', scen]).status, 0);
    for (const [args, env] of [[['--scenarios', scen], {}], [[], { CKALAB_SCENARIOS: scen }]] as const) {
      const s = await serve([...args, '--data-dir', join(dir, 'data')], env);
      try {
        const home = await (await fetch(`${s.url}/`)).text();
        assert.match(home, /href="\/lab\/my-own-lab"/);
        assert.doesNotMatch(home, /href="\/lab\/network-policies"/);
      } finally {
        await s.stop();
      }
    }
    const bad = spawnSync(process.execPath, [BIN, 'serve', '--port', '0', '--scenarios', join(dir, 'nope')], { encoding: 'utf8' });
    assert.equal(bad.stderr, `error: the scenario directory ${join(dir, 'nope')} does not exist (--scenarios or CKALAB_SCENARIOS)\n`);
    assert.equal(bad.status, 2);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
