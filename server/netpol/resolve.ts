/**
 * Where a connection goes, as a pod's network stack would take it: names through the cluster
 * DNS (CoreDNS behind the kube-dns Service, reached from the source pod on 53/UDP, which egress
 * policy may block), Service ClusterIPs and NodePorts translated to one backend pod and its
 * targetPort as kube-proxy does (the first ready backend by name: the lab is deterministic),
 * pod IPs, node IPs, declared external hosts, and the internet at large.
 */
import type { ConnProtocol } from './compile.js';
import type { ExternalHost, Protocol, Service } from './deps.js';
import { selectorMatches } from './deps.js';
import { decideEndpoints } from './decide.js';
import type { Engine } from './engine.js';
import { formatIp, parseIp } from './ip.js';
import type { Endpoint, Verdict } from './verdict.js';
import { CLUSTER_DOMAIN, KUBE_DNS_IP, type PodInfo } from './world.js';

export type DnsAnswer =
  | { status: 'ip'; ip: string }
  | { status: 'name'; fqdn: string; ip: string; verdict?: Verdict }
  | { status: 'nxdomain'; tried: readonly string[]; verdict?: Verdict }
  /** The query to CoreDNS was dropped (egress of the source or ingress of CoreDNS). */
  | { status: 'timeout'; verdict: Verdict };

export function searchList(namespace: string): string[] {
  return [`${namespace}.svc.${CLUSTER_DOMAIN}`, `svc.${CLUSTER_DOMAIN}`, CLUSTER_DOMAIN];
}

/** The record CoreDNS (kubernetes plugin) serves for a fully qualified name, if any. */
export function lookupFqdn(engine: Engine, fqdn: string): string | undefined {
  const name = fqdn.toLowerCase().replace(/\.$/, '');
  const suffix = `.${CLUSTER_DOMAIN}`;
  if (name.endsWith(suffix)) {
    const parts = name.slice(0, -suffix.length).split('.');
    if (parts.length === 3 && parts[2] === 'svc') {
      const svc = engine.indexed.services.find((s) => s.metadata.name === parts[0] && (s.metadata.namespace ?? 'default') === parts[1]);
      if (!svc) return undefined;
      const ip = svc.spec?.clusterIP;
      if (ip && ip !== 'None') return ip;
      return serviceBackends(engine, svc)[0]?.ip; // headless: the pods' own records
    }
    if (parts.length === 3 && parts[2] === 'pod') {
      const ns = engine.indexed.namespaceLabels.has(parts[1]!);
      const dotted = parts[0]!.replace(/-/g, '.');
      const ip = parseIp(dotted) ?? parseIp(parts[0]!.replace(/-/g, ':'));
      return ns && ip ? formatIp(ip) : undefined;
    }
    return undefined;
  }
  for (const h of engine.indexed.world.externalHosts) {
    if (h.name.toLowerCase() === name || (h.hostnames ?? []).some((x) => x.toLowerCase() === name)) return h.ip;
  }
  return undefined;
}

/** The CoreDNS pod a query from this pod reaches (through the kube-dns ClusterIP). */
function dnsEndpoint(engine: Engine): Endpoint | undefined {
  const pod = [...engine.indexed.dnsPods].filter((p) => p.ip).sort((a, b) => (a.name < b.name ? -1 : 1))[0];
  return pod ? { kind: 'pod', pod } : undefined;
}

/** Resolves a host as typed in a tool, from a pod (resolv.conf: search list, ndots:5). */
export function resolveName(engine: Engine, from: PodInfo, host: string): DnsAnswer {
  const literal = parseIp(host.replace(/^\[|\]$/g, ''));
  if (literal) return { status: 'ip', ip: formatIp(literal) };
  const dns = dnsEndpoint(engine);
  let verdict: Verdict | undefined;
  if (dns && !from.hostNetwork) {
    verdict = decideEndpoints(engine, { kind: 'pod', pod: from }, dns, 53, 'UDP');
    if (!verdict.allowed) return { status: 'timeout', verdict };
  }
  const absolute = host.endsWith('.');
  const dots = host.split('.').length - 1;
  const candidates = absolute ? [host.slice(0, -1)] : dots >= 5 ? [host, ...searchList(from.namespace).map((s) => `${host}.${s}`)] : [...searchList(from.namespace).map((s) => `${host}.${s}`), host];
  for (const fqdn of candidates) {
    const ip = lookupFqdn(engine, fqdn);
    if (ip) return { status: 'name', fqdn, ip, ...(verdict ? { verdict } : {}) };
  }
  return { status: 'nxdomain', tried: candidates, ...(verdict ? { verdict } : {}) };
}

/** Ready backends of a Service: its selector's running pods with an IP, by name. */
export function serviceBackends(engine: Engine, svc: Service): PodInfo[] {
  const sel = svc.spec?.selector;
  if (!sel || Object.keys(sel).length === 0) return [];
  const ns = svc.metadata.namespace ?? 'default';
  return engine.indexed.pods
    .filter((p) => p.namespace === ns && p.ip && (p.pod.status?.phase ?? 'Running') === 'Running' && selectorMatches({ matchLabels: sel }, p.labels))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

export type Destination =
  | { kind: 'pod'; endpoint: Endpoint & { kind: 'pod' }; port: number; service?: { name: string; namespace: string; port: number } }
  | { kind: 'node'; endpoint: Endpoint & { kind: 'node' }; port: number }
  | { kind: 'external'; endpoint: Endpoint & { kind: 'external' }; port: number }
  /** A Service IP and port that kube-proxy rejects: no ready backend. */
  | { kind: 'no-endpoints'; service: string; port: number }
  /** Nothing answers at that address (a ClusterIP port that the Service does not expose). */
  | { kind: 'blackhole'; ip: string; port: number };

function targetPortOn(svcPort: { port: number; targetPort?: number | string }, pod: PodInfo, protocol: Protocol): number | undefined {
  const t = svcPort.targetPort ?? svcPort.port;
  if (typeof t === 'number') return t;
  if (/^\d+$/.test(t)) return Number(t);
  return pod.ports.find((p) => p.name === t && p.protocol === protocol)?.port;
}

function viaService(engine: Engine, svc: Service, port: number, protocol: ConnProtocol, byNodePort: boolean): Destination {
  const ns = svc.metadata.namespace ?? 'default';
  const name = svc.metadata.name ?? '';
  const sp = (svc.spec?.ports ?? []).find((p) => (p.protocol ?? 'TCP') === protocol && (byNodePort ? p.nodePort === port : p.port === port));
  if (!sp) return { kind: 'blackhole', ip: svc.spec?.clusterIP ?? '', port };
  for (const pod of serviceBackends(engine, svc)) {
    const tp = targetPortOn(sp, pod, protocol as Protocol);
    if (tp !== undefined) return { kind: 'pod', endpoint: { kind: 'pod', pod }, port: tp, service: { name, namespace: ns, port: sp.port } };
  }
  return { kind: 'no-endpoints', service: `${ns}/${name}`, port };
}

/** Where a packet to ip:port goes after kube-proxy. */
export function destinationOf(engine: Engine, ip: string, port: number, protocol: ConnProtocol): Destination {
  const svc = engine.indexed.servicesByIp.get(ip);
  if (svc) return protocol === 'ICMP' ? { kind: 'blackhole', ip, port } : viaService(engine, svc, port, protocol, false);
  const pod = engine.indexed.podByIp.get(ip);
  if (pod) return { kind: 'pod', endpoint: { kind: 'pod', pod }, port };
  if (engine.indexed.nodeIps.has(ip)) {
    if (protocol !== 'ICMP') {
      const np = engine.indexed.services.find((s) => (s.spec?.type === 'NodePort' || s.spec?.type === 'LoadBalancer') && (s.spec.ports ?? []).some((p) => p.nodePort === port && (p.protocol ?? 'TCP') === protocol));
      if (np) return viaService(engine, np, port, protocol, true);
    }
    return { kind: 'node', endpoint: { kind: 'node', ip }, port };
  }
  const host: ExternalHost | undefined = engine.indexed.world.externalHosts.find((h) => h.ip === ip);
  return { kind: 'external', endpoint: { kind: 'external', ip, ...(host ? { host } : {}) }, port };
}

export { KUBE_DNS_IP };
