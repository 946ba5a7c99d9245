// `npm run bench`: every bench/*.bench.ts in turn, each in its own process (with --expose-gc).
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { cpus, totalmem } from 'node:os';

const dir = fileURLToPath(new URL('.', import.meta.url));
console.log(`${new Date().toISOString().slice(0, 10)} · ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'} · ${(totalmem() / 2 ** 30).toFixed(0)} GiB · Node ${process.version}`);
for (const f of readdirSync(dir).filter((n) => n.endsWith('.bench.ts')).sort()) {
  console.log(`\n== ${f}`);
  const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', `${dir}${f}`], { stdio: 'inherit' });
  if (r.status !== 0) process.exitCode = 1;
}
