/**
 * `kubectl taint nodes NAME key=value:Effect key:Effect- key-` (pkg/cmd/taint/taint.go and
 * utils.go, 1.32): ParseTaints' specs and errors, the overwrite check, ReorganizeTaints (new taints
 * first, then the old ones kept) and its operation: `tainted`, `untainted` or `modified`.
 */
import { resolveResourceType, StatusError } from '../../cluster/index.js';
import type { KubeObject } from '../../api/index.js';
import { boolFlag, flag, type FlagSpec, type ParsedArgs } from '../args.js';
import { Out, type Ctx } from '../context.js';
import { clientError, serverError } from '../errors.js';
import { parseSelector } from '../selector.js';
import { requirementsMatch } from '../../api/index.js';

export const TAINT_FLAGS: FlagSpec[] = [
  { name: 'overwrite', kind: 'bool' },
  { name: 'all', kind: 'bool' },
  { name: 'selector', short: 'l', kind: 'string' },
  { name: 'dry-run', kind: 'string', noOptDefault: 'unchanged' },
  { name: 'output', short: 'o', kind: 'string' },
];

interface Taint {
  key: string;
  value?: string;
  effect?: string;
  timeAdded?: string;
}

const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];
const HINT = "\nSee 'kubectl taint -h' for help and examples";
const NAME_ERR =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const VALUE_ERR =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

/** validation.IsQualifiedName's first complaint, or undefined. */
function qualifiedNameError(key: string): string | undefined {
  const parts = key.split('/');
  if (parts.length > 2) return "a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')";
  const name = parts[parts.length - 1]!;
  if (name.length === 0) return 'name part must be non-empty';
  if (name.length > 63) return 'name part must be no more than 63 characters';
  if (!/^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/.test(name)) return NAME_ERR;
  if (parts.length === 2 && !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(parts[0]!)) {
    return "prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
  }
  return undefined;
}

/** parseTaint: `key[=value]:effect`, or a bare key. */
function parseTaint(spec: string): Taint | string {
  const parts = spec.split(':');
  let key: string;
  let value: string | undefined;
  let effect: string | undefined;
  if (parts.length === 1) key = parts[0]!;
  else if (parts.length === 2) {
    effect = parts[1]!;
    if (!EFFECTS.includes(effect)) return `invalid taint effect: ${effect}, unsupported taint effect`;
    const kv = parts[0]!.split('=');
    if (kv.length > 2) return `invalid taint spec: ${spec}`;
    key = kv[0]!;
    if (kv.length === 2) {
      value = kv[1]!;
      if (value.length > 63 || !/^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/.test(value)) return `invalid taint spec: ${spec}, ${value.length > 63 ? 'must be no more than 63 characters' : VALUE_ERR}`;
    }
  } else return `invalid taint spec: ${spec}`;
  const err = qualifiedNameError(key);
  if (err) return `invalid taint spec: ${spec}, ${err}`;
  // Fields in the order the API server's JSON gives them back through kubectl's printers (sorted).
  return { ...(effect ? { effect } : {}), key, ...(value !== undefined ? { value } : {}) };
}

/** Taint.ToString: `key=value:effect`, `key:effect`, `key=value` or `key`. */
const taintString = (t: Taint) => `${t.key}${t.value ? `=${t.value}` : ''}${t.effect ? `:${t.effect}` : ''}`;

export function runTaint(p: ParsedArgs, ctx: Ctx): Out {
  const out = new Out();
  // parseTaintArgs: resources first, then taint changes (anything with `=`, `:` or a trailing `-`).
  const resources: string[] = [];
  const specs: string[] = [];
  for (const a of p.positional) {
    const isTaint = a.includes('=') || a.includes(':') || a.endsWith('-');
    if (isTaint) specs.push(a);
    else if (specs.length) return out.fail(clientError(`all resources must be specified before taint changes: ${a}`));
    else resources.push(a);
  }
  if (resources.length === 0) return out.fail(clientError('one or more resources must be specified as <resource> <name>'));
  if (specs.length === 0) return out.fail(clientError('at least one taint update is required'));
  const add: Taint[] = [];
  const remove: Taint[] = [];
  for (const spec of specs) {
    if (spec.endsWith('-')) {
      const body = spec.slice(0, -1);
      const [key, effect] = body.split(':') as [string, string | undefined];
      if (effect !== undefined && !EFFECTS.includes(effect)) return out.fail(clientError(`invalid taint effect: ${effect}, unsupported taint effect${HINT}`));
      remove.push({ key, ...(effect ? { effect } : {}) });
      continue;
    }
    const t = parseTaint(spec);
    if (typeof t === 'string') return out.fail(clientError(t + HINT));
    if (!t.effect) return out.fail(clientError(`invalid taint spec: ${spec}${HINT}`));
    if (add.some((x) => x.key === t.key && x.effect === t.effect)) return out.fail(clientError(`duplicated taints with the same key and effect: {${t.key} ${t.value ?? ''} ${t.effect} <nil>}${HINT}`));
    add.push(t);
  }
  for (const r of remove) {
    if (add.some((a) => a.key === r.key && (!r.effect || a.effect === r.effect))) return out.fail(clientError(`can not both modify and remove the following taint(s) in the same command: ${r.key}${HINT}`));
  }
  const nodeType = resolveResourceType('nodes')!;
  const [type, ...rest] = resources;
  let names: string[];
  const slashed = type!.includes('/');
  if (slashed) names = resources.map((r) => r.slice(r.indexOf('/') + 1));
  else names = rest;
  const kind = resolveResourceType(slashed ? type!.slice(0, type!.indexOf('/')) : type!);
  if (!kind) return out.fail(clientError(`the server doesn't have a resource type "${slashed ? type!.slice(0, type!.indexOf('/')) : type}"`));
  if (kind.kind !== 'Node') return out.fail(clientError(`invalid resource type ${kind.resource}, only node types are supported`));
  let nodes: KubeObject[];
  const sel = flag(p, 'selector');
  if (boolFlag(p, 'all') || sel !== undefined) {
    const reqs = sel === undefined ? [] : parseSelector(sel);
    if (!Array.isArray(reqs) && !reqs.ok) return out.fail(clientError(reqs.message));
    const requirements = Array.isArray(reqs) ? reqs : reqs.value;
    nodes = ctx.cluster.list(nodeType).filter((n) => requirementsMatch(requirements, n.metadata.labels));
  } else {
    if (names.length === 0) return out.fail(clientError("at least one resource name must be specified since 'all' parameter is not set"));
    nodes = [];
    for (const name of names) {
      const n = ctx.cluster.get(nodeType, undefined, name);
      if (!n) return out.fail(serverError(StatusError.notFound('nodes', name)));
      nodes.push(n);
    }
  }
  const overwrite = boolFlag(p, 'overwrite');
  const dry = flag(p, 'dry-run');
  for (const node of nodes) {
    const spec = (node.spec ?? {}) as { taints?: Taint[] };
    const old = spec.taints ?? [];
    if (!overwrite) {
      const exists = add.filter((a) => old.some((o) => o.key === a.key && o.effect === a.effect)).map((a) => a.key);
      if (exists.length) {
        out.fail(clientError(`node ${node.metadata.name} already has ${exists.join(',')} taint(s) with same effect(s) and --overwrite is false`));
        continue;
      }
    }
    // ReorganizeTaints: the new taints, then each old one not matched (key and effect) by a new one.
    const next: Taint[] = [...add];
    for (const o of old) if (!add.some((a) => a.key === o.key && a.effect === o.effect)) next.push(o);
    const added = old.length !== next.length;
    const errors: string[] = [];
    let deleted = false;
    let kept = next;
    for (const r of remove) {
      const before = kept.length;
      kept = kept.filter((t) => !(t.key === r.key && (!r.effect || t.effect === r.effect)));
      deleted = kept.length !== before;
      if (!deleted) errors.push(`taint "${taintString(r)}" not found`);
    }
    if (errors.length) {
      out.fail(clientError(errors.length === 1 ? errors[0]! : `[${errors.join(', ')}]`));
      continue;
    }
    const operation = (added && deleted) || overwrite ? 'modified' : added ? 'tainted' : 'untainted';
    if (!dry || dry === 'none') {
      const updated = structuredClone(node) as KubeObject & { spec: Record<string, unknown> };
      updated.spec = { ...(updated.spec ?? {}) };
      if (kept.length) updated.spec.taints = kept;
      else delete updated.spec.taints;
      const r = ctx.cluster.update(updated);
      if (!r.ok) {
        out.fail(serverError(r.error));
        continue;
      }
    }
    out.print(`node/${node.metadata.name} ${operation}${dry === 'client' ? ' (dry run)' : dry === 'server' ? ' (server dry run)' : ''}\n`);
  }
  return out;
}
