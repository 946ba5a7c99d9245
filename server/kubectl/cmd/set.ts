/**
 * `kubectl set image|env|resources|serviceaccount`: changes to a pod template (or a pod), with
 * `--record`'s change-cause (pflag's deprecation notice on stderr, as kubectl 1.32 prints it).
 * Sources: staging/src/k8s.io/kubectl/pkg/cmd/set/set_*.go; the texts checked against kubectl.1.32
 * with `--local -f` (test/kubectl/set-rollout.test.ts).
 */
import type { KubeObject } from '../../api/index.js';
import { boolFlag, flag, flagAll, type FlagSpec, type ParsedArgs } from '../args.js';
import { Out, type Ctx } from '../context.js';
import { clientError, serverError } from '../errors.js';
import { objectName } from '../printers/output.js';
import { resolveTargets } from '../resolve.js';
import { StatusError } from '../../cluster/index.js';

type Obj = Record<string, any>;

export const SET_FLAGS: FlagSpec[] = [
  { name: 'record', kind: 'bool' },
  { name: 'all', kind: 'bool' },
  { name: 'selector', short: 'l', kind: 'string' },
  { name: 'containers', short: 'c', kind: 'string' },
  { name: 'limits', kind: 'string' },
  { name: 'requests', kind: 'string' },
  { name: 'env', short: 'e', kind: 'array' },
  { name: 'dry-run', kind: 'string', noOptDefault: 'unchanged' },
  { name: 'output', short: 'o', kind: 'string' },
];

export const RECORD_DEPRECATED = 'Flag --record has been deprecated, --record will be removed in the future\n';

/** RecordFlags' change-cause: the command path, the arguments, then each flag set as --name=value in the order given. */
export function changeCause(path: string, p: ParsedArgs): string {
  const flags = [...p.flags.entries()].map(([k, v]) => `--${k}=${v.join(',')}`);
  return [path, ...p.positional.slice(1), ...flags].join(' ');
}

/** The pod spec a kind carries: a Pod's own, a workload's template, a CronJob's job template. */
export function podSpecOf(o: Obj): Obj | undefined {
  if (o.kind === 'Pod') return o.spec;
  if (o.kind === 'CronJob') return o.spec?.jobTemplate?.spec?.template?.spec;
  return o.spec?.template?.spec;
}

function each(p: ParsedArgs, ctx: Ctx, args: string[], out: Out, change: (o: Obj) => boolean, verb: string, record: string | undefined): Out {
  const targets = resolveTargets(args);
  if (!targets.ok) return out.fail(targets.error);
  if (targets.value.length === 0) return out.fail(clientError('You must provide one or more resources by argument or filename.'));
  for (const t of targets.value) {
    for (const name of t.names) {
      const obj = ctx.cluster.get(t.type, t.type.namespaced ? ctx.namespace : undefined, name);
      if (!obj) {
        out.fail(serverError(StatusError.notFound(t.type.group ? `${t.type.resource}.${t.type.group}` : t.type.resource, name)));
        continue;
      }
      const next = structuredClone(obj) as Obj;
      if (!podSpecOf(next)) {
        out.fail(clientError(`${objectName(obj)} the object is not a pod or does not have a pod template: *v1.${t.type.kind}`));
        continue;
      }
      let changed = change(next);
      if (out.exitCode !== 0 && !changed) continue;
      if (record !== undefined) {
        const a = (next.metadata.annotations ??= {});
        if (a['kubernetes.io/change-cause'] !== record) changed = true;
        a['kubernetes.io/change-cause'] = record;
      }
      if (!changed) continue;
      const dry = flag(p, 'dry-run');
      const r = dry === 'client' ? { ok: true as const, value: next as KubeObject } : ctx.cluster.update(next, { dryRun: dry === 'server' });
      if (!r.ok) out.fail(clientError(`failed to patch ${verb === 'image updated' ? 'image update to pod template' : verb}: ${r.error.message}`));
      else out.print(`${objectName(r.value)} ${verb}${dry === 'client' ? ' (dry run)' : dry === 'server' ? ' (server dry run)' : ''}\n`);
    }
  }
  return out;
}

export function runSet(p: ParsedArgs, ctx: Ctx): Out {
  const out = new Out();
  const [sub, ...args] = p.positional;
  const record = boolFlag(p, 'record') ? changeCause(`kubectl set ${sub}`, p) : undefined;
  if (p.flags.has('record')) out.warn(RECORD_DEPRECATED);
  const containerFilter = flag(p, 'containers') ?? '*';
  const pick = (c: Obj) => containerFilter === '*' || c.name === containerFilter;
  switch (sub) {
    case 'image': {
      const pairs = args.filter((a) => a.includes('='));
      const refs = args.filter((a) => !a.includes('='));
      if (pairs.length === 0) return out.fail(clientError('at least one image update is required'));
      return each(p, ctx, refs, out, (o) => {
        const spec = podSpecOf(o)!;
        let changed = false;
        for (const pair of pairs) {
          const [name, image] = [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)];
          const all = [...(spec.initContainers ?? []), ...(spec.containers ?? [])] as Obj[];
          const hits = name === '*' ? all : all.filter((c) => c.name === name);
          if (hits.length === 0) {
            out.fail(clientError(`unable to find container named ${JSON.stringify(name)}`));
            continue;
          }
          for (const c of hits) {
            if (c.image !== image) changed = true;
            c.image = image;
          }
        }
        return changed;
      }, 'image updated', record);
    }
    case 'env': {
      const pairs = [...flagAll(p, 'env'), ...args.filter((a) => a.includes('=') || a.endsWith('-'))];
      const refs = args.filter((a) => !pairs.includes(a));
      // kubectl 1.32 prints nothing and changes nothing when no variable is given.
      if (pairs.length === 0) return out;
      return each(p, ctx, refs, out, (o) => {
        let changed = false;
        for (const c of (podSpecOf(o)!.containers ?? []) as Obj[]) {
          if (!pick(c)) continue;
          for (const kv of pairs) {
            const env = (c.env ??= []) as Obj[];
            if (!kv.includes('=') && kv.endsWith('-')) {
              const k = kv.slice(0, -1);
              const left = env.filter((e) => e.name !== k);
              if (left.length !== env.length) changed = true;
              if (left.length) c.env = left;
              else delete c.env;
              continue;
            }
            const [k, v] = [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)];
            const found = env.find((e) => e.name === k);
            if (found) {
              if (found.value !== v || found.valueFrom) changed = true;
              delete found.valueFrom;
              found.value = v;
            } else {
              env.push({ name: k, value: v });
              changed = true;
            }
          }
        }
        return changed;
      }, 'env updated', record);
    }
    case 'resources': {
      const parse = (s: string | undefined) => Object.fromEntries((s ?? '').split(',').filter(Boolean).map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]));
      const limits = parse(flag(p, 'limits'));
      const requests = parse(flag(p, 'requests'));
      if (Object.keys(limits).length === 0 && Object.keys(requests).length === 0) return out.fail(clientError('you must specify an update to requests or limits (in the form of --requests/--limits)'));
      return each(p, ctx, args, out, (o) => {
        let changed = false;
        for (const c of (podSpecOf(o)!.containers ?? []) as Obj[]) {
          if (!pick(c)) continue;
          const before = JSON.stringify(c.resources ?? {});
          c.resources ??= {};
          if (Object.keys(limits).length) c.resources.limits = { ...(c.resources.limits ?? {}), ...limits };
          if (Object.keys(requests).length) c.resources.requests = { ...(c.resources.requests ?? {}), ...requests };
          if (JSON.stringify(c.resources) !== before) changed = true;
        }
        return changed;
      }, 'resource requirements updated', record);
    }
    case 'serviceaccount':
    case 'sa': {
      const sa = args.at(-1);
      const refs = args.slice(0, -1);
      if (!sa || refs.length === 0) return out.fail(clientError('serviceaccount is required'));
      return each(p, ctx, refs, out, (o) => {
        const spec = podSpecOf(o)!;
        const changed = spec.serviceAccountName !== sa;
        spec.serviceAccountName = sa;
        delete spec.serviceAccount;
        return changed;
      }, 'serviceaccount updated', record);
    }
    default:
      return out.fail(clientError(`kubectl set ${sub ?? ''} is not available in this lab yet`));
  }
}
