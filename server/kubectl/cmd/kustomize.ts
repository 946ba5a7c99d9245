/**
 * `kubectl kustomize [DIR]` (kubectl pkg/cmd/kustomize): the kustomization built by ../kustomize.ts,
 * printed as kustomize's resmap AsYaml does (documents joined by `---`), deprecation warnings on stderr.
 */
import type { FlagSpec, ParsedArgs } from '../args.js';
import { Out, type Ctx } from '../context.js';
import { clientError } from '../errors.js';
import { kustomizeBuild, type KustomizeResult } from '../kustomize.js';
import type { Manifest } from '../manifests.js';
import { goYaml } from '../printers/go-yaml.js';

export const KUSTOMIZE_FLAGS: FlagSpec[] = [];

/** Build DIR, or the error kubectl prints when it is missing or not a kustomization. */
export function buildKustomization(dir: string, ctx: Ctx): KustomizeResult {
  const abs = ctx.io.fs.resolve(dir);
  if (!ctx.io.fs.isDirectory(abs)) {
    return { ok: false, message: `must build at directory: not a valid directory: evalsymlink failure on '${abs}' : lstat ${abs}: no such file or directory` };
  }
  return kustomizeBuild(abs, ctx.io.fs);
}

export function runKustomize(p: ParsedArgs, ctx: Ctx): Out {
  const out = new Out();
  if (p.positional.length > 1) return out.fail(clientError('specify one path to a kustomization directory.'));
  const built = buildKustomization(p.positional[0] ?? '.', ctx);
  if (!built.ok) return out.fail(clientError(built.message));
  out.print(built.objects.map((o) => goYaml(o)).join('---\n'));
  for (const w of built.warnings) out.warn(`${w}\n`);
  return out;
}

/** `apply|create|delete -k DIR`: the built objects as manifests named by DIR, warnings on stderr first. */
export function kustomizeManifests(dir: string, ctx: Ctx, out: Out): { manifests: Manifest[]; error?: ReturnType<typeof clientError> } {
  const built = buildKustomization(dir, ctx);
  if (!built.ok) return { manifests: [], error: clientError(built.message) };
  for (const w of built.warnings) out.warn(`${w}\n`);
  return { manifests: built.objects.map((object) => ({ source: dir, object })) };
}
