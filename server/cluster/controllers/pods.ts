/**
 * What happens to a pod once stored: the ServiceAccount admission plugin's token volume, the
 * scheduler's choice of node, the kubelet's status (running at once) and the pod IP from the
 * node's CIDR.
 */
import { rfc3339 } from '../../core/index.js';
import type { Pod } from '../../api/index.js';
import type { NodeSpec } from '../bootstrap.js';
import { podQOS } from '../qos.js';
import type { ControllerContext } from '../kinds/strategy.js';
import type { Loose } from './loose.js';
import { pendingPods, scheduleOnce } from './scheduling.js';

export const SA_TOKEN_PATH = '/var/run/secrets/kubernetes.io/serviceaccount';

/**
 * The ServiceAccount admission plugin: a kube-api-access-xxxxx projected volume, mounted read-only
 * at the token path in every container without a mount there. Mirror (static) pods and pods or
 * service accounts that opt out get none. The suffix is derived from the pod rather than drawn,
 * so the seeded randomness (and every name it gives later objects) is left as it was.
 */
export function mountServiceAccountToken(ctx: ControllerContext, pod: Pod): void {
  const o = pod as Loose;
  const spec = o.spec;
  if (o.metadata.annotations?.['kubernetes.io/config.mirror'] !== undefined) return;
  const sa = ctx.get(ctx.kindOf('ServiceAccount')!, o.metadata.namespace, spec.serviceAccountName ?? 'default') as Loose | undefined;
  if ((spec.automountServiceAccountToken ?? sa?.automountServiceAccountToken) === false) return;
  const existing = (spec.volumes ?? []).find((v: Loose) => String(v.name).startsWith('kube-api-access-'));
  const name = existing?.name ?? `kube-api-access-${kubeSuffix(`${o.metadata.namespace}/${o.metadata.name}/${o.metadata.uid}`)}`;
  let needed = false;
  for (const c of [...(spec.initContainers ?? []), ...(spec.containers ?? [])] as Loose[]) {
    if ((c.volumeMounts ?? []).some((m: Loose) => m.mountPath === SA_TOKEN_PATH)) continue;
    c.volumeMounts = [...(c.volumeMounts ?? []), { mountPath: SA_TOKEN_PATH, name, readOnly: true }];
    needed = true;
  }
  if (!needed || existing) return;
  spec.volumes = [
    ...(spec.volumes ?? []),
    {
      name,
      projected: {
        defaultMode: 420,
        sources: [
          { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
          { configMap: { items: [{ key: 'ca.crt', path: 'ca.crt' }], name: 'kube-root-ca.crt' } },
          { downwardAPI: { items: [{ fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' }, path: 'namespace' }] } },
        ],
      },
    },
  ];
}

/**
 * The token volume and mounts admission added on create stay on an update that leaves them out,
 * as apply's strategic merge of containers by name keeps them (the lab's merge replaces lists).
 */
export function keepTokenMounts(current: Pod, next: Pod): void {
  const cur = current as Loose;
  const nxt = next as Loose;
  const token = (c: Loose) => (c.volumeMounts ?? []).find((m: Loose) => m.mountPath === SA_TOKEN_PATH);
  for (const key of ['initContainers', 'containers']) {
    for (const c of (nxt.spec?.[key] ?? []) as Loose[]) {
      const mount = token((cur.spec?.[key] ?? []).find((x: Loose) => x.name === c.name) ?? {});
      if (mount && !token(c)) c.volumeMounts = [...(c.volumeMounts ?? []), structuredClone(mount)];
    }
  }
  const isToken = (v: Loose) => String(v.name).startsWith('kube-api-access-');
  const volume = (cur.spec?.volumes ?? []).find(isToken);
  if (volume && nxt.spec && !(nxt.spec.volumes ?? []).some(isToken)) nxt.spec.volumes = [...(nxt.spec.volumes ?? []), structuredClone(volume)];
}

/** A new pod: bound by the scheduler (or given its node), then started by its node's kubelet. */
export function schedulePod(ctx: ControllerContext, pod: Pod): void {
  const o = pod as Loose;
  const created = o.metadata.creationTimestamp ?? rfc3339(ctx.clock.now());
  // A seeded pod keeps its creationTimestamp: it was scheduled then.
  if (!o.spec.nodeName && !scheduleOnce(ctx, pod, Math.min(ctx.clock.now(), Date.parse(created) || ctx.clock.now()), true).bound) return;
  startPod(ctx, pod, created);
}

/** The scheduling queue's move of unschedulable pods on a cluster event (a node changed, a pod gone): each tried again. */
export function retryPendingPods(ctx: ControllerContext): void {
  for (const pod of pendingPods(ctx)) {
    if (scheduleOnce(ctx, pod).bound) startPod(ctx, pod, rfc3339(ctx.clock.now()));
    ctx.touch(pod);
  }
}

/** The kubelet's status for a pod bound to its node at `start`, and the pod IP from the node's CIDR. */
function startPod(ctx: ControllerContext, pod: Pod, start: string): void {
  const o = pod as Loose;
  const nodes = ctx.nodes;
  const node = nodes.find((n) => n.name === o.spec.nodeName) ?? nodes[0]!;
  const given = o.status ?? {};
  const podIP = given.podIP ?? (o.spec.hostNetwork ? node.ip : allocPodIp(ctx, node));
  const containers = o.spec.containers as Loose[];
  o.status = {
    conditions: [
      { lastProbeTime: null, lastTransitionTime: start, status: 'True', type: 'PodReadyToStartContainers' },
      { lastProbeTime: null, lastTransitionTime: start, status: 'True', type: 'Initialized' },
      { lastProbeTime: null, lastTransitionTime: start, status: 'True', type: 'Ready' },
      { lastProbeTime: null, lastTransitionTime: start, status: 'True', type: 'ContainersReady' },
      { lastProbeTime: null, lastTransitionTime: start, status: 'True', type: 'PodScheduled' },
    ],
    containerStatuses: containers.map((c) => ({
      containerID: `containerd://${hex(ctx, 64)}`,
      image: normalizeImage(c.image),
      imageID: `${normalizeImage(c.image).replace(/:[^:/]*$/, '')}@sha256:${hex(ctx, 64)}`,
      lastState: {},
      name: c.name,
      ready: true,
      restartCount: 0,
      started: true,
      state: { running: { startedAt: start } },
    })),
    hostIP: node.ip,
    hostIPs: [{ ip: node.ip }],
    phase: 'Running',
    podIP,
    podIPs: [{ ip: podIP }],
    qosClass: podQOS(o.spec),
    startTime: start,
  };
}

function allocPodIp(ctx: ControllerContext, node: NodeSpec): string {
  const next = ctx.allocation.nextPodIp;
  const n = next[node.name] ?? 2;
  next[node.name] = n + 1;
  return `10.244.${node.podCidrIndex + Math.floor(n / 254) * 16}.${(n % 254) + 1}`;
}

function hex(ctx: ControllerContext, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += Math.floor(ctx.random.next() * 16).toString(16);
  return s;
}

/** docker.io/library/nginx:latest for `nginx`, as containerd reports an image. */
function normalizeImage(image: string): string {
  let ref = image;
  if (!ref.includes('@') && !/:[^/]+$/.test(ref)) ref += ':latest';
  const first = ref.split('/')[0]!;
  if (!ref.includes('/')) return `docker.io/library/${ref}`;
  if (!first.includes('.') && !first.includes(':') && first !== 'localhost') return `docker.io/${ref}`;
  return ref;
}

/** Five characters of kube's rand alphabet, derived from a seed by 32-bit FNV-1a. */
function kubeSuffix(seed: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 0x01000193) >>> 0;
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
  let s = '';
  for (let i = 0; i < 5; i++, h = Math.floor(h / alphabet.length)) s += alphabet[h % alphabet.length];
  return s;
}
