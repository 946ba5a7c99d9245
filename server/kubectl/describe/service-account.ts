/**
 * describeServiceAccount (staging/src/k8s.io/kubectl/pkg/describe/describe.go, kubectl 1.32): the
 * three secret lists in sorted header order, a listed secret that does not exist marked
 * `(not found)`, tokens being the service-account-token Secrets annotated with its name and uid.
 */
import type { KubeObject } from '../../api/index.js';
import { resolveResourceType, type ClusterApi } from '../../cluster/index.js';
import { PrefixWriter } from './writer.js';
import { annotations } from './lines.js';

interface SecretRef {
  name?: string;
}

export function describeServiceAccount(o: KubeObject, cluster: ClusterApi): string {
  const sa = o as KubeObject & { secrets?: SecretRef[]; imagePullSecrets?: SecretRef[] };
  const secrets = cluster.list(resolveResourceType('secrets')!, sa.metadata.namespace) as (KubeObject & { type?: string })[];
  const existing = new Set(secrets.map((s) => s.metadata.name));
  const tokens = secrets
    .filter((s) => s.type === 'kubernetes.io/service-account-token')
    .filter((s) => s.metadata.annotations?.['kubernetes.io/service-account.name'] === sa.metadata.name && s.metadata.annotations?.['kubernetes.io/service-account.uid'] === sa.metadata.uid)
    .map((s) => s.metadata.name!);
  const w = new PrefixWriter();
  w.write(0, `Name:\t${sa.metadata.name}\n`);
  w.write(0, `Namespace:\t${sa.metadata.namespace ?? ''}\n`);
  w.labels('Labels', sa.metadata.labels);
  annotations(w, 'Annotations', sa.metadata.annotations);
  const lists: [string, string[], boolean][] = [
    ['Image pull secrets:', (sa.imagePullSecrets ?? []).map((s) => s.name ?? ''), true],
    ['Mountable secrets: ', (sa.secrets ?? []).map((s) => s.name ?? ''), true],
    ['Tokens:            ', tokens, false],
  ];
  for (const [header, names, mayBeMissing] of lists) {
    if (names.length === 0) {
      w.write(0, `${header}\t<none>\n`);
      continue;
    }
    names.forEach((name, i) => {
      const prefix = i === 0 ? header : '                   ';
      w.write(0, `${prefix}\t${name}${mayBeMissing && !existing.has(name) ? ' (not found)' : ''}\n`);
    });
  }
  w.write(0, 'Events:\t<none>\n');
  return w.toString();
}
