/**
 * `kubectl cluster-info` and `kubectl api-resources`, from kubectl 1.32
 * (pkg/cmd/clusterinfo/clusterinfo.go: printService colours the name green and the URL yellow
 * with go-colortext, whatever the output is; pkg/cmd/apiresources: sorted by group, then name).
 */
import { apiVersionOf } from '../../api/index.js';
import { RESOURCE_TYPES } from '../../cluster/index.js';
import { boolFlag, flag, type FlagSpec, type ParsedArgs } from '../args.js';
import { Out, type Ctx } from '../context.js';
import { clientError } from '../errors.js';
import { TABLE_TABS, tabwrite } from '../printers/tabwriter.js';
import { resolveResourceType } from '../../cluster/index.js';

export const CLUSTER_INFO_FLAGS: FlagSpec[] = [];

const HOST = 'https://controlplane:6443';
const green = (s: string) => `\x1b[0;32m${s}\x1b[0m`;
const yellow = (s: string) => `\x1b[0;33m${s}\x1b[0m`;

export function runClusterInfo(p: ParsedArgs, ctx: Ctx): Out {
  const out = new Out();
  if (p.positional[0] === 'dump') return out.fail(clientError('kubectl cluster-info dump is not available in this lab yet'));
  const line = (name: string, link: string) => `${green(name)} is running at ${yellow(link)}\n`;
  out.print(line('Kubernetes control plane', HOST));
  const svcType = resolveResourceType('svc')!;
  for (const s of ctx.cluster.list(svcType, 'kube-system')) {
    if (s.metadata.labels?.['kubernetes.io/cluster-service'] !== 'true') continue;
    const port = (s as { spec?: { ports?: { name?: string; port: number }[] } }).spec?.ports?.[0];
    const scheme = port && (port.name === 'https' || port.port === 443) ? 'https' : '';
    const name = port ? [scheme, s.metadata.name, port.name ?? ''].filter((x, i) => i === 1 || x !== '').join(':') : s.metadata.name!;
    out.print(line(s.metadata.labels?.['kubernetes.io/name'] ?? s.metadata.name!, `${HOST}/api/v1/namespaces/kube-system/services/${name}/proxy`));
  }
  return out.print("\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n");
}

export const API_RESOURCES_FLAGS: FlagSpec[] = [
  { name: 'namespaced', kind: 'string' },
  { name: 'api-group', kind: 'string' },
  { name: 'output', short: 'o', kind: 'string' },
  { name: 'no-headers', kind: 'bool' },
  { name: 'sort-by', kind: 'string' },
  { name: 'verbs', kind: 'array' },
  { name: 'cached', kind: 'bool' },
  { name: 'categories', kind: 'array' },
];

const VERBS = '[create delete deletecollection get list patch update watch]';

export function runApiResources(p: ParsedArgs, _ctx: Ctx): Out {
  const out = new Out();
  const output = flag(p, 'output');
  if (output !== undefined && output !== 'wide' && output !== 'name') return out.fail(clientError(`--output ${output} is not available. Allowed values: wide, name`));
  const namespaced = flag(p, 'namespaced');
  const group = flag(p, 'api-group');
  const sortBy = flag(p, 'sort-by');
  let list = RESOURCE_TYPES.filter((t) => (namespaced === undefined || String(t.namespaced) === namespaced) && (group === undefined || t.group === group));
  const key = (t: (typeof list)[number]) => (sortBy === 'name' ? t.resource : sortBy === 'kind' ? t.kind : t.group);
  list = [...list].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a.resource < b.resource ? -1 : 1));
  if (output === 'name') return out.print(list.map((t) => `${t.group ? `${t.resource}.${t.group}` : t.resource}\n`).join(''));
  const wide = output === 'wide';
  const rows = list.map((t) => [t.resource, t.shortNames.join(','), apiVersionOf(t), String(t.namespaced), t.kind, ...(wide ? [VERBS, t.kind === 'Pod' || t.kind === 'Service' || t.kind === 'Deployment' || t.kind === 'ReplicaSet' ? 'all' : ''] : [])].join('\t'));
  const head = ['NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND', ...(wide ? ['VERBS', 'CATEGORIES'] : [])].join('\t');
  return out.print(tabwrite([...(boolFlag(p, 'no-headers') ? [] : [head]), ...rows].map((r) => `${r}\n`).join(''), TABLE_TABS));
}
