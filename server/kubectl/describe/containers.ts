/**
 * describeContainers and describeVolumes (staging/src/k8s.io/kubectl/pkg/describe/describe.go,
 * 1.32), shared by the Pod describer and DescribePodTemplate. Fields the API server defaults but
 * the lab stores unset (probe timings, httpGet scheme, fieldRef apiVersion) print as defaulted.
 */
import { formatQuantity, milliValue, quantityOf, value } from '../../api/index.js';
import { orNone, timeField } from './lines.js';
import type { PrefixWriter } from './writer.js';

type Obj = Record<string, any>;

/** Go's %v of a []string. */
const goList = (xs: unknown[] | undefined) => `[${(xs ?? []).join(' ')}]`;
const sortedKeys = (m: Obj | undefined) => Object.keys(m ?? {}).sort();

export function describeResources(w: PrefixWriter, resources: Obj | undefined, level: number): void {
  if (!resources) return;
  for (const kind of ['limits', 'requests'] as const) {
    const list = resources[kind] as Obj | undefined;
    const names = sortedKeys(list);
    if (names.length) w.write(level, kind === 'limits' ? 'Limits:\n' : 'Requests:\n');
    for (const name of names) w.write(level + 1, `${name}:\t${formatQuantity(quantityOf(list![name]))}\n`);
  }
}

/** net.JoinHostPort then url.URL.String(), for an httpGet probe. */
function probeUrl(h: Obj): string {
  const host = h.host ?? '';
  const port = String(h.port ?? '');
  const hostPort = port ? (host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`) : host;
  let path = h.path ?? '';
  if (path && !path.startsWith('/') && hostPort) path = `/${path}`;
  const scheme = String(h.scheme ?? 'HTTP').toLowerCase();
  return `${scheme}://${hostPort}${path}`;
}

/** DescribeProbe. */
export function describeProbe(p: Obj): string {
  const attrs =
    `delay=${p.initialDelaySeconds ?? 0}s timeout=${p.timeoutSeconds ?? 1}s period=${p.periodSeconds ?? 10}s ` +
    `#success=${p.successThreshold ?? 1} #failure=${p.failureThreshold ?? 3}`;
  if (p.exec) return `exec ${goList(p.exec.command)} ${attrs}`;
  if (p.httpGet) return `http-get ${probeUrl(p.httpGet)} ${attrs}`;
  if (p.tcpSocket) return `tcp-socket ${p.tcpSocket.host ?? ''}:${p.tcpSocket.port ?? ''} ${attrs}`;
  if (p.grpc) return `grpc <pod>:${p.grpc.port} ${p.grpc.service ?? ''} ${attrs}`;
  return `unknown ${attrs}`;
}

/** describeStatus. */
function describeState(w: PrefixWriter, title: string, state: Obj | undefined): void {
  if (state?.running) {
    w.write(2, `${title}:\tRunning\n`);
    w.write(3, `Started:\t${timeField(state.running.startedAt)}\n`);
  } else if (state?.waiting) {
    w.write(2, `${title}:\tWaiting\n`);
    if (state.waiting.reason) w.write(3, `Reason:\t${state.waiting.reason}\n`);
  } else if (state?.terminated) {
    const t = state.terminated;
    w.write(2, `${title}:\tTerminated\n`);
    if (t.reason) w.write(3, `Reason:\t${t.reason}\n`);
    if (t.message) w.write(3, `Message:\t${t.message}\n`);
    w.write(3, `Exit Code:\t${t.exitCode ?? 0}\n`);
    if (t.signal > 0) w.write(3, `Signal:\t${t.signal}\n`);
    w.write(3, `Started:\t${timeField(t.startedAt)}\n`);
    w.write(3, `Finished:\t${timeField(t.finishedAt)}\n`);
  } else w.write(2, `${title}:\tWaiting\n`);
}

/**
 * EnvValueRetriever: kubectl's scheme converts only metadata.name and metadata.namespace as field
 * labels, so every other fieldRef (status.podIP, spec.nodeName, ...) prints an empty value.
 */
function fieldRefValue(pod: Obj | undefined, path: string): string {
  if (!pod) return '';
  if (path === 'metadata.name') return pod.metadata?.name ?? '';
  if (path === 'metadata.namespace') return pod.metadata?.namespace ?? '';
  return '';
}

/** ExtractContainerResourceValue: ceil(value / divisor) of the container's own request or limit. */
function resourceFieldValue(container: Obj, ref: Obj): string {
  const [kind, name] = String(ref.resource).split(/\.(.*)/) as [string, string | undefined];
  if ((kind !== 'limits' && kind !== 'requests') || !name) return '';
  const q = quantityOf(container.resources?.[kind]?.[name]);
  const divisor = quantityOf(ref.divisor ?? '1').nanos === 0n ? quantityOf('1') : quantityOf(ref.divisor);
  const ceil = (a: bigint, b: bigint) => Math.ceil(Number(a) / Number(b));
  if (name === 'cpu') return String(ceil(milliValue(q), milliValue(divisor)));
  if (name === 'memory' || name === 'ephemeral-storage' || name.startsWith('hugepages-')) return String(ceil(value(q), value(divisor)));
  return '';
}

function describeEnv(w: PrefixWriter, c: Obj, pod: Obj | undefined): void {
  const env = (c.env ?? []) as Obj[];
  w.write(2, `Environment:${env.length ? '' : '\t<none>'}\n`);
  for (const e of env) {
    const from = e.valueFrom as Obj | undefined;
    if (!from) {
      String(e.value ?? '')
        .split('\n')
        .forEach((s, i) => w.write(3, i === 0 ? `${e.name}:\t${s}\n` : `\t${s}\n`));
    } else if (from.fieldRef) {
      const v = fieldRefValue(pod, from.fieldRef.fieldPath);
      w.write(3, `${e.name}:\t${v} (${from.fieldRef.apiVersion ?? 'v1'}:${from.fieldRef.fieldPath})\n`);
    } else if (from.resourceFieldRef) {
      const resource = from.resourceFieldRef.resource;
      let v = resourceFieldValue(c, from.resourceFieldRef);
      if (v === '0' && (resource === 'limits.cpu' || resource === 'limits.memory')) v = 'node allocatable';
      w.write(3, `${e.name}:\t${v} (${resource})\n`);
    } else if (from.secretKeyRef) {
      const r = from.secretKeyRef;
      w.write(3, `${e.name}:\t<set to the key '${r.key}' in secret '${r.name ?? ''}'>\tOptional: ${r.optional === true}\n`);
    } else if (from.configMapKeyRef) {
      const r = from.configMapKeyRef;
      w.write(3, `${e.name}:\t<set to the key '${r.key}' of config map '${r.name ?? ''}'>\tOptional: ${r.optional === true}\n`);
    }
  }
}

function describeEnvFrom(w: PrefixWriter, c: Obj): void {
  w.write(2, 'Environment Variables from:\n');
  for (const e of c.envFrom as Obj[]) {
    const ref = e.configMapRef ?? e.secretRef;
    const from = e.configMapRef ? 'ConfigMap' : e.secretRef ? 'Secret' : '';
    const optional = ref?.optional === true;
    const name = ref?.name ?? '';
    w.write(3, e.prefix ? `${name}\t${from} with prefix '${e.prefix}'\tOptional: ${optional}\n` : `${name}\t${from}\tOptional: ${optional}\n`);
  }
}

function describeMounts(w: PrefixWriter, c: Obj): void {
  const mounts = [...((c.volumeMounts ?? []) as Obj[])].sort((a, b) => (a.mountPath < b.mountPath ? -1 : a.mountPath > b.mountPath ? 1 : 0));
  const none = mounts.length ? '' : '\t<none>';
  w.write(2, `Mounts:${none}\n`);
  for (const m of mounts) {
    const flags = [m.readOnly ? 'ro' : 'rw'];
    if (m.subPath) flags.push(`path=${JSON.stringify(m.subPath)}`);
    w.write(3, `${m.mountPath} from ${m.name} (${flags.join(',')})\n`);
  }
  const devices = [...((c.volumeDevices ?? []) as Obj[])].sort((a, b) => (a.devicePath < b.devicePath ? -1 : a.devicePath > b.devicePath ? 1 : 0));
  if (devices.length) {
    w.write(2, `Devices:${none}\n`);
    for (const d of devices) w.write(3, `${d.devicePath} from ${d.name}\n`);
  }
}

/**
 * describeContainers: `statuses` is undefined for a pod template (no Container ID, state or
 * readiness), `pod` resolves env fieldRefs (a template resolves none), `space` is the template's
 * indent.
 */
export function describeContainers(
  w: PrefixWriter,
  label: string,
  containers: Obj[],
  statuses: Obj[] | undefined,
  pod: Obj | undefined,
  space: string,
): void {
  const byName = new Map((statuses ?? []).map((s) => [s.name, s]));
  w.write(0, `${space}${label}:${containers.length ? '' : ' <none>'}\n`);
  for (const c of containers) {
    const status = byName.get(c.name);
    w.write(1, `${space ? ' ' : ''}${c.name}:\n`);
    if (status) w.write(2, `Container ID:\t${status.containerID ?? ''}\n`);
    w.write(2, `Image:\t${c.image ?? ''}\n`);
    if (status) w.write(2, `Image ID:\t${status.imageID ?? ''}\n`);
    const ports = (c.ports ?? []) as Obj[];
    const portList = ports.map((p) => `${p.containerPort}/${p.protocol ?? 'TCP'}`).join(', ');
    const hostList = ports.map((p) => `${p.hostPort ?? 0}/${p.protocol ?? 'TCP'}`).join(', ');
    w.write(2, portList.includes(',') ? `Ports:\t${portList}\n` : `Port:\t${orNone(portList)}\n`);
    w.write(2, hostList.includes(',') ? `Host Ports:\t${hostList}\n` : `Host Port:\t${orNone(hostList)}\n`);
    const seccomp = c.securityContext?.seccompProfile;
    if (seccomp) {
      w.write(2, `SeccompProfile:\t${seccomp.type}\n`);
      if (seccomp.type === 'Localhost') w.write(3, `LocalhostProfile:\t${seccomp.localhostProfile ?? ''}\n`);
    }
    for (const [title, list] of [['Command', c.command], ['Args', c.args]] as const) {
      if (!list?.length) continue;
      w.write(2, `${title}:\n`);
      for (const arg of list as string[]) for (const s of String(arg).split('\n')) w.write(3, `${s}\n`);
    }
    if (status) {
      describeState(w, 'State', status.state);
      if (status.lastState?.terminated) describeState(w, 'Last State', status.lastState);
      w.write(2, `Ready:\t${status.ready ? 'True' : 'False'}\n`);
      w.write(2, `Restart Count:\t${status.restartCount ?? 0}\n`);
    }
    describeResources(w, c.resources, 2);
    if (c.livenessProbe) w.write(2, `Liveness:\t${describeProbe(c.livenessProbe)}\n`);
    if (c.readinessProbe) w.write(2, `Readiness:\t${describeProbe(c.readinessProbe)}\n`);
    if (c.startupProbe) w.write(2, `Startup:\t${describeProbe(c.startupProbe)}\n`);
    if (c.envFrom?.length) describeEnvFrom(w, c);
    describeEnv(w, c, pod);
    describeMounts(w, c);
  }
}

function csiAttributes(w: PrefixWriter, attrs: Obj | undefined): void {
  // printCSIPersistentVolumeAttributesMultilineIndent writes each continuation at LEVEL_2 twice.
  w.write(2, 'VolumeAttributes:\t');
  const keys = sortedKeys(attrs);
  if (keys.length === 0) {
    w.write(0, '<none>\n');
    return;
  }
  keys.forEach((k, i) => {
    if (i > 0) {
      w.write(2, '');
      w.write(2, '\t');
    }
    const line = `${k}=${attrs![k]}`;
    w.write(2, line.length > 140 ? `${line.slice(0, 140)}...\n` : `${line}\n`);
  });
}

function describeVolumeSource(w: PrefixWriter, v: Obj): void {
  if (v.hostPath) {
    w.write(2, `Type:\tHostPath (bare host directory volume)\n    Path:\t${v.hostPath.path}\n    HostPathType:\t${v.hostPath.type ?? '<none>'}\n`);
  } else if (v.emptyDir) {
    const size = v.emptyDir.sizeLimit !== undefined && quantityOf(v.emptyDir.sizeLimit).nanos > 0n ? formatQuantity(quantityOf(v.emptyDir.sizeLimit)) : '<unset>';
    w.write(2, `Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n    Medium:\t${v.emptyDir.medium ?? ''}\n    SizeLimit:\t${size}\n`);
  } else if (v.secret) {
    w.write(2, `Type:\tSecret (a volume populated by a Secret)\n    SecretName:\t${v.secret.secretName ?? ''}\n    Optional:\t${v.secret.optional === true}\n`);
  } else if (v.configMap) {
    w.write(2, `Type:\tConfigMap (a volume populated by a ConfigMap)\n    Name:\t${v.configMap.name ?? ''}\n    Optional:\t${v.configMap.optional === true}\n`);
  } else if (v.nfs) {
    w.write(2, `Type:\tNFS (an NFS mount that lasts the lifetime of a pod)\n    Server:\t${v.nfs.server}\n    Path:\t${v.nfs.path}\n    ReadOnly:\t${v.nfs.readOnly === true}\n`);
  } else if (v.persistentVolumeClaim) {
    const c = v.persistentVolumeClaim;
    w.write(2, `Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n    ClaimName:\t${c.claimName}\n    ReadOnly:\t${c.readOnly === true}\n`);
  } else if (v.downwardAPI) {
    w.write(2, 'Type:\tDownwardAPI (a volume populated by information about the pod)\n    Items:\n');
    for (const item of (v.downwardAPI.items ?? []) as Obj[]) {
      if (item.fieldRef) w.write(3, `${item.fieldRef.fieldPath} -> ${item.path}\n`);
      if (item.resourceFieldRef) w.write(3, `${item.resourceFieldRef.resource} -> ${item.path}\n`);
    }
  } else if (v.projected) {
    // 1.32 prints the *bool Optional of secrets and config maps with %v: `<nil>` when unset.
    const optional = (o: unknown) => (o === undefined || o === null ? '<nil>' : String(o));
    w.write(2, 'Type:\tProjected (a volume that contains injected data from multiple sources)\n');
    for (const s of (v.projected.sources ?? []) as Obj[]) {
      if (s.secret) w.write(2, `SecretName:\t${s.secret.name ?? ''}\n    SecretOptionalName:\t${optional(s.secret.optional)}\n`);
      else if (s.downwardAPI) w.write(2, 'DownwardAPI:\ttrue\n');
      else if (s.configMap) w.write(2, `ConfigMapName:\t${s.configMap.name ?? ''}\n    ConfigMapOptional:\t${optional(s.configMap.optional)}\n`);
      else if (s.serviceAccountToken) w.write(2, `TokenExpirationSeconds:\t${s.serviceAccountToken.expirationSeconds ?? 3600}\n`);
    }
  } else if (v.csi) {
    w.write(2, `Type:\tCSI (a Container Storage Interface (CSI) volume source)\n    Driver:\t${v.csi.driver}\n    FSType:\t${v.csi.fsType ?? ''}\n    ReadOnly:\t${v.csi.readOnly === true}\n`);
    csiAttributes(w, v.csi.volumeAttributes);
  } else if (v.image) {
    w.write(2, `Type:\tImage (a container image or OCI artifact)\n    Reference:\t${v.image.reference ?? ''}\n    PullPolicy:\t${v.image.pullPolicy ?? ''}\n`);
  } else w.write(1, '<unknown>\n');
}

/** describeVolumes. */
export function describeVolumes(w: PrefixWriter, volumes: Obj[] | undefined, space: string): void {
  if (!volumes?.length) {
    w.write(0, `${space}Volumes:\t<none>\n`);
    return;
  }
  w.write(0, `${space}Volumes:\n`);
  for (const v of volumes) {
    w.write(1, `${space ? ' ' : ''}${v.name}:\n`);
    describeVolumeSource(w, v);
  }
}
