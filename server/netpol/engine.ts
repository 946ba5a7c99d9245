/**
 * The engine: a world indexed and its policies compiled once, with policies grouped by
 * namespace (a policy only ever selects pods of its own namespace).
 */
import { type CompiledPolicy, compilePolicies } from './compile.js';
import { type IndexedWorld, type NetpolWorld, indexWorld } from './world.js';

export interface Engine {
  indexed: IndexedWorld;
  policies: readonly CompiledPolicy[];
  policiesByNamespace: ReadonlyMap<string, readonly CompiledPolicy[]>;
}

export function createEngine(world: NetpolWorld): Engine {
  const indexed = indexWorld(world);
  const policies = compilePolicies(world.policies);
  const byNs = new Map<string, CompiledPolicy[]>();
  for (const p of policies) {
    const list = byNs.get(p.namespace);
    if (list) list.push(p);
    else byNs.set(p.namespace, [p]);
  }
  return { indexed, policies, policiesByNamespace: byNs };
}

export function isEngine(x: Engine | NetpolWorld): x is Engine {
  return 'indexed' in x && 'policiesByNamespace' in x;
}
