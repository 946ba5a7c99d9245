import fc from 'fast-check';
import { worldArb } from '../test/netpol/arbitrary.js';
import { compilePolicies, createEngine, representativePeers, peerClasses } from '../server/netpol/index.js';
const ws = fc.sample(worldArb(4), 10);
for (const w of ws) {
  const t = performance.now();
  const c = compilePolicies(w.policies);
  const e = createEngine(w);
  const peers = representativePeers(e.indexed, c);
  const cls = peerClasses(peers, c);
  console.log(peers.length, cls.length, (performance.now()-t).toFixed(1));
}
