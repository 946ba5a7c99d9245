/**
 * Checks on the nodes: a file, a service, a node's Ready condition, a static pod, an etcd snapshot.
 * They read the hosts (server/hosts) as the learner left them; every failure says what was found.
 */
import { resolveResourceType, type ClusterApi } from '../cluster/index.js';
import { opensslTime, parseCertificate, readEtcdSnapshot, type Hosts } from '../hosts/index.js';
import type { Check } from '../scenarios/index.js';
import type { CheckResult } from './types.js';

type Result = Omit<CheckResult, 'index'>;
export type HostCheck = Extract<Check, { kind: 'file' | 'service' | 'node-ready' | 'static-pod' | 'snapshot' | 'cert-expiry' }>;

const res = (kind: Check['kind'], passed: boolean, title: string, explanation: string): Result => ({ kind, passed, title, explanation, connections: [] });

export function gradeHost(cluster: ClusterApi, hosts: Hosts | undefined, c: HostCheck): Result {
  const apiDown = hosts?.apiServerDown();
  if (apiDown && (c.kind === 'node-ready' || c.kind === 'static-pod')) {
    return res(c.kind, false, c.kind === 'node-ready' ? `node ${c.node} is ${c.ready ? 'Ready' : 'NotReady'}` : `static pod ${c.name}-${c.host} runs on ${c.host}`, `The API server does not answer: ${apiDown}.`);
  }
  if (c.kind === 'node-ready') {
    const title = `node ${c.node} is ${c.ready ? 'Ready' : 'NotReady'}`;
    const node = cluster.get(resolveResourceType('nodes')!, undefined, c.node) as any;
    if (!node) return res(c.kind, false, title, `There is no node ${c.node}.`);
    const ready = (node.status?.conditions ?? []).find((x: any) => x.type === 'Ready');
    const isReady = ready?.status === 'True';
    return res(c.kind, isReady === c.ready, title, isReady ? `${c.node} is Ready.` : `${c.node} is NotReady: ${ready?.reason ?? 'no Ready condition'}${ready?.message ? ` (${ready.message})` : ''}.`);
  }
  if (!hosts || !hosts.nodeNames().includes(c.host)) return res(c.kind, false, `host ${c.host}`, `There is no host ${c.host}.`);
  switch (c.kind) {
    case 'file': {
      const title = c.exists ? `${c.host}:${c.path} exists${c.contains !== undefined ? ` and holds "${c.contains}"` : ''}` : `${c.host}:${c.path} does not exist`;
      const text = hosts.fs(c.host).read(c.path);
      if (!c.exists) return res(c.kind, text === undefined, title, text === undefined ? `${c.path} is not on ${c.host}.` : `${c.path} is still on ${c.host}.`);
      if (text === undefined) return res(c.kind, false, title, `${c.path} is not on ${c.host}.`);
      if (c.contains !== undefined && !text.includes(c.contains)) return res(c.kind, false, title, `${c.path} on ${c.host} does not contain "${c.contains}".`);
      return res(c.kind, true, title, `${c.path} on ${c.host} is there${c.contains !== undefined ? ` with "${c.contains}"` : ''}.`);
    }
    case 'service': {
      const parts = [...(c.active !== undefined ? [c.active ? 'active' : 'inactive'] : []), ...(c.enabled !== undefined ? [c.enabled ? 'enabled' : 'disabled'] : [])];
      const title = `${c.name} on ${c.host} is ${parts.join(' and ') || 'known'}`;
      if (c.name === 'containerd') return res(c.kind, c.active !== false && c.enabled !== false, title, 'containerd is active and enabled.');
      const k = hosts.record(c.host).kubelet;
      const active = k.active === 'running';
      const why: string[] = [];
      if (c.active !== undefined && active !== c.active) why.push(active ? 'the kubelet is running' : `the kubelet is ${k.active === 'auto-restart' ? 'failing and being restarted by systemd' : k.active}${k.start && k.start.kind !== 'running' ? ` (${k.start.kind === 'exec' ? `cannot exec ${k.start.path}` : k.start.error.replace(/\\"/g, '"')})` : ''}`);
      if (c.enabled !== undefined && k.enabled !== c.enabled) why.push(`the kubelet is ${k.enabled ? 'enabled' : 'disabled'}`);
      return res(c.kind, why.length === 0, title, why.length ? `On ${c.host}, ${why.join('; ')}.` : `${c.name} on ${c.host} is ${parts.join(' and ')}.`);
    }
    case 'static-pod': {
      const name = `${c.name}-${c.host}`;
      const title = `static pod ${name}${c.namespace !== 'default' ? ` in ${c.namespace}` : ''} runs on ${c.host}`;
      const pod = cluster.get(resolveResourceType('pods')!, c.namespace, name) as any;
      if (!pod) return res(c.kind, false, title, `There is no pod ${name} in namespace ${c.namespace}: no manifest in ${c.host}'s staticPodPath makes it.`);
      if (pod.metadata.annotations?.['kubernetes.io/config.source'] !== 'file') return res(c.kind, false, title, `${name} is an ordinary pod, not a mirror of a static pod on ${c.host}.`);
      const problem = c.namespace === 'kube-system' ? hosts.problem(String(pod.metadata.labels?.component ?? c.name)) : undefined;
      if (problem) return res(c.kind, false, title, `${name} does not start: ${problem.message}.`);
      const running = pod.status?.phase === 'Running' && (pod.status?.containerStatuses ?? []).every((s: any) => s.ready);
      return res(c.kind, running, title, running ? `${name} is Running.` : `${name} is not running: ${(pod.status?.containerStatuses ?? []).map((s: any) => s.state?.waiting?.reason).filter(Boolean).join(', ') || pod.status?.phase}.`);
    }
    case 'cert-expiry': {
      const title = `${c.host}:${c.file} holds the expiry date of ${c.cert}`;
      const pem = hosts.fs(c.host).read(c.cert);
      const cert = pem ? parseCertificate(pem) : undefined;
      if (!cert) return res(c.kind, false, title, `${c.cert} on ${c.host} is not a certificate.`);
      const want = opensslTime(cert.notAfter);
      const text = hosts.fs(c.host).read(c.file);
      if (text === undefined) return res(c.kind, false, title, `${c.file} is not on ${c.host}.`);
      const got = text.trim().replace(/^notAfter=/, '');
      return res(c.kind, got === want, title, got === want ? `${c.file} says ${want}.` : `${c.file} says "${got.split('\n')[0]}", but the certificate expires ${want}.`);
    }
    case 'snapshot': {
      const title = `${c.host}:${c.path} is an etcd snapshot${c.contains.length ? ` holding ${c.contains.map((r) => `${r.kind} ${r.name}`).join(', ')}` : ''}`;
      const text = hosts.fs(c.host).read(c.path);
      if (text === undefined) return res(c.kind, false, title, `${c.path} is not on ${c.host}.`);
      const snap = readEtcdSnapshot(text);
      if (!snap) return res(c.kind, false, title, `${c.path} on ${c.host} is not an etcd snapshot (etcdutl snapshot status would say: invalid database).`);
      const has = (r: { kind: string; name: string; namespace: string }) => {
        const t = resolveResourceType(r.kind);
        return !!t && snap.cluster.objects.some((o) => o.kind === t.kind && o.metadata.name === r.name && (!t.namespaced || (o.metadata.namespace ?? 'default') === r.namespace));
      };
      const missing = c.contains.filter((r) => !has(r));
      const extra = c.lacks.filter(has);
      if (missing.length) return res(c.kind, false, title, `The snapshot does not hold ${missing.map((r) => `${r.kind} ${r.name}`).join(', ')}: it was taken at another moment.`);
      if (extra.length) return res(c.kind, false, title, `The snapshot holds ${extra.map((r) => `${r.kind} ${r.name}`).join(', ')}, made after the moment it should capture.`);
      return res(c.kind, true, title, `${c.path} is a snapshot of the cluster at revision ${snap.revision}.`);
    }
  }
}
