/**
 * Randomness enters the pure core only through a Random, so labs are reproducible in tests.
 * The default is a small seeded PRNG (mulberry32); the edge seeds it.
 */
export interface Random {
  /** A float in [0, 1). */
  next(): number;
}

export function seededRandom(seed: number): Random & { state(): number } {
  let a = seed >>> 0;
  return {
    next() {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    },
    state() {
      return a;
    },
  };
}

/** kube's rand.String alphabet: consonants and digits that cannot spell words (apimachinery util/rand). */
const KUBE_ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789';

export function kubeRandString(random: Random, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += KUBE_ALPHANUMS[Math.floor(random.next() * KUBE_ALPHANUMS.length)];
  return s;
}

/** A v4-shaped UUID from the injected randomness. */
export function uuid(random: Random): string {
  const hex = (n: number) =>
    Array.from({ length: n }, () => Math.floor(random.next() * 16).toString(16)).join('');
  const variant = (8 + Math.floor(random.next() * 4)).toString(16);
  return `${hex(8)}-${hex(4)}-4${hex(3)}-${variant}${hex(3)}-${hex(12)}`;
}
