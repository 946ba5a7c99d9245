/** describeNamespace (staging/src/k8s.io/kubectl/pkg/describe/describe.go): with its quotas and limit ranges. */
import type { KubeObject } from '../../api/index.js';
import { resolveResourceType, type ClusterApi } from '../../cluster/index.js';
import { describeLimitRanges, describeResourceQuotas } from './quota.js';
import { PrefixWriter } from './writer.js';
import { annotations } from './lines.js';

export function describeNamespace(ns: KubeObject, cluster: ClusterApi): string {
  const w = new PrefixWriter();
  w.write(0, `Name:\t${ns.metadata.name}\n`);
  w.labels('Labels', ns.metadata.labels);
  annotations(w, 'Annotations', ns.metadata.annotations);
  w.write(0, `Status:\t${(ns.status as { phase?: string } | undefined)?.phase ?? 'Active'}\n`);
  w.write(0, '\n');
  describeResourceQuotas(w, cluster.list(resolveResourceType('resourcequotas')!, ns.metadata.name));
  w.write(0, '\n');
  describeLimitRanges(w, cluster.list(resolveResourceType('limitranges')!, ns.metadata.name));
  return w.toString();
}
