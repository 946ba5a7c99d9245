/** The client bundle, built from web/src with esbuild when the server starts (no build step). */
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';

export interface Bundle {
  js: string;
  css: string;
  hash: string;
}

export async function buildBundle(): Promise<Bundle> {
  const entry = fileURLToPath(new URL('../../web/src/main.ts', import.meta.url));
  const r = await build({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    minify: true,
    write: false,
    outdir: 'out',
    target: 'es2022',
    loader: { '.css': 'css' },
    logLevel: 'silent',
  });
  const js = r.outputFiles.find((f) => f.path.endsWith('.js'))?.text ?? '';
  const css = r.outputFiles.find((f) => f.path.endsWith('.css'))?.text ?? '';
  return { js, css, hash: createHash('sha256').update(js + css).digest('hex').slice(0, 12) };
}
