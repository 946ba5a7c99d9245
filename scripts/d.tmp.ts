import { CASES } from '../test/shell/differential-cases.js';
import { labBash } from '../test/shell/differential.test.js';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { FILES } from '../test/shell/differential-cases.js';
for (const n of process.argv.slice(2).map(Number)) {
  const dir = mkdtempSync('/tmp/dd-'); for (const [k, v] of Object.entries(FILES)) writeFileSync(`${dir}/${k}`, v);
  const r = spawnSync('/bin/bash', ['-c', CASES[n]!.script], { cwd: dir, encoding: 'utf8', argv0: 'bash', env: { HOME: dir, PATH: '/usr/bin:/bin', LC_ALL: 'C.UTF-8' } });
  console.log(n, CASES[n]!.script, '\n LAB ', JSON.stringify(labBash(CASES[n]!.script)), '\n REAL', JSON.stringify({ stdout: r.stdout, stderr: r.stderr.split(dir).join('/root'), exitCode: r.status }));
}
