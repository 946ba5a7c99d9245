/** Tab completion for kubectl: verbs, resource types and short names, object names, flags, namespaces after -n. */
import { RESOURCE_TYPES, resolveResourceType } from '../cluster/index.js';
import type { ClusterApi } from '../cluster/index.js';
import { KUBECTL_VERBS } from './kubectl.js';

export function completeKubectl(argv: readonly string[], current: string, cluster: ClusterApi): string[] {
  const words = argv.slice(1);
  const prev = words.at(-1);
  const pick = (list: string[]) => [...new Set(list)].filter((x) => x.startsWith(current)).sort();
  if (prev === '-n' || prev === '--namespace') return pick(cluster.list(resolveResourceType('ns')!).map((n) => n.metadata.name!));
  if (current.startsWith('-')) return pick(['--namespace', '--all-namespaces', '--output', '--selector', '--show-labels', '--filename', '--help', '--dry-run=client', '--image']);
  const positional = words.filter((w) => !w.startsWith('-'));
  const nsIdx = words.findIndex((w) => w === '-n' || w === '--namespace');
  const ns = nsIdx >= 0 ? words[nsIdx + 1] ?? 'default' : 'default';
  if (positional.length === 0) return pick(KUBECTL_VERBS);
  const verb = positional[0]!;
  if (positional.length === 1 && ['get', 'describe', 'delete', 'edit', 'label', 'annotate', 'explain', 'scale'].includes(verb)) {
    return pick(RESOURCE_TYPES.flatMap((t) => [t.resource, ...t.shortNames]));
  }
  if (positional.length >= 2 && ['get', 'describe', 'delete', 'edit', 'label', 'annotate'].includes(verb)) {
    const t = resolveResourceType(positional[1]!);
    if (t) return pick(cluster.list(t, t.namespaced ? ns : undefined).map((o) => o.metadata.name!));
  }
  if (positional.length === 1 && ['exec', 'logs'].includes(verb)) {
    return pick(cluster.list(resolveResourceType('pods')!, ns).map((o) => o.metadata.name!));
  }
  return [];
}
