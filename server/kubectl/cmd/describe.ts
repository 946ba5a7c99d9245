/** `kubectl describe`: by name, by name prefix, or a whole kind. */
import { qualifiedName, requirementsMatch, type KubeObject } from '../../api/index.js';
import { DESCRIBERS } from '../describe/index.js';
import { withEvents } from '../describe/events.js';
import { StatusError } from '../../cluster/index.js';
import { boolFlag, flag, type FlagSpec, type ParsedArgs } from '../args.js';
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
  if (p.positional.length === 0 && !p.flags.has('filename')) {
    return out.fail(clientError('You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.'));
  }
  const targets = resolveTargets(p.positional);
  if (!targets.ok) return out.fail(targets.error);
  const sel = flag(p, 'selector');
  const reqs = sel === undefined ? [] : parseSelector(sel);
  if (!Array.isArray(reqs) && !reqs.ok) return out.fail(clientError(reqs.message));
  const requirements = Array.isArray(reqs) ? reqs : reqs.value;
  const texts: string[] = [];
  const showEvents = flag(p, 'show-events') === undefined || boolFlag(p, 'show-events');
  const allNs = p.flags.has('all-namespaces');
  // describe.go's Run: one type and one name that is not found falls back to DescribeMatchingResources,
  // which prints every object whose name has that prefix, each followed by a newline.
  const single = targets.value.length === 1 && targets.value[0]!.names.length === 1 && p.positional.length === 2;
  for (const t of targets.value) {
    const describer = DESCRIBERS[t.type.kind];
    if (!describer) {
      out.fail(clientError(`describing ${t.type.resource} is not available in this lab yet`));
      continue;
    }
    const describe = (o: KubeObject) => {
      const text = describer(o, ctx.cluster, ctx.now);
      return showEvents ? withEvents(text, o, ctx.cluster, ctx.now) : text.replace(/Events:[ \t]+<none>\n$/, '');
    };
    const ns = t.type.namespaced ? ctx.namespace : undefined;
    if (t.names.length === 0) {
      const objs = ctx.cluster.list(t.type, allNs ? undefined : ns).filter((o) => requirementsMatch(requirements, o.metadata.labels));
      texts.push(...objs.map(describe));
      continue;
    }
    for (const name of t.names) {
      const exact = ctx.cluster.get(t.type, ns, name);
      if (exact) {
        texts.push(describe(exact));
        continue;
      }
      const notFound = serverError(StatusError.notFound(qualifiedName(t.type, 'resource'), name));
      if (!single) {
        out.fail(notFound);
        continue;
      }
      const matching = ctx.cluster.list(t.type, ns).filter((o) => o.metadata.name?.startsWith(name));
      if (matching.length === 0) return out.fail(notFound);
      out.print(matching.map((o) => `${describe(o)}\n`).join(''));
      return out;
    }
  }
  if (texts.length === 0 && out.exitCode === 0) out.warn(allNs ? 'No resources found\n' : `No resources found in ${ctx.namespace} namespace.\n`);
  out.stdout = texts.join('\n\n') + out.stdout;
  return out;
}
