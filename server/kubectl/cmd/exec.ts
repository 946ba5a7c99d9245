/** `kubectl exec POD [-c C] [-it] -- CMD ...`: the command runs in the simulated container (deps.exec). */
import { type Pod } from '../../api/index.js';
import { resolveResourceType } from '../../cluster/index.js';
import { StatusError } from '../../cluster/index.js';
import { boolFlag, flag, type FlagSpec, type ParsedArgs } from '../args.js';
import { Out, type Ctx } from '../context.js';
import { clientError, serverError } from '../errors.js';

export const EXEC_FLAGS: FlagSpec[] = [
  { name: 'container', short: 'c', kind: 'string' },
  { name: 'stdin', short: 'i', kind: 'bool' },
  { name: 'tty', short: 't', kind: 'bool' },
  { name: 'quiet', short: 'q', kind: 'bool' },
  { name: 'filename', short: 'f', kind: 'array' },
];

export function runExec(p: ParsedArgs, ctx: Ctx): Out {
  const out = new Out();
  const [target, ...extra] = p.positional;
  if (!target) return out.fail(clientError('pod, type/name or --filename must be specified'));
  const command = [...extra, ...p.rest];
  if (command.length === 0) return out.fail(clientError('you must specify at least one command for the container'));
  const name = target.startsWith('pod/') || target.startsWith('pods/') || target.startsWith('po/') ? target.slice(target.indexOf('/') + 1) : target;
  const podType = resolveResourceType('pods')!;
  const pod = ctx.cluster.get(podType, ctx.namespace, name) as Pod | undefined;
  if (!pod) return out.fail(serverError(StatusError.notFound('pods', name)));
  const containers = pod.spec.containers;
  const cname = flag(p, 'container') ?? containers[0]!.name;
  if (!containers.some((c) => c.name === cname)) return out.fail(clientError(`unable to upgrade connection: container not found ("${cname}")`));
  if (!ctx.deps.exec) return out.fail(clientError('exec is not available in this lab'));
  const r = ctx.deps.exec(pod, cname, command, { stdin: boolFlag(p, 'stdin'), tty: boolFlag(p, 'tty') });
  out.print(r.stdout);
  out.warn(r.stderr);
  if (r.effects) out.effects.push(...r.effects);
  if (r.exitCode !== 0) {
    out.warn(`command terminated with exit code ${r.exitCode}\n`);
    out.exitCode = r.exitCode;
  }
  return out;
}
