// The symbolic reachability (port interval sets over representative peers) against brute force:
// the engine's decide on every representative pair and every port where an answer can change.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Namespace, NetworkPolicy, Pod } from '../../server/api/index.js';
import {
  allowedPorts,
  comparePolicySets,
  compilePolicies,
  createEngine,
  decideEndpoints,
  formatPortSet,
  intervalsMinus,
  intervalsUnion,
  peerClasses,
  policySet,
  portSetHas,
  representativePeers,
  PORT_PROTOCOLS,
  type Endpoint,
  type Engine,
  type NetpolWorld,
  type RepPeer,
} from '../../server/netpol/index.js';
import { policiesArb, worldArb } from './arbitrary.js';
import { nsObject } from './model.js';

/**
 * The arbitraries' policies name ports 79–81 only (numbers, ranges, and named ports declared at
 * 80 and 81), so decide's answer is constant on 1–78 and on 82–65535: checking each side of every
 * boundary and both ends of the range is checking all 65535 ports of each protocol.
 */
const PORTS = [1, 78, 79, 80, 81, 82, 65535];

/** The world with every imagined peer made real: new namespaces and IP-less pods. */
function materialize(w: NetpolWorld, peers: readonly RepPeer[], policies: readonly NetworkPolicy[]): NetpolWorld {
  const namespaces: Namespace[] = [...w.namespaces];
  const have = new Set(namespaces.map((n) => n.metadata.name));
  const pods: Pod[] = [...w.pods];
  for (const p of peers) {
    if (p.kind !== 'pod' || p.existing) continue;
    if (!have.has(p.namespace!)) {
      have.add(p.namespace!);
      namespaces.push(nsObject(p.namespace!, { ...p.nsLabels }));
    }
    pods.push({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: p.key.replace(/[^a-z0-9]/g, '-'), namespace: p.namespace!, labels: { ...p.labels } },
      spec: { containers: [{ name: 'main', image: 'x', ports: p.ports.map((d) => ({ containerPort: d.port, protocol: d.protocol, ...(d.name ? { name: d.name } : {}) })) }] },
      status: { phase: 'Running' },
    });
  }
  return { ...w, namespaces, pods, policies };
}

function endpointOf(e: Engine, p: RepPeer): Endpoint {
  if (p.kind === 'external') return { kind: 'external', ip: p.ipText! };
  const key = p.existing ?? `${p.namespace}/${p.key.replace(/[^a-z0-9]/g, '-')}`;
  return { kind: 'pod', pod: e.indexed.podByKey.get(key)! };
}

test('port interval sets: union and difference', () => {
  assert.deepEqual(intervalsUnion([[1, 5]], [[6, 9]]), [[1, 9]]);
  assert.deepEqual(intervalsUnion([[10, 20]], [[1, 3], [15, 30]]), [[1, 3], [10, 30]]);
  assert.deepEqual(intervalsMinus([[1, 65535]], [[8080, 8080]]), [[1, 8079], [8081, 65535]]);
  assert.equal(formatPortSet({ TCP: [[32000, 32768]], UDP: [[53, 53]], SCTP: [] }), '32000-32768/TCP, 53/UDP');
  assert.equal(formatPortSet({ TCP: [[1, 65535]], UDP: [], SCTP: [] }), 'any TCP port');
});

test('representative peers: a pod per label combination in each namespace and in new ones, addresses around each CIDR', () => {
  const pol: NetworkPolicy = {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: 'p', namespace: 'x' },
    spec: { podSelector: { matchLabels: { app: 'db' } }, ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: 'a' } } }, { ipBlock: { cidr: '10.0.0.0/24', except: ['10.0.0.128/25'] } }] }] },
  };
  const w = { pods: [], namespaceLabels: new Map([['x', { 'kubernetes.io/metadata.name': 'x' }]]), world: { externalHosts: [] } };
  const peers = representativePeers(w, compilePolicies([pol]));
  const pods = peers.filter((p) => p.kind === 'pod').map((p) => `${p.namespace} ${JSON.stringify(p.nsLabels)} ${JSON.stringify(p.labels)}`);
  assert.deepEqual(pods, [
    'x {"kubernetes.io/metadata.name":"x"} {}',
    'x {"kubernetes.io/metadata.name":"x"} {"app":"db"}',
    'a-new-namespace {"kubernetes.io/metadata.name":"a-new-namespace"} {}',
    // Only peers with a namespaceSelector can see a pod of a new namespace: no pod labels matter there.
    'a-new-namespace-1 {"team":"a","kubernetes.io/metadata.name":"a-new-namespace-1"} {}',
  ]);
  assert.deepEqual(
    peers.filter((p) => p.kind === 'external').map((p) => p.ipText),
    ['9.255.255.255', '10.0.0.0', '10.0.0.255', '10.0.1.0', '10.0.0.127', '10.0.0.128', '203.0.113.7'],
  );
});

test('allowedPorts agrees with decide for every representative pair, port and protocol', () => {
  fc.assert(
    fc.property(worldArb(4), (w) => {
      const compiled = compilePolicies(w.policies);
      const base = createEngine(w);
      const peers = representativePeers(base.indexed, compiled);
      const classes = peerClasses(peers, compiled);
      const e = createEngine(materialize(w, peers, w.policies));
      const set = policySet(e.policies);
      fc.pre(classes.length <= 40);
      // One member per class, plus a second member of some classes to check the classes are exact.
      const sample = classes.flatMap((c, i) => c.members.slice(0, i % 4 === 0 ? 2 : 1));
      for (const a of sample)
        for (const b of sample) {
          if (a === b) continue;
          const sym = allowedPorts(set, a, b).ports;
          const ea = endpointOf(e, a);
          const eb = endpointOf(e, b);
          for (const proto of PORT_PROTOCOLS)
            for (const port of PORTS) assert.equal(portSetHas(sym, port, proto), decideEndpoints(e, ea, eb, port, proto).allowed, `${a.key} → ${b.key} ${port}/${proto}`);
        }
    }),
    { numRuns: 25 },
  );
});

test('comparing two policy sets symbolically agrees with brute force over the representatives', () => {
  fc.assert(
    fc.property(worldArb(0), policiesArb(3), policiesArb(3), fc.boolean(), (w, a, b, same) => {
      // Half the time B is A with one policy's rules reordered (equal sets written differently).
      const bb = same ? a.map((p) => ({ ...p, spec: { ...p.spec, ...(p.spec.ingress ? { ingress: [...p.spec.ingress].reverse() } : {}) } })) : b;
      const base = createEngine(w);
      const ca = compilePolicies(a);
      const cb = compilePolicies(bb);
      const cmp = comparePolicySets(base.indexed, ca, cb);
      fc.pre(cmp.classes.length <= 40);
      const peers = cmp.classes.map((c) => c.members[0]!);
      const ea = createEngine(materialize(w, peers, a));
      const eb = createEngine(materialize(w, peers, bb));
      let differ = false;
      outer: for (const x of peers)
        for (const y of peers) {
          if (x === y) continue;
          for (const proto of PORT_PROTOCOLS)
            for (const port of PORTS)
              if (decideEndpoints(ea, endpointOf(ea, x), endpointOf(ea, y), port, proto).allowed !== decideEndpoints(eb, endpointOf(eb, x), endpointOf(eb, y), port, proto).allowed) {
                differ = true;
                break outer;
              }
        }
      assert.equal(cmp.differences.length > 0, differ, `symbolic found ${cmp.differences.length} differences, brute force ${differ ? 'some' : 'none'}`);
      if (same) assert.equal(cmp.differences.length, 0);
    }),
    { numRuns: 40 },
  );
});
