/**
 * describeNetworkPolicy (staging/src/k8s.io/kubectl/pkg/describe/describe.go, 1.32): every
 * branch of printNetworkPolicySpecIngressFrom / printNetworkPolicySpecEgressTo.
 */
import { formatLabelSelector, isEmptySelector, type NetworkPolicy, type NetworkPolicyPeer, type NetworkPolicyPort } from '../../api/index.js';
import { PrefixWriter, goTime } from './writer.js';
import { annotations } from './lines.js';


function ports(w: PrefixWriter, list: NetworkPolicyPort[] | undefined, indent: string): void {
  if (!list || list.length === 0) {
    w.write(0, `${indent}To Port: <any> (traffic allowed to all ports)\n`);
    return;
  }
  for (const p of list) {
    const port = p.port === undefined ? '<nil>' : String(p.port);
    const proto = p.protocol ?? 'TCP';
    w.write(0, p.endPort === undefined ? `${indent}To Port: ${port}/${proto}\n` : `${indent}To Port Range: ${port}-${p.endPort}/${proto}\n`);
  }
}

function peers(w: PrefixWriter, list: NetworkPolicyPeer[] | undefined, indent: string, word: 'From' | 'To'): void {
  if (!list || list.length === 0) {
    w.write(0, `${indent}${word}: <any> (traffic not restricted by ${word === 'From' ? 'source' : 'destination'})\n`);
    return;
  }
  for (const peer of list) {
    w.write(0, `${indent}${word}:\n`);
    if (peer.podSelector && peer.namespaceSelector) {
      w.write(1, `${indent}NamespaceSelector: ${formatLabelSelector(peer.namespaceSelector)}\n`);
      w.write(1, `${indent}PodSelector: ${formatLabelSelector(peer.podSelector)}\n`);
    } else if (peer.podSelector) {
      w.write(1, `${indent}PodSelector: ${formatLabelSelector(peer.podSelector)}\n`);
    } else if (peer.namespaceSelector) {
      w.write(1, `${indent}NamespaceSelector: ${formatLabelSelector(peer.namespaceSelector)}\n`);
    } else if (peer.ipBlock) {
      w.write(1, `${indent}IPBlock:\n`);
      w.write(2, `${indent}CIDR: ${peer.ipBlock.cidr}\n`);
      w.write(2, `${indent}Except: ${(peer.ipBlock.except ?? []).join(', ')}\n`);
    }
  }
}

export function describeNetworkPolicy(np: NetworkPolicy): string {
  const w = new PrefixWriter();
  w.write(0, `Name:\t${np.metadata.name}\n`);
  w.write(0, `Namespace:\t${np.metadata.namespace}\n`);
  w.write(0, `Created on:\t${goTime(np.metadata.creationTimestamp)}\n`);
  w.labels('Labels', np.metadata.labels);
  annotations(w, 'Annotations', np.metadata.annotations);
  const spec = np.spec;
  w.write(0, 'Spec:\n');
  w.write(1, 'PodSelector: ');
  w.write(2, isEmptySelector(spec.podSelector) ? '<none> (Allowing the specific traffic to all pods in this namespace)\n' : `${formatLabelSelector(spec.podSelector)}\n`);
  const types = spec.policyTypes ?? [];
  // getPolicyType: without policyTypes, ingress always and egress when rules exist.
  const ingress = types.length ? types.includes('Ingress') : true;
  const egress = types.length ? types.includes('Egress') : (spec.egress ?? []).length > 0;
  if (ingress) {
    w.write(1, 'Allowing ingress traffic:\n');
    const rules = spec.ingress ?? [];
    if (rules.length === 0) w.write(0, '    <none> (Selected pods are isolated for ingress connectivity)\n');
    rules.forEach((r, i) => {
      ports(w, r.ports, '    ');
      peers(w, r.from, '    ', 'From');
      if (i !== rules.length - 1) w.write(0, '    ----------\n');
    });
  } else w.write(1, 'Not affecting ingress traffic\n');
  if (egress) {
    w.write(1, 'Allowing egress traffic:\n');
    const rules = spec.egress ?? [];
    if (rules.length === 0) w.write(0, '    <none> (Selected pods are isolated for egress connectivity)\n');
    rules.forEach((r, i) => {
      ports(w, r.ports, '    ');
      peers(w, r.to, '    ', 'To');
      if (i !== rules.length - 1) w.write(0, '    ----------\n');
    });
  } else w.write(1, 'Not affecting egress traffic\n');
  w.write(1, `Policy Types: ${types.join(', ')}\n`);
  return w.toString();
}
