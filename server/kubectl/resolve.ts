/** Turning `pods,svc`, `pod/x`, `deploy x y` into resource types and names, with kubectl's errors. */
import { kindsInCategory, resolveResourceType, type KindStrategy } from '../cluster/index.js';
import { clientError, type KubectlError } from './errors.js';

export interface Target {
  type: KindStrategy;
  names: string[];
}

export function resolveTargets(args: readonly string[]): { ok: true; value: Target[] } | { ok: false; error: KubectlError } {
  if (args.length === 0) return { ok: true, value: [] };
  const slashed = args.filter((a) => a.includes('/'));
  if (slashed.length > 0) {
    if (slashed.length !== args.length) {
      return { ok: false, error: clientError(`there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'`) };
    }
    const targets: Target[] = [];
    for (const a of args) {
      const [t, name] = [a.slice(0, a.indexOf('/')), a.slice(a.indexOf('/') + 1)];
      const type = resolveResourceType(t);
      if (!type) return { ok: false, error: clientError(`the server doesn't have a resource type "${t}"`) };
      if (!name) return { ok: false, error: clientError(`arguments in resource/name form must have a single resource and name`) };
      const existing = targets.find((x) => x.type === type);
      if (existing) existing.names.push(name);
      else targets.push({ type, names: [name] });
    }
    return { ok: true, value: targets };
  }
  const [typesArg, ...names] = args;
  const types: KindStrategy[] = [];
  for (const t of typesArg!.split(',')) {
    const type = resolveResourceType(t);
    if (!type) {
      // A category (`all`, `api-extensions`) stands for its kinds, as kubectl's category expander does.
      const members = kindsInCategory(t);
      if (members.length === 0) return { ok: false, error: clientError(`the server doesn't have a resource type "${t}"`) };
      for (const m of members) if (!types.includes(m)) types.push(m);
      continue;
    }
    if (!types.includes(type)) types.push(type);
  }
  if (names.length > 0 && types.length > 1) {
    return { ok: false, error: clientError('you may only specify a single resource type') };
  }
  return { ok: true, value: types.map((type) => ({ type, names: [...names] })) };
}
