/**
 * describeNode and describeNodeResource (staging/src/k8s.io/kubectl/pkg/describe/describe.go, 1.32).
 * The lab keeps no Lease objects: the kubelet's lease in kube-node-lease is shown as the kubelet
 * keeps it, held by the node, never acquired, renewed on a 10s beat (a quarter of its 40s duration).
 */
import { addQuantity, formatQuantity, milliValue, quantityOf, value, ZERO, type Quantity, type KubeObject } from '../../api/index.js';
import { resolveResourceType } from '../../cluster/index.js';
import type { ClusterApi } from '../../cluster/index.js';
import { age } from '../printers/age.js';
import { annotations, rfc1123z, taints, timeField } from './lines.js';
import { PrefixWriter } from './writer.js';

type Obj = Record<string, any>;
type ResourceList = Map<string, Quantity>;

const RENEW_INTERVAL_MS = 10_000;

/** findNodeRoles: node-role.kubernetes.io/<role> keys and kubernetes.io/role values, sorted and unique. */
function nodeRoles(labels: Record<string, string> | undefined): string[] {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(labels ?? {})) {
    if (k.startsWith('node-role.kubernetes.io/')) {
      const role = k.slice('node-role.kubernetes.io/'.length);
      if (role) roles.add(role);
    } else if (k === 'kubernetes.io/role' && v) roles.add(v);
  }
  return [...roles].sort();
}

function add(list: ResourceList, from: Obj | undefined): void {
  for (const [name, v] of Object.entries(from ?? {})) {
    const q = quantityOf(v);
    list.set(name, list.has(name) ? addQuantity(list.get(name)!, q) : q);
  }
}

function maxInto(list: ResourceList, from: ResourceList): void {
  for (const [name, q] of from) if (!list.has(name) || q.nanos > list.get(name)!.nanos) list.set(name, q);
}

/**
 * resourcehelper.PodRequestsAndLimits: containers summed, then the larger of that and each init
 * container (restartable sidecars add up), plus the pod overhead.
 */
function podTotals(pod: Obj, kind: 'requests' | 'limits'): ResourceList {
  const total: ResourceList = new Map();
  for (const c of (pod.spec.containers ?? []) as Obj[]) add(total, c.resources?.[kind]);
  const sidecars: ResourceList = new Map();
  const inits: ResourceList = new Map();
  for (const c of (pod.spec.initContainers ?? []) as Obj[]) {
    let own: ResourceList = new Map();
    add(own, c.resources?.[kind]);
    if (c.restartPolicy === 'Always') {
      add(total, c.resources?.[kind]);
      add(sidecars, c.resources?.[kind]);
      own = new Map(sidecars);
    } else for (const [n, q] of sidecars) own.set(n, own.has(n) ? addQuantity(own.get(n)!, q) : q);
    maxInto(inits, own);
  }
  maxInto(total, inits);
  for (const [name, v] of Object.entries((pod.spec.overhead ?? {}) as Obj)) {
    if (kind === 'requests') add(total, { [name]: v });
    else if (total.has(name) && total.get(name)!.nanos !== 0n) total.set(name, addQuantity(total.get(name)!, quantityOf(v)));
  }
  return total;
}

/** `q (n%)`: the integer part of q over the allocatable amount, in percent. */
function share(q: Quantity, of: Quantity, milli: boolean): string {
  const num = Number(milli ? milliValue(q) : value(q));
  const den = Number(milli ? milliValue(of) : value(of));
  const pct = den === 0 ? 0 : Math.trunc((num / den) * 100);
  return `${formatQuantity(q)} (${pct}%)`;
}

function describeNodeResource(w: PrefixWriter, node: Obj, pods: Obj[], now: number): void {
  w.write(0, `Non-terminated Pods:\t(${pods.length} in total)\n`);
  w.write(1, 'Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n');
  w.write(1, '---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n');
  const allocatable: ResourceList = new Map();
  add(allocatable, Object.keys(node.status?.allocatable ?? {}).length ? node.status.allocatable : node.status?.capacity);
  const get = (l: ResourceList, n: string) => l.get(n) ?? ZERO;
  const reqs: ResourceList = new Map();
  const limits: ResourceList = new Map();
  for (const pod of pods) {
    const r = podTotals(pod, 'requests');
    const l = podTotals(pod, 'limits');
    for (const [n, q] of r) reqs.set(n, reqs.has(n) ? addQuantity(reqs.get(n)!, q) : q);
    for (const [n, q] of l) limits.set(n, limits.has(n) ? addQuantity(limits.get(n)!, q) : q);
    const cpu = get(allocatable, 'cpu');
    const mem = get(allocatable, 'memory');
    w.write(
      1,
      `${pod.metadata.namespace}\t${pod.metadata.name}\t\t${share(get(r, 'cpu'), cpu, true)}\t${share(get(l, 'cpu'), cpu, true)}\t` +
        `${share(get(r, 'memory'), mem, false)}\t${share(get(l, 'memory'), mem, false)}\t${age(pod.metadata.creationTimestamp, now)}\n`,
    );
  }
  w.write(0, 'Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n');
  w.write(1, 'Resource\tRequests\tLimits\n');
  w.write(1, '--------\t--------\t------\n');
  for (const [name, milli] of [['cpu', true], ['memory', false], ['ephemeral-storage', false]] as const) {
    const of = get(allocatable, name);
    w.write(1, `${name}\t${share(get(reqs, name), of, milli)}\t${share(get(limits, name), of, milli)}\n`);
  }
  const names = [...allocatable.keys()];
  for (const name of names.filter((n) => n.startsWith('hugepages-')).sort()) {
    w.write(1, `${name}\t${share(get(reqs, name), get(allocatable, name), false)}\t${share(get(limits, name), get(allocatable, name), false)}\n`);
  }
  const standard = ['cpu', 'memory', 'ephemeral-storage', 'pods'];
  for (const name of names.filter((n) => !n.startsWith('hugepages-') && !standard.includes(n)).sort()) {
    w.write(1, `${name}\t${formatQuantity(get(reqs, name))}\t${formatQuantity(get(limits, name))}\n`);
  }
}

export function describeNode(node: KubeObject, cluster: ClusterApi, now: number): string {
  const n = node as Obj;
  const name = n.metadata.name as string;
  const status = (n.status ?? {}) as Obj;
  const spec = (n.spec ?? {}) as Obj;
  const w = new PrefixWriter();
  w.write(0, `Name:\t${name}\n`);
  const roles = nodeRoles(n.metadata.labels);
  w.write(0, `Roles:\t${roles.length ? roles.join(',') : '<none>'}\n`);
  w.labels('Labels', n.metadata.labels);
  annotations(w, 'Annotations', n.metadata.annotations);
  w.write(0, `CreationTimestamp:\t${timeField(n.metadata.creationTimestamp)}\n`);
  taints(w, 'Taints', spec.taints);
  w.write(0, `Unschedulable:\t${spec.unschedulable === true}\n`);
  const created = Date.parse(n.metadata.creationTimestamp ?? '') || now;
  const renewed = created + Math.max(0, Math.floor((now - created) / RENEW_INTERVAL_MS)) * RENEW_INTERVAL_MS;
  w.write(0, 'Lease:\n');
  w.write(1, `HolderIdentity:\t${name}\n`);
  w.write(1, 'AcquireTime:\t<unset>\n');
  w.write(1, `RenewTime:\t${rfc1123z(renewed)}\n`);
  const conditions = (status.conditions ?? []) as Obj[];
  if (conditions.length) {
    w.write(0, 'Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n');
    w.write(1, '----\t------\t-----------------\t------------------\t------\t-------\n');
    for (const c of conditions) {
      w.write(1, `${c.type} \t${c.status} \t${timeField(c.lastHeartbeatTime)} \t${timeField(c.lastTransitionTime)} \t${c.reason ?? ''} \t${c.message ?? ''}\n`);
    }
  }
  w.write(0, 'Addresses:\n');
  for (const a of (status.addresses ?? []) as Obj[]) w.write(1, `${a.type}:\t${a.address}\n`);
  for (const [title, list] of [['Capacity', status.capacity], ['Allocatable', status.allocatable]] as const) {
    const keys = Object.keys(list ?? {}).sort();
    if (!keys.length) continue;
    w.write(0, `${title}:\n`);
    for (const k of keys) w.write(0, `  ${k}:\t${formatQuantity(quantityOf(list[k]))}\n`);
  }
  const info = (status.nodeInfo ?? {}) as Obj;
  w.write(0, 'System Info:\n');
  w.write(0, `  Machine ID:\t${info.machineID ?? ''}\n`);
  w.write(0, `  System UUID:\t${info.systemUUID ?? ''}\n`);
  w.write(0, `  Boot ID:\t${info.bootID ?? ''}\n`);
  w.write(0, `  Kernel Version:\t${info.kernelVersion ?? ''}\n`);
  w.write(0, `  OS Image:\t${info.osImage ?? ''}\n`);
  w.write(0, `  Operating System:\t${info.operatingSystem ?? ''}\n`);
  w.write(0, `  Architecture:\t${info.architecture ?? ''}\n`);
  w.write(0, `  Container Runtime Version:\t${info.containerRuntimeVersion ?? ''}\n`);
  w.write(0, `  Kubelet Version:\t${info.kubeletVersion ?? ''}\n`);
  w.write(0, `  Kube-Proxy Version:\t${info.kubeProxyVersion ?? ''}\n`);
  if (spec.podCIDR) w.write(0, `PodCIDR:\t${spec.podCIDR}\n`);
  if (spec.podCIDRs?.length) w.write(0, `PodCIDRs:\t${spec.podCIDRs.join(',')}\n`);
  if (spec.providerID) w.write(0, `ProviderID:\t${spec.providerID}\n`);
  // The pods the node runs: every namespace, neither Succeeded nor Failed, in list order.
  const pods = (cluster.list(resolveResourceType('po')!) as Obj[]).filter(
    (p) => p.spec?.nodeName === name && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed',
  );
  describeNodeResource(w, n, pods, now);
  w.write(0, 'Events:\t<none>\n');
  return w.toString();
}
