/**
 * Schema validation with errors an author can act on: each ajv error becomes one problem at
 * the line and column of the offending node, with the field path, what was expected, and for
 * an unknown key the nearest known one.
 */
import { Ajv, type ErrorObject } from 'ajv';
import { SCENARIO_SCHEMA } from './schema.js';

export type PathSegment = string | number;

export interface LocatedError {
  path: PathSegment[];
  /** Point at the key rather than its value (unknown keys). */
  atKey?: string;
  message: string;
}

const ajv = new Ajv({ allErrors: true, verbose: true, strict: false });
const validateScenario = ajv.compile(SCENARIO_SCHEMA);

export function pathText(path: readonly PathSegment[]): string {
  let out = '';
  for (const s of path) out += typeof s === 'number' ? `[${s}]` : out ? `.${s}` : s;
  return out;
}

/** Levenshtein distance, for "did you mean". */
export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1]!.toLowerCase() === b[j - 1]!.toLowerCase() ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length]!;
}

export function suggest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = editDistance(word, c);
    if (d < bestD) {
      best = c;
      bestD = d;
    }
  }
  return best !== undefined && bestD <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

function pointerPath(pointer: string): PathSegment[] {
  if (!pointer) return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'string') return `a string (${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)})`;
  if (typeof v === 'number') return Number.isInteger(v) ? `the number ${v}` : `the number ${v}`;
  return `${typeof v} ${String(v)}`;
}

const TYPE_WORDS: Record<string, string> = {
  string: 'a string',
  integer: 'a whole number',
  number: 'a number',
  boolean: 'true or false',
  object: 'a mapping',
  array: 'a list',
};

function expectedTypes(t: unknown): string {
  const list = (Array.isArray(t) ? t : [t]).map((x) => TYPE_WORDS[String(x)] ?? String(x));
  return list.length > 1 ? `${list.slice(0, -1).join(', ')} or ${list[list.length - 1]}` : list[0]!;
}

function describeAnyOf(e: ErrorObject): string {
  const desc = (e.parentSchema as { description?: string } | undefined)?.description;
  return desc ? `expected ${desc.charAt(0).toLowerCase()}${desc.slice(1).replace(/\.$/, '')}` : 'has an unexpected form';
}

function messageOf(e: ErrorObject): { message: string; atKey?: string } {
  const p = e.params as Record<string, any>;
  switch (e.keyword) {
    case 'additionalProperties': {
      const known = Object.keys((e.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      const key = String(p.additionalProperty);
      const near = suggest(key, known);
      return {
        atKey: key,
        message: near ? `unknown key "${key}" (did you mean "${near}"?)` : `unknown key "${key}": expected one of ${known.join(', ')}`,
      };
    }
    case 'required':
      return { message: `missing required key "${p.missingProperty}"` };
    case 'type':
      return { message: `expected ${expectedTypes(p.type)}, got ${typeName(e.data)}` };
    case 'enum':
      return { message: `expected one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}, got ${typeName(e.data)}` };
    case 'minimum':
      return { message: `expected a number of at least ${p.limit}, got ${typeName(e.data)}` };
    case 'maximum':
      return { message: `expected a number of at most ${p.limit}, got ${typeName(e.data)}` };
    case 'minLength':
      return { message: p.limit === 1 ? 'must not be empty' : `expected at least ${p.limit} characters` };
    case 'maxLength':
      return { message: `longer than ${p.limit} characters` };
    case 'minItems':
      return { message: `expected at least ${p.limit} item${p.limit === 1 ? '' : 's'}` };
    case 'maxItems':
      return { message: `more than ${p.limit} items` };
    case 'pattern':
      return { message: `expected lowercase letters, digits and dashes (a DNS label), got ${typeName(e.data)}` };
    case 'minProperties':
    case 'maxProperties': {
      const known = Object.keys((e.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      return { message: `expected exactly one of ${known.join(', ')}` };
    }
    case 'anyOf':
      return { message: describeAnyOf(e) };
    default:
      return { message: e.message ?? e.keyword };
  }
}

/**
 * Validates a parsed scenario. For `anyOf` (a number or a mapping, a name or a mapping) the
 * branch errors are kept only when the value has the mapping's shape; otherwise one message
 * says what forms are expected.
 */
export function schemaErrors(value: unknown): LocatedError[] {
  if (validateScenario(value)) return [];
  const errors = validateScenario.errors ?? [];
  const anyOfs = errors.filter((e) => e.keyword === 'anyOf');
  const out: LocatedError[] = [];
  for (const e of errors) {
    const owner = anyOfs.find((a) => a !== e && e.schemaPath.startsWith(`${a.schemaPath}/`));
    if (owner) {
      const isMapping = owner.data !== null && typeof owner.data === 'object' && !Array.isArray(owner.data);
      // Keep only the mapping branch's own errors, for a mapping value.
      if (!isMapping) continue;
      const branch = e.schemaPath.slice(owner.schemaPath.length + 1).split('/')[0];
      const branchSchema = (owner.schema as { type?: string }[])[Number(branch)];
      if (branchSchema?.type !== 'object' || (e.keyword === 'type' && e.instancePath === owner.instancePath)) continue;
    }
    if (e.keyword === 'anyOf') {
      const isMapping = e.data !== null && typeof e.data === 'object' && !Array.isArray(e.data);
      if (isMapping && (e.schema as { type?: string }[]).some((b) => b.type === 'object')) continue;
    }
    const m = messageOf(e);
    out.push({ path: pointerPath(e.instancePath), ...(m.atKey ? { atKey: m.atKey } : {}), message: m.message });
  }
  const seen = new Set<string>();
  return out.filter((x) => {
    const k = `${pathText(x.path)}|${x.atKey ?? ''}|${x.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
