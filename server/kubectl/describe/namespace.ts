/** describeNamespace (staging/src/k8s.io/kubectl/pkg/describe/describe.go): the lab has no quotas or limit ranges. */
import type { KubeObject } from '../../api/index.js';
import { PrefixWriter } from './writer.js';
import { annotations } from './lines.js';

export function describeNamespace(ns: KubeObject): string {
  const w = new PrefixWriter();
  w.write(0, `Name:\t${ns.metadata.name}\n`);
  w.labels('Labels', ns.metadata.labels);
  annotations(w, 'Annotations', ns.metadata.annotations);
  w.write(0, `Status:\t${(ns.status as { phase?: string } | undefined)?.phase ?? 'Active'}\n`);
  w.write(0, '\nNo resource quota.\n');
  w.write(0, '\nNo LimitRange resource.\n');
  return w.toString();
}
