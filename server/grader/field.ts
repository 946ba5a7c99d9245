/**
 * Field checks by meaning, not by spelling. A JSONPath that reads into a label selector
 * (`{.spec.podSelector.matchLabels.name}`) is answered by what the selector selects, so
 * matchExpressions `name In (internal)` is as good as matchLabels; a list the API treats as a
 * set (`policyTypes`) is compared as a set; a NetworkPolicy port's range as the rule's ports
 * (two adjacent ranges are one); quantities (`512Mi` = `0.5Gi`) and durations (`90s` = `1m30s`)
 * by value. What differs is said in words. The literal text is tried first: an exact match passes.
 */
import { cmpQuantity, parseQuantity, selectorRequirements, requirementMatches, type KubeObject, type LabelSelector } from '../api/index.js';
import { renderJsonPath } from '../kubectl/index.js';
import { compilePolicy, rulePorts, type PortProtocol } from '../netpol/index.js';

export type FieldVerdict = { passed: boolean; explanation: string } | undefined;

/** Reads a dotted path with [n] indexes (the subset of JSONPath the semantic forms use). */
function at(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const part of path.split('.').filter(Boolean)) {
    const m = /^([^[\]]+)((?:\[\d+\])*)$/.exec(part);
    if (!m) return undefined;
    cur = (cur as Record<string, unknown> | undefined)?.[m[1]!];
    for (const idx of m[2]!.match(/\d+/g) ?? []) cur = (cur as unknown[] | undefined)?.[Number(idx)];
  }
  return cur;
}

const SELECTOR = /^\{\.((?:[^{}]*\.)?(?:podSelector|namespaceSelector|selector))\.matchLabels\.([^.{}[\]]+)\}$/;
const SET_FIELDS = /^\{\.([^{}]*\.)?(policyTypes|accessModes|verbs|resources|apiGroups|finalizers)(\[\*\])?\}$/;
const PORT = /^\{\.([^{}]*\.(?:ingress|egress)\[\d+\])\.ports\[(\d+)\]\.(port|endPort)\}$/;
const DURATION = /^(?:\d+(?:\.\d+)?(?:ns|us|µs|ms|s|m|h))+$/;

function selectorWords(what: string): string {
  return what.replace(/^.*\./, '').replace(/Selector$/, ' selector');
}

/** The values of `key` a selector accepts, among the expected one, those it names, and "absent" / "another". */
function acceptedValues(sel: LabelSelector, key: string, expected: string): { accepts: (v: string | undefined) => boolean; universe: (string | undefined)[] } {
  const reqs = selectorRequirements(sel).filter((r) => r.key === key);
  const named = new Set<string>([expected, ...reqs.flatMap((r) => r.values)]);
  let other = 'another-value';
  while (named.has(other)) other += '-x';
  const universe: (string | undefined)[] = [undefined, ...named, other];
  return { accepts: (v) => reqs.every((r) => requirementMatches(r, v === undefined ? {} : { [key]: v })), universe };
}

function valueText(v: string | undefined, key: string): string {
  return v === undefined ? `no ${key} label` : `${key}=${v}`;
}

function tokens(text: string): string[] {
  const t = text.trim();
  if (t.startsWith('[')) {
    try {
      const v = JSON.parse(t) as unknown;
      if (Array.isArray(v)) return v.map(String);
    } catch {
      /* not JSON: words */
    }
  }
  return t ? t.split(/\s+/) : [];
}

function and(list: readonly string[]): string {
  return list.length <= 1 ? (list[0] ?? 'nothing') : `${list.slice(0, -1).join(', ')} and ${list[list.length - 1]}`;
}

function durationNanos(s: string): number | undefined {
  if (!DURATION.test(s)) return undefined;
  const unit: Record<string, number> = { ns: 1, us: 1e3, µs: 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };
  let total = 0;
  for (const m of s.matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g)) total += Number(m[1]) * unit[m[2]!]!;
  return total;
}

/** The semantic verdict, or undefined when the path has no semantic form (the literal one stands). */
export function semanticField(obj: KubeObject, jsonpath: string, expected: string, what: string): FieldVerdict {
  const sel = SELECTOR.exec(jsonpath);
  if (sel) {
    const selector = at(obj, sel[1]!) as LabelSelector | undefined;
    const key = sel[2]!;
    const name = selectorWords(sel[1]!);
    if (!selector) return { passed: false, explanation: `${what} has no ${name}.` };
    const { accepts, universe } = acceptedValues(selector, key, expected);
    const ok = universe.filter(accepts);
    const passed = ok.length === 1 && ok[0] === expected;
    if (passed) return { passed, explanation: `Its ${name} selects ${key}=${expected}.` };
    const got = ok.length === 0 ? `no value of ${key} at all` : ok.length === universe.length ? `any ${key} (or none)` : and(ok.map((v) => valueText(v, key)));
    return { passed, explanation: `The ${name} of ${what} accepts ${got}, expected only ${key}=${expected}.` };
  }
  const set = SET_FIELDS.exec(jsonpath);
  if (set) {
    const r = renderJsonPath(jsonpath.replace(/\[\*\]\}$/, '}').replace(/\}$/, '[*]}'), obj);
    const got = new Set(r.ok ? tokens(r.value) : []);
    const want = new Set(tokens(expected));
    const passed = got.size === want.size && [...want].every((x) => got.has(x));
    const field = set[2]!;
    return {
      passed,
      explanation: passed ? `${field} is ${and([...want])} (in any order).` : `${field} of ${what} ${got.size ? `is ${and([...got])}` : 'is empty'}, expected ${and([...want])} (in any order).`,
    };
  }
  const port = PORT.exec(jsonpath);
  if (port && /^\d+$/.test(expected)) {
    const rulePath = port[1]!;
    const direction = /ingress\[\d+\]$/.test(rulePath) ? 'ingress' : 'egress';
    const ruleIndex = Number(/\[(\d+)\]$/.exec(rulePath)![1]);
    const raw = at(obj, `${rulePath}.ports[${port[2]}]`) as { port?: number | string; protocol?: PortProtocol } | undefined;
    if (!raw || typeof raw.port !== 'number') return undefined;
    const compiled = compilePolicy(obj as never);
    const rule = (direction === 'ingress' ? compiled.ingress : compiled.egress)?.[ruleIndex];
    if (!rule) return undefined;
    const protocol = raw.protocol ?? 'TCP';
    const set = rulePorts(rule, { key: '', kind: 'pod', nsLabels: {}, labels: {}, ports: [], hostNetwork: false, newNamespace: false });
    const iv = set[protocol].find(([lo, hi]) => raw.port as number >= lo && (raw.port as number) <= hi);
    if (!iv) return undefined;
    const want = Number(expected);
    const passed = port[3] === 'endPort' ? iv[1] === want : iv[0] === want;
    const range = iv[0] === iv[1] ? `${iv[0]}/${protocol}` : `${iv[0]}-${iv[1]}/${protocol}`;
    return {
      passed,
      explanation: passed
        ? `${direction} rule ${ruleIndex + 1} allows ${range}.`
        : `${direction} rule ${ruleIndex + 1} of ${what} allows ${range}, so the range ${port[3] === 'endPort' ? 'ends' : 'starts'} at ${port[3] === 'endPort' ? iv[1] : iv[0]}, expected ${want}.`,
    };
  }
  return undefined;
}

/** Quantities and durations compared by value when both sides read as one. */
export function sameValue(got: string, expected: string): boolean {
  const qa = /\d/.test(got) ? parseQuantity(got) : undefined;
  const qb = /\d/.test(expected) ? parseQuantity(expected) : undefined;
  if (qa && qb) return cmpQuantity(qa, qb) === 0;
  const da = durationNanos(got);
  const db = durationNanos(expected);
  return da !== undefined && db !== undefined && da === db;
}
