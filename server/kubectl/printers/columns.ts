/**
 * The server-side table columns per kind, as pkg/printers/internalversion/printers.go defines
 * them; `wide` columns have priority 1 and show only with `-o wide`.
 */
import { formatLabelSelector, formatLabels, type KubeObject } from '../../api/index.js';
import { age } from './age.js';

type Obj = Record<string, any>;

export interface Column {
  name: string;
  wide?: boolean;
  cell(o: Obj, now: number): string;
}

const AGE: Column = { name: 'AGE', cell: (o, now) => age(o.metadata?.creationTimestamp, now) };
const NAME: Column = { name: 'NAME', cell: (o) => o.metadata?.name ?? '' };

function servicePorts(o: Obj): string {
  const ports = (o.spec?.ports ?? []) as Obj[];
  if (ports.length === 0) return '<none>';
  return ports.map((p) => (p.nodePort ? `${p.port}:${p.nodePort}/${p.protocol ?? 'TCP'}` : `${p.port}/${p.protocol ?? 'TCP'}`)).join(',');
}

function endpointsText(o: Obj): string {
  const list: string[] = [];
  // formatEndpoints: per subset, each port with every address (ports outer, addresses inner).
  for (const s of (o.subsets ?? []) as Obj[]) {
    const ports = (s.ports ?? []) as Obj[];
    const addresses = (s.addresses ?? []) as Obj[];
    if (ports.length === 0) for (const a of addresses) list.push(a.ip);
    else for (const p of ports) for (const a of addresses) list.push(`${a.ip}:${p.port}`);
  }
  if (list.length === 0) return '<none>';
  // formatEndpoints shows at most three, then "+ N more...".
  return list.length > 3 ? `${list.slice(0, 3).join(',')} + ${list.length - 3} more...` : list.join(',');
}

function podReady(o: Obj): string {
  const statuses = (o.status?.containerStatuses ?? []) as Obj[];
  const total = (o.spec?.containers ?? []).length;
  return `${statuses.filter((c) => c.ready).length}/${total}`;
}

/** printPod's STATUS: the phase, or the reason a container is waiting or terminated (printers.go). */
function podStatus(o: Obj): string {
  let reason: string = o.status?.reason || o.status?.phase || 'Pending';
  let running = false;
  for (const c of [...((o.status?.containerStatuses ?? []) as Obj[])].reverse()) {
    const st = c.state ?? {};
    if (st.waiting?.reason) reason = st.waiting.reason;
    else if (st.terminated?.reason) reason = st.terminated.reason;
    else if (st.terminated) reason = st.terminated.signal ? `Signal:${st.terminated.signal}` : `ExitCode:${st.terminated.exitCode ?? 0}`;
    else if (c.ready && st.running) running = true;
  }
  if (reason === 'Completed' && running) {
    const ready = ((o.status?.conditions ?? []) as Obj[]).some((c) => c.type === 'Ready' && c.status === 'True');
    reason = ready ? 'Running' : 'NotReady';
  }
  if (o.metadata?.deletionTimestamp) reason = o.status?.reason === 'NodeLost' ? 'Unknown' : 'Terminating';
  return reason;
}

function podRestarts(o: Obj): string {
  return String(((o.status?.containerStatuses ?? []) as Obj[]).reduce((n, c) => n + (c.restartCount ?? 0), 0));
}

function nodeRoles(o: Obj): string {
  const roles = Object.keys(o.metadata?.labels ?? {})
    .filter((k) => k.startsWith('node-role.kubernetes.io/'))
    .map((k) => k.slice('node-role.kubernetes.io/'.length))
    .sort();
  return roles.length ? roles.join(',') : '<none>';
}

const selectorMap = (m: Record<string, string> | undefined) => (m && Object.keys(m).length ? formatLabels(m) : '<none>');

export const COLUMNS: Record<string, Column[]> = {
  Pod: [
    NAME,
    { name: 'READY', cell: podReady },
    { name: 'STATUS', cell: podStatus },
    { name: 'RESTARTS', cell: podRestarts },
    AGE,
    { name: 'IP', wide: true, cell: (o) => o.status?.podIP ?? '<none>' },
    { name: 'NODE', wide: true, cell: (o) => o.spec?.nodeName ?? '<none>' },
    { name: 'NOMINATED NODE', wide: true, cell: (o) => o.status?.nominatedNodeName ?? '<none>' },
    { name: 'READINESS GATES', wide: true, cell: () => '<none>' },
  ],
  Service: [
    NAME,
    { name: 'TYPE', cell: (o) => o.spec?.type ?? 'ClusterIP' },
    { name: 'CLUSTER-IP', cell: (o) => o.spec?.clusterIP ?? '<none>' },
    { name: 'EXTERNAL-IP', cell: (o) => (o.spec?.type === 'ExternalName' ? o.spec.externalName : '<none>') },
    { name: 'PORT(S)', cell: servicePorts },
    AGE,
    { name: 'SELECTOR', wide: true, cell: (o) => selectorMap(o.spec?.selector) },
  ],
  Endpoints: [NAME, { name: 'ENDPOINTS', cell: endpointsText }, AGE],
  Namespace: [NAME, { name: 'STATUS', cell: (o) => o.status?.phase ?? 'Active' }, AGE],
  Node: [
    NAME,
    { name: 'STATUS', cell: (o) => ((o.status?.conditions ?? []) as Obj[]).find((c) => c.type === 'Ready')?.status === 'True' ? 'Ready' : 'NotReady' },
    { name: 'ROLES', cell: nodeRoles },
    AGE,
    { name: 'VERSION', cell: (o) => o.status?.nodeInfo?.kubeletVersion ?? '' },
    { name: 'INTERNAL-IP', wide: true, cell: (o) => ((o.status?.addresses ?? []) as Obj[]).find((a) => a.type === 'InternalIP')?.address ?? '<none>' },
    { name: 'EXTERNAL-IP', wide: true, cell: (o) => ((o.status?.addresses ?? []) as Obj[]).find((a) => a.type === 'ExternalIP')?.address ?? '<none>' },
    { name: 'OS-IMAGE', wide: true, cell: (o) => o.status?.nodeInfo?.osImage ?? '<unknown>' },
    { name: 'KERNEL-VERSION', wide: true, cell: (o) => o.status?.nodeInfo?.kernelVersion ?? '<unknown>' },
    { name: 'CONTAINER-RUNTIME', wide: true, cell: (o) => o.status?.nodeInfo?.containerRuntimeVersion ?? '<unknown>' },
  ],
  Deployment: [
    NAME,
    { name: 'READY', cell: (o) => `${o.status?.readyReplicas ?? 0}/${o.spec?.replicas ?? 0}` },
    { name: 'UP-TO-DATE', cell: (o) => String(o.status?.updatedReplicas ?? 0) },
    { name: 'AVAILABLE', cell: (o) => String(o.status?.availableReplicas ?? 0) },
    AGE,
    { name: 'CONTAINERS', wide: true, cell: (o) => (o.spec?.template?.spec?.containers ?? []).map((c: Obj) => c.name).join(',') },
    { name: 'IMAGES', wide: true, cell: (o) => (o.spec?.template?.spec?.containers ?? []).map((c: Obj) => c.image).join(',') },
    { name: 'SELECTOR', wide: true, cell: (o) => formatLabelSelector(o.spec?.selector) },
  ],
  ReplicaSet: [
    NAME,
    { name: 'DESIRED', cell: (o) => String(o.spec?.replicas ?? 0) },
    { name: 'CURRENT', cell: (o) => String(o.status?.replicas ?? 0) },
    { name: 'READY', cell: (o) => String(o.status?.readyReplicas ?? 0) },
    AGE,
    { name: 'CONTAINERS', wide: true, cell: (o) => (o.spec?.template?.spec?.containers ?? []).map((c: Obj) => c.name).join(',') },
    { name: 'IMAGES', wide: true, cell: (o) => (o.spec?.template?.spec?.containers ?? []).map((c: Obj) => c.image).join(',') },
    { name: 'SELECTOR', wide: true, cell: (o) => formatLabelSelector(o.spec?.selector) },
  ],
  NetworkPolicy: [NAME, { name: 'POD-SELECTOR', cell: (o) => formatLabelSelector(o.spec?.podSelector) }, AGE],
  ServiceAccount: [NAME, { name: 'SECRETS', cell: (o) => String((o.secrets ?? []).length) }, AGE],
};

export function columnsFor(kind: string, wide: boolean): Column[] {
  return (COLUMNS[kind] ?? [NAME, AGE]).filter((c) => wide || !c.wide);
}

export type { KubeObject };
