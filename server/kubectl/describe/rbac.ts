/** RoleDescriber, ClusterRoleDescriber, RoleBindingDescriber, ClusterRoleBindingDescriber (kubectl pkg/describe/describe.go). */
import type { KubeObject } from '../../api/index.js';
import type { PolicyRule, Subject } from '../../cluster/index.js';
import { PrefixWriter } from './writer.js';
import { annotations } from './lines.js';
import { policyRuleRows } from './policy-rules.js';

export function describeRole(o: KubeObject): string {
  const w = new PrefixWriter();
  w.write(0, `Name:\t${o.metadata.name}\n`);
  w.labels('Labels', o.metadata.labels);
  annotations(w, 'Annotations', o.metadata.annotations);
  w.write(0, 'PolicyRule:\n');
  w.write(1, 'Resources\tNon-Resource URLs\tResource Names\tVerbs\n');
  w.write(1, '---------\t-----------------\t--------------\t-----\n');
  for (const row of policyRuleRows(((o as { rules?: PolicyRule[] | null }).rules ?? []) as PolicyRule[])) w.write(1, `${row.join('\t')}\n`);
  return w.toString();
}

export function describeBinding(o: KubeObject): string {
  const b = o as KubeObject & { roleRef?: { kind?: string; name?: string }; subjects?: Subject[] | null };
  const w = new PrefixWriter();
  w.write(0, `Name:\t${o.metadata.name}\n`);
  w.labels('Labels', o.metadata.labels);
  annotations(w, 'Annotations', o.metadata.annotations);
  w.write(0, 'Role:\n');
  w.write(1, `Kind:\t${b.roleRef?.kind ?? ''}\n`);
  w.write(1, `Name:\t${b.roleRef?.name ?? ''}\n`);
  w.write(0, 'Subjects:\n');
  w.write(1, 'Kind\tName\tNamespace\n');
  w.write(1, '----\t----\t---------\n');
  for (const s of b.subjects ?? []) w.write(1, `${s.kind}\t${s.name}\t${s.namespace ?? ''}\n`);
  return w.toString();
}
