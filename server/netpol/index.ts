/**
 * The NetworkPolicy engine: decide, explain, matrix, connection resolution and probes.
 *
 * Semantics follow networking.k8s.io/v1 and upstream's e2e suite (test/e2e/network/netpol).
 * Where upstream leaves room, the lab chooses (and tests):
 * - ipBlock matches pod IPs as well as outside addresses (the e2e CIDR tests rely on it).
 * - A pod reaching itself is always allowed (upstream ignores loopback; Calico and Cilium allow it).
 * - A node's own traffic (node IPs, host-network pods) into a pod is always allowed (API docs).
 * - ICMP (ping) has no port: only rules without `ports` admit it; ping to a ClusterIP never answers.
 * - A Service sends a connection to its first ready backend by name (deterministic), on its targetPort
 *   (named targetPorts resolved on that pod); a Service without backends is rejected (refused).
 * - DNS: names resolve through CoreDNS in kube-system (simulated when the world has none), reached
 *   from the source pod on 53/UDP; search list `<ns>.svc.cluster.local svc.cluster.local cluster.local`.
 * - Probes wait for the tool's timeout on the simulated clock, capped at PROBE_TIMEOUT_CAP_MS.
 */
export * from './world.js';
export * from './ip.js';
export * from './compile.js';
export * from './engine.js';
export * from './verdict.js';
export * from './decide.js';
export * from './explain.js';
export * from './matrix.js';
export { referenceAllowed } from './reference.js';
export * from './resolve.js';
export * from './connect.js';
export * from './images.js';
export * from './probe/index.js';
export * from './manifests.js';
export * from './reach-report.js';
export * from './port-set.js';
export * from './representatives.js';
export * from './symbolic.js';
