/** `kubectl delete TYPE NAME...`, `-l`, `--all`; `-f` goes through runFromFiles. */
import { qualifiedName, requirementsMatch, type KubeObject } from '../../api/index.js';
import { boolFlag, flag, flagAll, type ParsedArgs } from '../args.js';
import { Out, type Ctx } from '../context.js';
import { clientError, serverError } from '../errors.js';
import { objectName } from '../printers/output.js';
import { resolveTargets } from '../resolve.js';
import { parseSelector } from '../selector.js';
import { dryRunOf, parseCascade, runFromFiles } from './apply.js';

export function runDelete(p: ParsedArgs, ctx: Ctx): Out {
  const cascade = parseCascade(flag(p, 'cascade'));
  if (cascade.error) return new Out().fail(clientError(cascade.error));
  if (flagAll(p, 'filename').length > 0 || flag(p, 'kustomize') !== undefined) {
    const viaFiles = runFromFiles('delete', p, ctx);
    if (cascade.warning) viaFiles.stderr = cascade.warning + viaFiles.stderr;
    return viaFiles;
  }
  const out = new Out();
  // delete.go's Complete and Validate: --grace-period=0 alone means 1; --force alone means 0.
  const graceText = flag(p, 'grace-period');
  let grace = graceText === undefined ? -1 : Number(graceText);
  const force = boolFlag(p, 'force');
  if (boolFlag(p, 'now')) {
    if (grace !== -1) return out.fail(clientError('--now and --grace-period cannot be specified together'));
    grace = 1;
  }
  if (grace === 0 && !force) grace = 1;
  if (force && grace < 0) grace = 0;
  if (grace > 0 && force) return out.fail(clientError('--force and --grace-period greater than 0 cannot be specified together'));
  if (cascade.warning) out.warn(cascade.warning);
  if (grace === 0 && force) out.warn('Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n');
  const operation = grace === 0 ? 'force deleted' : 'deleted';
  const propagationPolicy = cascade.policy;
  const dry = dryRunOf(p, out);
  if (!dry) return out;
  if (p.positional.length === 0) {
    return out.fail(clientError('You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   \'-f rsrc.yaml\'\n   \'--filename=rsrc.json\'\n   \'<resource> <name>\'\n   \'<resource>\''));
  }
  const targets = resolveTargets(p.positional);
  if (!targets.ok) return out.fail(targets.error);
  const sel = flag(p, 'selector');
  const all = boolFlag(p, 'all');
  const suffix = dry === 'client' ? ' (dry run)' : dry === 'server' ? ' (server dry run)' : '';
  for (const t of targets.value) {
    const ns = t.type.namespaced ? ctx.namespace : undefined;
    let victims: { name: string; obj?: KubeObject }[];
    if (t.names.length > 0) victims = t.names.map((name) => ({ name }));
    else if (sel !== undefined || all) {
      const reqs = sel !== undefined ? parseSelector(sel) : { ok: true as const, value: [] };
      if (!reqs.ok) return out.fail(clientError(reqs.message));
      victims = ctx.cluster
        .list(t.type, ns)
        .filter((o) => requirementsMatch(reqs.value, o.metadata.labels))
        .map((o) => ({ name: o.metadata.name!, obj: o }));
      if (victims.length === 0) out.print(ns ? `No resources found\n` : 'No resources found\n');
    } else {
      return out.fail(clientError('resource(s) were provided, but no name was specified'));
    }
    for (const v of victims) {
      const r = ctx.cluster.delete(t.type, ns, v.name, { dryRun: dry !== 'none', propagationPolicy });
      if (!r.ok) {
        if (r.error.reason === 'NotFound' && boolFlag(p, 'ignore-not-found')) continue;
        out.fail(serverError(r.error));
      } else out.print(`${qualifiedName(t.type, 'singular')} "${v.name}" ${operation}${suffix}\n`);
    }
  }
  void objectName;
  return out;
}
