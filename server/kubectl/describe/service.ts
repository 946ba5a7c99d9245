/**
 * describeService and describeEndpoints (staging/src/k8s.io/kubectl/pkg/describe/describe.go).
 * Endpoints are listed as `ip:port`, at most three then `+ N more...`, per service port.
 */
import { formatLabels, type Endpoints, type KubeObject, type Service } from '../../api/index.js';
import { PrefixWriter } from './writer.js';
import { annotations } from './lines.js';


function endpointsFor(ep: Endpoints | undefined, portName: string | undefined): string {
  const list: string[] = [];
  for (const s of ep?.subsets ?? []) {
    const ports = (s.ports ?? []).filter((p) => (p.name ?? '') === (portName ?? ''));
    for (const a of s.addresses ?? []) {
      if ((s.ports ?? []).length === 0) list.push(a.ip);
      for (const p of ports) list.push(`${a.ip}:${p.port}`);
    }
  }
  if (list.length === 0) return '<none>';
  return list.length > 3 ? `${list.slice(0, 3).join(',')} + ${list.length - 3} more...` : list.join(',');
}

export function describeService(svc: Service, ep: Endpoints | undefined): string {
  const w = new PrefixWriter();
  const s = svc.spec as Service['spec'] & Record<string, any>;
  w.write(0, `Name:\t${svc.metadata.name}\n`);
  w.write(0, `Namespace:\t${svc.metadata.namespace}\n`);
  w.labels('Labels', svc.metadata.labels);
  annotations(w, 'Annotations', svc.metadata.annotations);
  w.write(0, `Selector:\t${formatLabels(s.selector) || '<none>'}\n`);
  w.write(0, `Type:\t${s.type}\n`);
  if (s.ipFamilyPolicy) w.write(0, `IP Family Policy:\t${s.ipFamilyPolicy}\n`);
  w.write(0, `IP Families:\t${(s.ipFamilies ?? []).length ? s.ipFamilies.join(',') : '<none>'}\n`);
  w.write(0, `IP:\t${s.clusterIP ?? ''}\n`);
  w.write(0, `IPs:\t${(s.clusterIPs ?? []).length ? s.clusterIPs!.join(',') : '<none>'}\n`);
  if (s.externalName) w.write(0, `External Name:\t${s.externalName}\n`);
  for (const p of s.ports ?? []) {
    const name = p.name || '<unset>';
    w.write(0, `Port:\t${name}\t${p.port}/${p.protocol}\n`);
    w.write(0, `TargetPort:\t${p.targetPort}/${p.protocol}\n`);
    if (p.nodePort) w.write(0, `NodePort:\t${name}\t${p.nodePort}/${p.protocol}\n`);
    w.write(0, `Endpoints:\t${endpointsFor(ep, p.name)}\n`);
  }
  w.write(0, `Session Affinity:\t${s.sessionAffinity}\n`);
  if (s.externalTrafficPolicy) w.write(0, `External Traffic Policy:\t${s.externalTrafficPolicy}\n`);
  if (s.internalTrafficPolicy) w.write(0, `Internal Traffic Policy:\t${s.internalTrafficPolicy}\n`);
  w.write(0, 'Events:\t<none>\n');
  return w.toString();
}

export function describeEndpoints(ep: Endpoints): string {
  const w = new PrefixWriter();
  w.write(0, `Name:\t${ep.metadata.name}\n`);
  w.write(0, `Namespace:\t${ep.metadata.namespace}\n`);
  w.labels('Labels', ep.metadata.labels);
  annotations(w, 'Annotations', ep.metadata.annotations);
  w.write(0, 'Subsets:\n');
  for (const s of ep.subsets ?? []) {
    w.write(1, `Addresses:\t${(s.addresses ?? []).map((a) => a.ip).join(',') || '<none>'}\n`);
    w.write(1, `NotReadyAddresses:\t${(s.notReadyAddresses ?? []).map((a) => a.ip).join(',') || '<none>'}\n`);
    if ((s.ports ?? []).length) {
      w.write(1, 'Ports:\n');
      w.write(2, 'Name\tPort\tProtocol\n');
      w.write(2, '----\t----\t--------\n');
      for (const p of s.ports!) w.write(2, `${p.name || '<unset>'}\t${p.port}\t${p.protocol}\n`);
    }
    w.write(0, '\n');
  }
  w.write(0, 'Events:\t<none>\n');
  return w.toString();
}

export type { KubeObject };
