/**
 * `kubectl cordon|uncordon NODE...` (pkg/cmd/drain/drain.go NewCmdCordon/NewCmdUncordon): sets
 * spec.unschedulable, printing `node/NAME cordoned` or `already cordoned`; the scheduler then
 * leaves the node out (and Pending pods are tried again on uncordon).
 */
import { resolveResourceType, StatusError, type ClusterApi } from '../../cluster/index.js';
import type { KubeObject } from '../../api/index.js';
import { flag, type FlagSpec, type ParsedArgs } from '../args.js';
import { Out, type Ctx } from '../context.js';
import { clientError, serverError } from '../errors.js';
import { parseSelector } from '../selector.js';
import { requirementsMatch } from '../../api/index.js';

export const CORDON_FLAGS: FlagSpec[] = [
  { name: 'selector', short: 'l', kind: 'string' },
  { name: 'dry-run', kind: 'string', noOptDefault: 'unchanged' },
];

/** The nodes a node verb names (`node01`, `node/node01`, `nodes/node01`) or selects with -l. */
export function selectNodes(verb: string, p: ParsedArgs, cluster: ClusterApi, out: Out): KubeObject[] | undefined {
  const nodeType = resolveResourceType('nodes')!;
  const sel = flag(p, 'selector');
  if (p.positional.length === 0 && sel === undefined) {
    out.fail(clientError(`USAGE: ${verb} NODE [flags]\nSee 'kubectl ${verb} -h' for help and examples`));
    return undefined;
  }
  if (sel !== undefined) {
    const reqs = parseSelector(sel);
    if (!Array.isArray(reqs) && !reqs.ok) {
      out.fail(clientError(reqs.message));
      return undefined;
    }
    const requirements = Array.isArray(reqs) ? reqs : reqs.value;
    return cluster.list(nodeType).filter((n) => requirementsMatch(requirements, n.metadata.labels));
  }
  const nodes: KubeObject[] = [];
  for (const arg of p.positional) {
    const slash = arg.indexOf('/');
    const name = slash >= 0 ? arg.slice(slash + 1) : arg;
    if (slash >= 0 && resolveResourceType(arg.slice(0, slash))?.kind !== 'Node') {
      out.fail(clientError(`unable to ${verb} ${arg.slice(0, slash)}/${name}`));
      continue;
    }
    const node = cluster.get(nodeType, undefined, name);
    if (!node) out.fail(serverError(StatusError.notFound('nodes', name)));
    else nodes.push(node);
  }
  return nodes;
}

export function runCordon(desired: boolean, p: ParsedArgs, ctx: Ctx): Out {
  const out = new Out();
  const verb = desired ? 'cordon' : 'uncordon';
  const nodes = selectNodes(verb, p, ctx.cluster, out);
  if (!nodes) return out;
  const dry = flag(p, 'dry-run');
  const suffix = dry === 'client' ? ' (dry run)' : dry === 'server' ? ' (server dry run)' : '';
  for (const node of nodes) {
    const current = !!(node.spec as { unschedulable?: boolean } | undefined)?.unschedulable;
    if (current === desired) {
      out.print(`node/${node.metadata.name} already ${verb}ed${suffix}\n`);
      continue;
    }
    if (!dry || dry === 'none') {
      const next = structuredClone(node) as KubeObject & { spec: Record<string, unknown> };
      next.spec = { ...(next.spec ?? {}) };
      if (desired) next.spec.unschedulable = true;
      else delete next.spec.unschedulable;
      const r = ctx.cluster.update(next);
      if (!r.ok) {
        out.fail(serverError(r.error));
        continue;
      }
    }
    out.print(`node/${node.metadata.name} ${verb}ed${suffix}\n`);
  }
  return out;
}
