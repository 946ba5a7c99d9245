/**
 * `kubectl api-resources`, as kubectl 1.32 prints it (staging/src/k8s.io/kubectl/pkg/cmd/apiresources/
 * apiresources.go): the served kinds from the cluster's registry, filtered by --api-group,
 * --namespaced, --verbs (all of them) and --categories (all of them), sorted stably by group (or
 * --sort-by name|kind) then name; `-o wide` adds the verbs as Go prints a []string and the
 * categories joined with commas.
 */
import { apiVersionOf } from '../../api/index.js';
import { KINDS, type KindStrategy } from '../../cluster/index.js';
import { boolFlag, flag, flagAll, type FlagSpec, type ParsedArgs } from '../args.js';
import { Out, type Ctx } from '../context.js';
import { clientError } from '../errors.js';
import { TABLE_TABS, tabwrite } from '../printers/tabwriter.js';

export const API_RESOURCES_FLAGS: FlagSpec[] = [
  { name: 'namespaced', kind: 'bool' },
  { name: 'api-group', kind: 'string' },
  { name: 'output', short: 'o', kind: 'string' },
  { name: 'no-headers', kind: 'bool' },
  { name: 'sort-by', kind: 'string' },
  { name: 'verbs', kind: 'array' },
  { name: 'cached', kind: 'bool' },
  { name: 'categories', kind: 'array' },
];

/** A string-slice flag: repeated and/or comma-separated, as pflag's StringSlice reads it. */
const sliceFlag = (p: ParsedArgs, name: string) => flagAll(p, name).flatMap((v) => v.split(',')).filter((v) => v !== '');

export function runApiResources(p: ParsedArgs, _ctx: Ctx): Out {
  const out = new Out();
  const output = flag(p, 'output') ?? '';
  if (!['', 'wide', 'name'].includes(output)) return out.fail(clientError(`--output ${output} is not available`));
  const sortBy = flag(p, 'sort-by') ?? '';
  if (sortBy && sortBy !== 'name' && sortBy !== 'kind') return out.fail(clientError('--sort-by accepts only name or kind'));
  const group = flag(p, 'api-group');
  const namespaced = p.flags.has('namespaced') ? boolFlag(p, 'namespaced') : undefined;
  const verbs = sliceFlag(p, 'verbs');
  const categories = sliceFlag(p, 'categories');
  const list = KINDS.filter(
    (k) =>
      (group === undefined || k.group === group) &&
      (namespaced === undefined || k.namespaced === namespaced) &&
      verbs.every((v) => (k.verbs as readonly string[]).includes(v)) &&
      categories.every((c) => k.categories.includes(c)),
  );
  const key = (k: KindStrategy) => (sortBy === 'name' ? k.resource : sortBy === 'kind' ? k.kind : k.group);
  // sort.Stable with Less = (key, then name): equal keys and names keep discovery order.
  const sorted = list
    .map((k, i) => ({ k, i }))
    .sort((a, b) => cmp(key(a.k), key(b.k)) || cmp(a.k.resource, b.k.resource) || a.i - b.i)
    .map((x) => x.k);
  if (output === 'name') return out.print(sorted.map((k) => `${k.group ? `${k.resource}.${k.group}` : k.resource}\n`).join(''));
  const wide = output === 'wide';
  const head = ['NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND', ...(wide ? ['VERBS', 'CATEGORIES'] : [])];
  const rows = sorted.map((k) => [
    k.resource,
    k.shortNames.join(','),
    apiVersionOf(k),
    String(k.namespaced),
    k.kind,
    ...(wide ? [`[${k.verbs.join(' ')}]`, k.categories.join(',')] : []),
  ]);
  const lines = [...(boolFlag(p, 'no-headers') ? [] : [head]), ...rows];
  return out.print(tabwrite(lines.map((r) => `${r.join('\t')}\n`).join(''), TABLE_TABS));
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
