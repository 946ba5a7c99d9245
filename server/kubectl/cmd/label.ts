/** `kubectl label|annotate TYPE NAME k=v k2- [--overwrite]`, with kubectl's messages. */
import { boolFlag, type FlagSpec, type ParsedArgs } from '../args.js';
import { Out, type Ctx } from '../context.js';
import { clientError, serverError } from '../errors.js';
import { objectName } from '../printers/output.js';
import { resolveTargets } from '../resolve.js';

export const LABEL_FLAGS: FlagSpec[] = [
  { name: 'overwrite', kind: 'bool' },
  { name: 'all', kind: 'bool' },
  { name: 'selector', short: 'l', kind: 'string' },
  { name: 'dry-run', kind: 'string', noOptDefault: 'unchanged' },
  { name: 'output', short: 'o', kind: 'string' },
];

export function runLabel(which: 'labels' | 'annotations', p: ParsedArgs, ctx: Ctx): Out {
  const out = new Out();
  const pairs = p.positional.filter((a) => a.includes('=') || a.endsWith('-'));
  const rest = p.positional.filter((a) => !pairs.includes(a));
  if (pairs.length === 0) return out.fail(clientError(`at least one ${which === 'labels' ? 'label' : 'annotation'} update is required`));
  const targets = resolveTargets(rest);
  if (!targets.ok) return out.fail(targets.error);
  const verb = which === 'labels' ? 'labeled' : 'annotated';
  for (const t of targets.value) {
    for (const name of t.names) {
      const obj = ctx.cluster.get(t.type, t.type.namespaced ? ctx.namespace : undefined, name);
      if (!obj) {
        out.fail(serverError(StatusErrorNotFound(t.type.resource, t.type.group, name)));
        continue;
      }
      const next = structuredClone(obj);
      const map: Record<string, string> = { ...(next.metadata[which] ?? {}) };
      let changed = false;
      for (const kv of pairs) {
        if (kv.endsWith('-') && !kv.includes('=')) {
          const k = kv.slice(0, -1);
          if (k in map) {
            delete map[k];
            changed = true;
          } else out.print(`${which === 'labels' ? 'label' : 'annotation'} "${k}" not found.\n`);
          continue;
        }
        const i = kv.indexOf('=');
        const k = kv.slice(0, i);
        const v = kv.slice(i + 1);
        if (k in map && map[k] !== v && !boolFlag(p, 'overwrite')) {
          return out.fail(clientError(`'${k}' already has a value (${map[k]}), and --overwrite is false`));
        }
        if (map[k] !== v) changed = true;
        map[k] = v;
      }
      next.metadata[which] = map;
      if (!changed) {
        out.print(`${objectName(obj)} not ${verb}\n`);
        continue;
      }
      const r = ctx.cluster.update(next);
      if (!r.ok) out.fail(serverError(r.error));
      else out.print(`${objectName(r.value)} ${verb}\n`);
    }
  }
  return out;
}

import { StatusError } from '../../cluster/index.js';
function StatusErrorNotFound(resource: string, group: string, name: string) {
  return StatusError.notFound(group ? `${resource}.${group}` : resource, name);
}
