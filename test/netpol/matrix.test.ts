// computeMatrix beyond the upstream tables: declared ports per destination, external hosts as
// destinations, grouping of interchangeable pods; worldFromCluster over the ClusterApi contract.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject, ResourceType } from '../../server/api/index.js';
import type { ClusterApi } from '../../server/cluster/api.js';
import { computeMatrix, createEngine, decide, worldFromCluster, type NetpolWorld } from '../../server/netpol/index.js';
import { podObject } from './model.js';
import { internalPolicy, payrollPolicy, restrictEgress, seedWorld } from './seed.js';

function withExternal(): NetpolWorld {
  const w = seedWorld([payrollPolicy, internalPolicy, { ...restrictEgress, spec: { ...restrictEgress.spec, podSelector: { matchLabels: { name: 'mysql' } } } }]);
  return { ...w, externalHosts: [{ name: 'db-ext', ip: '10.0.0.10', ports: [{ port: 3306, protocol: 'TCP' }, { port: 22, protocol: 'TCP' }] }] };
}

test('declared ports per destination, external hosts as destinations', () => {
  const m = computeMatrix(withExternal());
  assert.deepEqual(
    m.destinations.map((d) => `${d.name}:${d.probes.map((p) => `${p.port}/${p.protocol}`).join(',')}`),
    ['default/external:8080/TCP', 'default/internal:8080/TCP', 'default/mysql:3306/TCP', 'default/payroll:8080/TCP', 'db-ext:3306/TCP,22/TCP'],
  );
  const row = (from: string) => m.entries().filter((e) => e.from === from && e.to === 'db-ext').map((e) => `${e.port}:${e.allowed}`);
  assert.deepEqual(row('default/mysql'), ['3306:true', '22:false'], 'restrict-egress: only 10.0.0.10:3306');
  assert.deepEqual(row('default/internal'), ['3306:false', '22:false'], 'internal-policy names no ipBlock');
  assert.deepEqual(row('default/external'), ['3306:true', '22:true'], 'external is not isolated for egress');
});

test('pods that no selector tells apart share a class', () => {
  const w = seedWorld([payrollPolicy]);
  const many: NetpolWorld = {
    ...w,
    pods: [...w.pods, ...Array.from({ length: 50 }, (_, i) => podObject('default', `clone-${i}`, { name: 'clone' }, `10.244.3.${i + 1}`, [{ port: 8080, protocol: 'TCP' }]))],
  };
  const m = computeMatrix(many);
  assert.equal(m.pods.length, 54);
  assert.ok(m.stats.classes <= 6, `54 pods in ${m.stats.classes} classes`);
  const e = createEngine(many);
  for (const r of m.entries()) if (r.from !== r.to) assert.equal(decide(e, r.from, r.to, r.port, r.protocol)!.allowed, r.allowed);
});

test('worldFromCluster reads the cluster through ClusterApi', () => {
  const w = seedWorld([payrollPolicy]);
  const byKind: Record<string, KubeObject[]> = {
    Namespace: [...w.namespaces],
    Pod: [...w.pods],
    Service: [...w.services],
    NetworkPolicy: [...w.policies],
    Node: [],
  };
  const cluster = {
    clock: { now: () => 0 },
    revision: 1,
    list: (t: ResourceType) => byKind[t.kind] ?? [],
    get: () => undefined,
    externalHosts: [],
    appResponses: [],
  } as unknown as ClusterApi;
  const world = worldFromCluster(cluster);
  assert.equal(world.pods.length, 4);
  assert.equal(world.policies.length, 1);
  assert.equal(decide(world, 'default/external', 'default/payroll', 8080)!.allowed, false);
});
