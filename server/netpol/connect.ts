/**
 * One connection attempt from a pod, as a tool makes it: resolve the name, route through
 * kube-proxy, decide under NetworkPolicy, then see whether something listens. The outcome is
 * data; probe tools turn it into their own words.
 */
import type { ConnProtocol } from './compile.js';
import type { Protocol } from './deps.js';
import { selectorMatches } from './deps.js';
import { decideEndpoints } from './decide.js';
import { explain } from './explain.js';
import type { Engine } from './engine.js';
import { defaultListeningPorts, defaultResponse } from './images.js';
import { type Destination, destinationOf, resolveName } from './resolve.js';
import type { Verdict } from './verdict.js';
import type { PodInfo } from './world.js';

export type ConnectOutcome =
  | { status: 'dns-timeout'; host: string; verdict: Verdict }
  | { status: 'nxdomain'; host: string }
  /** Connected: what the app answers. */
  | { status: 'connected'; host: string; ip: string; port: number; response: string; verdict?: Verdict; destination: Destination }
  /** Dropped by policy (or nothing at that address): the tool waits for its timeout. */
  | { status: 'timeout'; host: string; ip: string; port: number; verdict?: Verdict; destination: Destination }
  /** Reset: nothing listens on the port, or kube-proxy rejects a Service without endpoints. */
  | { status: 'refused'; host: string; ip: string; port: number; verdict?: Verdict; destination: Destination };

/** Whether the pod listens on a port: its declared container ports, plus its images' defaults. */
export function listens(pod: PodInfo, port: number, protocol: Protocol): boolean {
  if (pod.ports.some((p) => p.port === port && p.protocol === protocol)) return true;
  return pod.containers.some((c) => defaultListeningPorts(c.image).some((d) => d.port === port && d.protocol === protocol));
}

/** The app's answer: the scenario's response for the pod and port, else the image's default. */
export function appResponse(engine: Engine, pod: PodInfo, port: number, protocol: Protocol): string {
  for (const r of engine.indexed.world.appResponses) {
    if (r.namespace === pod.namespace && (r.pod === undefined || r.pod === pod.name) && r.port === port && (r.protocol ?? 'TCP') === protocol && selectorMatches(r.podSelector, pod.labels)) return r.response;
  }
  const c = pod.containers.find((x) => x.ports.some((p) => p.port === port && p.protocol === protocol)) ?? pod.containers[0];
  return defaultResponse(c?.image ?? '', pod.name);
}

/** Ports the internet at large answers on (any other port: the packets are dropped). */
const INTERNET_PORTS = new Set([80, 443]);

export function connect(engine: Engine, from: PodInfo, host: string, port: number, protocol: ConnProtocol): ConnectOutcome {
  const dns = resolveName(engine, from, host);
  if (dns.status === 'timeout') return { status: 'dns-timeout', host, verdict: dns.verdict };
  if (dns.status === 'nxdomain') return { status: 'nxdomain', host };
  const ip = dns.ip;
  const destination = destinationOf(engine, ip, port, protocol);
  const base = { host, ip, port };
  switch (destination.kind) {
    case 'blackhole':
      return { status: 'timeout', ...base, destination };
    case 'no-endpoints':
      return { status: 'refused', ...base, destination };
    case 'pod': {
      const verdict = decideEndpoints(engine, { kind: 'pod', pod: from }, destination.endpoint, destination.port, protocol);
      if (!verdict.allowed) return { status: 'timeout', ...base, verdict, destination };
      const pod = destination.endpoint.pod;
      if (protocol === 'ICMP') return { status: 'connected', ...base, response: '', verdict, destination };
      if (!listens(pod, destination.port, protocol)) return { status: 'refused', ...base, verdict, destination };
      return { status: 'connected', ...base, response: appResponse(engine, pod, destination.port, protocol), verdict, destination };
    }
    case 'node': {
      const verdict = decideEndpoints(engine, { kind: 'pod', pod: from }, destination.endpoint, port, protocol);
      if (!verdict.allowed) return { status: 'timeout', ...base, verdict, destination };
      if (protocol === 'ICMP') return { status: 'connected', ...base, response: '', verdict, destination };
      // The kubelet (10250) and the API server (6443) listen on nodes.
      if (protocol === 'TCP' && (port === 10250 || port === 6443)) return { status: 'connected', ...base, response: '', verdict, destination };
      return { status: 'refused', ...base, verdict, destination };
    }
    case 'external': {
      const verdict = decideEndpoints(engine, { kind: 'pod', pod: from }, destination.endpoint, port, protocol);
      if (!verdict.allowed) return { status: 'timeout', ...base, verdict, destination };
      if (protocol === 'ICMP') return { status: 'connected', ...base, response: '', verdict, destination };
      const hostDecl = destination.endpoint.host;
      if (hostDecl) {
        const p = hostDecl.ports.find((x) => x.port === port && x.protocol === protocol);
        if (!p) return { status: 'refused', ...base, verdict, destination };
        return { status: 'connected', ...base, response: p.response ?? `${hostDecl.name}\n`, verdict, destination };
      }
      if (protocol === 'TCP' && INTERNET_PORTS.has(port)) return { status: 'connected', ...base, response: '<!doctype html><html><head><title>Example Domain</title></head><body><h1>Example Domain</h1></body></html>\n', verdict, destination };
      return { status: 'timeout', ...base, verdict, destination };
    }
  }
}

/** A connection attempt in plain English: what the name resolved to, where kube-proxy sent it, and why it went through or not. */
export function explainConnection(o: ConnectOutcome, protocol: ConnProtocol = 'TCP'): string[] {
  const what = (port: number): string => (protocol === 'ICMP' ? o.host : `${o.host}:${port}/${protocol}`);
  switch (o.status) {
    case 'nxdomain':
      return [`${o.host} does not resolve: the cluster DNS has no such name.`];
    case 'dns-timeout':
      return [`${o.host} cannot be resolved: the DNS query to CoreDNS on 53/UDP is dropped.`, ...explain(o.verdict)];
    default: {
      const d = o.destination;
      const lines: string[] = [];
      if (o.host !== o.ip) lines.push(`${o.host} resolves to ${o.ip}.`);
      if (d.kind === 'pod' && d.service) lines.push(`Service ${d.service.namespace}/${d.service.name} port ${d.service.port} sends it to pod ${d.endpoint.pod.key} port ${d.port}.`);
      if (d.kind === 'no-endpoints') lines.push(`Service ${d.service} has no ready endpoints: kube-proxy rejects the connection.`);
      if (d.kind === 'blackhole') lines.push(`Nothing answers at ${d.ip} on port ${d.port} (the Service does not expose it).`);
      if (o.verdict) lines.push(...explain(o.verdict));
      if (o.status === 'refused' && o.verdict?.allowed) lines.push(`Nothing listens on ${what(o.port)} at the destination: connection refused.`);
      if (o.status === 'connected') lines.push(`Connected to ${what(o.port)}.`);
      return lines;
    }
  }
}
