/**
 * resource.Quantity (apimachinery pkg/api/resource) for the sums and prints kubectl does:
 * parsed to nano units (rounded up past nano, as ParseQuantity does), compared and added
 * exactly, and printed in canonical form (`1000` → `1k`, `0.5` → `500m`, `1024Mi` → `1Gi`).
 */
export type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

export interface Quantity {
  /** The value times 10^9. */
  nanos: bigint;
  /** Kept from the parsed text; a zero Quantity{} has none. */
  format?: QuantityFormat;
}

const NANO = 1_000_000_000n;
const DECIMAL: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY: Record<string, number> = { Ki: 1, Mi: 2, Gi: 3, Ti: 4, Pi: 5, Ei: 6 };
const DECIMAL_SUFFIX = new Map(Object.entries(DECIMAL).map(([s, e]) => [e, s]));
const BINARY_SUFFIX = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];

export const ZERO: Quantity = { nanos: 0n };

const ceilDiv = (a: bigint, b: bigint): bigint => (a >= 0n ? (a + b - 1n) / b : a / b);

/** ParseQuantity; undefined for text the API server would refuse. */
export function parseQuantity(text: string | number): Quantity | undefined {
  const m = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)(.*)$/.exec(String(text).trim());
  if (!m) return undefined;
  const [, sign, num, suffix] = m as unknown as [string, string, string, string];
  const [whole, frac = ''] = num.split('.');
  let digits = BigInt((whole || '0') + frac);
  let scale = -frac.length; // value = digits × 10^scale × multiplier
  let multiplier = 1n;
  let format: QuantityFormat;
  if (suffix in DECIMAL) {
    scale += DECIMAL[suffix]!;
    format = 'DecimalSI';
  } else if (suffix in BINARY) {
    multiplier = 1024n ** BigInt(BINARY[suffix]!);
    format = 'BinarySI';
  } else if (/^[eE][+-]?\d+$/.test(suffix)) {
    scale += Number(suffix.slice(1));
    format = 'DecimalExponent';
  } else return undefined;
  digits *= multiplier;
  const shift = scale + 9;
  const nanos = shift >= 0 ? digits * 10n ** BigInt(shift) : ceilDiv(digits, 10n ** BigInt(-shift));
  return { nanos: sign === '-' ? -nanos : nanos, format };
}

/** A quantity from a ResourceList value; what the server would have refused counts as zero. */
export function quantityOf(v: unknown): Quantity {
  return (typeof v === 'string' || typeof v === 'number' ? parseQuantity(v) : undefined) ?? ZERO;
}

export function cmpQuantity(a: Quantity, b: Quantity): number {
  return a.nanos < b.nanos ? -1 : a.nanos > b.nanos ? 1 : 0;
}

/** Quantity.Add: the sum keeps the receiver's format unless the receiver is zero. */
export function addQuantity(a: Quantity, b: Quantity): Quantity {
  return { nanos: a.nanos + b.nanos, format: a.nanos === 0n ? b.format : a.format };
}

/** MilliValue and Value round up, as Quantity does. */
export const milliValue = (q: Quantity): bigint => ceilDiv(q.nanos, 1_000_000n);
export const value = (q: Quantity): bigint => ceilDiv(q.nanos, NANO);

/** Quantity.String(): the canonical form. */
export function formatQuantity(q: Quantity): string {
  if (q.nanos === 0n) return '0';
  const neg = q.nanos < 0n;
  const abs = neg ? -q.nanos : q.nanos;
  const sign = neg ? '-' : '';
  // BinarySI prints in base 1024 only for whole values of at least 1024.
  if (q.format === 'BinarySI' && abs >= 1024n * NANO && abs % NANO === 0n) {
    let n = abs / NANO;
    let exp = 0;
    while (exp < 6 && n % 1024n === 0n) {
      n /= 1024n;
      exp++;
    }
    return `${sign}${n}${BINARY_SUFFIX[exp]}`;
  }
  // Decimal: strip factors of ten, then lower the exponent to a multiple of three.
  let n = abs;
  let exp = -9;
  while (n % 10n === 0n) {
    n /= 10n;
    exp++;
  }
  const down = ((exp % 3) + 3) % 3;
  n *= 10n ** BigInt(down);
  exp -= down;
  const suffix = q.format === 'DecimalExponent' ? (exp === 0 ? '' : `e${exp}`) : (DECIMAL_SUFFIX.get(exp) ?? `e${exp}`);
  return `${sign}${n}${suffix}`;
}
