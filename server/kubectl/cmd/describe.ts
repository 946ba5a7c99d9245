/** `kubectl describe`: by name, by name prefix, or a whole kind. */
import { qualifiedName, requirementsMatch } from '../../api/index.js';
import { DESCRIBERS } from '../describe/index.js';
import { StatusError } from '../../cluster/index.js';
import { flag, type FlagSpec, type ParsedArgs } from '../args.js';
import { Out, type Ctx } from '../context.js';
import { clientError, serverError } from '../errors.js';
import { resolveTargets } from '../resolve.js';
import { parseSelector } from '../selector.js';

export const DESCRIBE_FLAGS: FlagSpec[] = [
  { name: 'all-namespaces', short: 'A', kind: 'bool' },
  { name: 'selector', short: 'l', kind: 'string' },
  { name: 'filename', short: 'f', kind: 'array' },
  { name: 'show-events', kind: 'bool' },
];

export function runDescribe(p: ParsedArgs, ctx: Ctx): Out {
  const out = new Out();
  if (p.positional.length === 0) return out.fail(clientError('Required resource not specified.'));
  const targets = resolveTargets(p.positional);
  if (!targets.ok) return out.fail(targets.error);
  const sel = flag(p, 'selector');
  const reqs = sel === undefined ? [] : parseSelector(sel);
  if (!Array.isArray(reqs) && !reqs.ok) return out.fail(clientError(reqs.message));
  const requirements = Array.isArray(reqs) ? reqs : reqs.value;
  const texts: string[] = [];
  for (const t of targets.value) {
    const describe = DESCRIBERS[t.type.kind];
    if (!describe) {
      out.fail(clientError(`describing ${t.type.resource} is not available in this lab yet`));
      continue;
    }
    const ns = t.type.namespaced ? ctx.namespace : undefined;
    const all = ctx.cluster.list(t.type, p.flags.has('all-namespaces') ? undefined : ns);
    if (t.names.length === 0) {
      const objs = all.filter((o) => requirementsMatch(requirements, o.metadata.labels));
      if (objs.length === 0) out.warn(ns ? `No resources found in ${ns} namespace.\n` : 'No resources found\n');
      texts.push(...objs.map((o) => describe(o, ctx.cluster, ctx.now)));
      continue;
    }
    for (const name of t.names) {
      const exact = ctx.cluster.get(t.type, ns, name);
      const objs = exact ? [exact] : all.filter((o) => o.metadata.name?.startsWith(name));
      if (objs.length === 0) out.fail(serverError(StatusError.notFound(qualifiedName(t.type, 'resource'), name)));
      texts.push(...objs.map((o) => describe(o, ctx.cluster, ctx.now)));
    }
  }
  out.stdout = texts.join('\n\n') + out.stdout;
  return out;
}
