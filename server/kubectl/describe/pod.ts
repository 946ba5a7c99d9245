/**
 * describePod (staging/src/k8s.io/kubectl/pkg/describe/describe.go, 1.32). The lab records no
 * events, so the trailing section is always `Events:  <none>`, as for an event-less pod.
 */
import { formatLabelSelector, type OwnerReference, type Pod } from '../../api/index.js';
import { podQOS } from '../../cluster/index.js';
import { humanDuration } from '../printers/age.js';
import { describeContainers, describeResources, describeVolumes } from './containers.js';
import { annotations, timeField, tolerations } from './lines.js';
import { PrefixWriter } from './writer.js';

type Obj = Record<string, any>;

/** printController: `Kind/name` of the controller owner reference. */
export function controllerOf(owners: OwnerReference[] | undefined): string {
  const ref = owners?.find((r) => r.controller);
  return ref ? `${ref.kind}/${ref.name}` : '';
}

export function describePod(pod: Pod, now: number): string {
  const w = new PrefixWriter();
  const spec = pod.spec as Obj;
  const status = (pod.status ?? {}) as Obj;
  const meta = pod.metadata as Obj;
  w.write(0, `Name:\t${meta.name}\n`);
  w.write(0, `Namespace:\t${meta.namespace}\n`);
  if (spec.priority !== undefined && spec.priority !== null) w.write(0, `Priority:\t${spec.priority}\n`);
  if (spec.priorityClassName) w.write(0, `Priority Class Name:\t${spec.priorityClassName}\n`);
  if (spec.runtimeClassName) w.write(0, `Runtime Class Name:\t${spec.runtimeClassName}\n`);
  if (spec.serviceAccountName) w.write(0, `Service Account:\t${spec.serviceAccountName}\n`);
  w.write(0, spec.nodeName ? `Node:\t${spec.nodeName}/${status.hostIP ?? ''}\n` : 'Node:\t<none>\n');
  if (status.startTime) w.write(0, `Start Time:\t${timeField(status.startTime)}\n`);
  w.labels('Labels', meta.labels);
  annotations(w, 'Annotations', meta.annotations);
  if (meta.deletionTimestamp && status.phase !== 'Failed' && status.phase !== 'Succeeded') {
    w.write(0, `Status:\tTerminating (lasts ${humanDuration(now - Date.parse(meta.deletionTimestamp))})\n`);
    w.write(0, `Termination Grace Period:\t${meta.deletionGracePeriodSeconds ?? 0}s\n`);
  } else w.write(0, `Status:\t${status.phase ?? ''}\n`);
  if (status.reason) w.write(0, `Reason:\t${status.reason}\n`);
  if (status.message) w.write(0, `Message:\t${status.message}\n`);
  const seccomp = spec.securityContext?.seccompProfile;
  if (seccomp) {
    w.write(0, `SeccompProfile:\t${seccomp.type}\n`);
    if (seccomp.type === 'Localhost') w.write(0, `LocalhostProfile:\t${seccomp.localhostProfile ?? ''}\n`);
  }
  w.write(0, `IP:\t${status.podIP ?? ''}\n`);
  const ips = (status.podIPs ?? []) as Obj[];
  if (ips.length === 0) w.write(0, 'IPs:\t<none>\n');
  else {
    w.write(0, 'IPs:\n');
    for (const ip of ips) w.write(1, `IP:\t${ip.ip}\n`);
  }
  const controlledBy = controllerOf(meta.ownerReferences);
  if (controlledBy) w.write(0, `Controlled By:\t${controlledBy}\n`);
  if (status.nominatedNodeName) w.write(0, `NominatedNodeName:\t${status.nominatedNodeName}\n`);
  if (spec.resources) {
    w.write(0, 'Resources:\n');
    describeResources(w, spec.resources, 1);
  }
  if (spec.initContainers?.length) describeContainers(w, 'Init Containers', spec.initContainers, status.initContainerStatuses ?? [], pod, '');
  describeContainers(w, 'Containers', spec.containers ?? [], status.containerStatuses ?? [], pod, '');
  if (spec.ephemeralContainers?.length) describeContainers(w, 'Ephemeral Containers', spec.ephemeralContainers, status.ephemeralContainerStatuses ?? [], pod, '');
  const conditions = (status.conditions ?? []) as Obj[];
  if (spec.readinessGates?.length) {
    w.write(0, 'Readiness Gates:\n  Type\tStatus\n');
    for (const g of spec.readinessGates as Obj[]) {
      const c = conditions.find((x) => x.type === g.conditionType);
      w.write(1, `${g.conditionType} \t${c ? c.status : '<none>'} \n`);
    }
  }
  if (conditions.length) {
    w.write(0, 'Conditions:\n  Type\tStatus\n');
    for (const c of conditions) w.write(1, `${c.type} \t${c.status} \n`);
  }
  describeVolumes(w, spec.volumes, '');
  // qos.GetPodQOS: the kubelet's status.qosClass, else computed from the spec.
  w.write(0, `QoS Class:\t${status.qosClass || podQOS(spec)}\n`);
  w.labels('Node-Selectors', spec.nodeSelector);
  tolerations(w, 'Tolerations', spec.tolerations);
  describeTopologySpreadConstraints(w, spec.topologySpreadConstraints, '');
  w.write(0, 'Events:\t<none>\n');
  return w.toString();
}

/** describeTopologySpreadConstraints: sorted by topologyKey, one per line after the title. */
export function describeTopologySpreadConstraints(w: PrefixWriter, list: Obj[] | undefined, space: string): void {
  if (!list?.length) return;
  const sorted = [...list].sort((a, b) => (a.topologyKey < b.topologyKey ? -1 : a.topologyKey > b.topologyKey ? 1 : 0));
  w.write(0, `${space}Topology Spread Constraints:\t`);
  sorted.forEach((t, i) => {
    if (i > 0) w.write(0, `${space}\t`);
    let s = `${t.topologyKey}:${t.whenUnsatisfiable} when max skew ${t.maxSkew} is exceeded`;
    if (t.labelSelector) s += ` for selector ${formatLabelSelector(t.labelSelector)}`;
    w.write(0, `${s}\n`);
  });
}
