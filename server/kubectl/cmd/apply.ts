/**
 * `kubectl create -f`, `apply -f`, `replace -f` and `delete -f`: each document on its own,
 * with kubectl's per-object messages and `error when creating "f.yaml": ...` errors.
 */
import { type KubeObject } from '../../api/index.js';
import { kindFor, type PropagationPolicy } from '../../cluster/index.js';
import { StatusError } from '../../cluster/index.js';
import { flag, flagAll, type FlagSpec, type ParsedArgs } from '../args.js';
import { Out, type Ctx } from '../context.js';
import { clientError, serverError } from '../errors.js';
import { readManifests, type Manifest } from '../manifests.js';
import { objectName, toJson, toYaml, asList } from '../printers/output.js';

export const WRITE_FLAGS: FlagSpec[] = [
  { name: 'filename', short: 'f', kind: 'array' },
  { name: 'output', short: 'o', kind: 'string' },
  { name: 'dry-run', kind: 'string', noOptDefault: 'unchanged' },
  { name: 'recursive', short: 'R', kind: 'bool' },
  { name: 'validate', kind: 'string', noOptDefault: 'strict' },
  { name: 'save-config', kind: 'bool' },
  { name: 'force', kind: 'bool' },
  { name: 'all', kind: 'bool' },
  { name: 'selector', short: 'l', kind: 'string' },
  { name: 'grace-period', kind: 'string' },
  { name: 'now', kind: 'bool' },
  { name: 'wait', kind: 'bool' },
  { name: 'ignore-not-found', kind: 'bool' },
  { name: 'all-namespaces', short: 'A', kind: 'bool' },
  { name: 'server-side', kind: 'bool' },
  { name: 'cascade', kind: 'string', noOptDefault: 'background' },
];

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

export type DryRun = 'none' | 'client' | 'server';

/**
 * `--cascade=background|foreground|orphan` as a delete's propagation policy (kubectl 1.32
 * pkg/cmd/delete GetCascadingStrategy: the old booleans still work, with a warning).
 */
export function parseCascade(given: string | undefined): { policy?: PropagationPolicy; warning?: string; error?: string } {
  const v = (given ?? 'background').toLowerCase();
  if (v === 'background') return { policy: 'Background' };
  if (v === 'foreground') return { policy: 'Foreground' };
  if (v === 'orphan') return { policy: 'Orphan' };
  if (v === 'true') return { policy: 'Background', warning: 'warning: --cascade=true is deprecated (boolean value) and can be replaced with --cascade=background.\n' };
  if (v === 'false') return { policy: 'Orphan', warning: 'warning: --cascade=false is deprecated (boolean value) and can be replaced with --cascade=orphan.\n' };
  return { error: `invalid cascade value (${given}). Must be "background", "foreground", or "orphan"` };
}

export function dryRunOf(p: ParsedArgs, out: Out): DryRun | undefined {
  const v = flag(p, 'dry-run');
  if (v === undefined || v === 'none') return 'none';
  if (v === 'unchanged') {
    out.warn('W1124 00:00:00.000000   1 helpers.go:702] --dry-run is deprecated and can be replaced with --dry-run=client.\n');
    return 'client';
  }
  if (v === 'client' || v === 'server') return v;
  out.fail(clientError(`Invalid dry-run value (${v}). Must be "none", "server", or "client".`));
  return undefined;
}

const suffix = (d: DryRun) => (d === 'client' ? ' (dry run)' : d === 'server' ? ' (server dry run)' : '');

type Verb = 'create' | 'apply' | 'replace' | 'delete';

function namespaceCheck(obj: Record<string, any>, p: ParsedArgs): string | undefined {
  const explicit = flag(p, 'namespace');
  const given = obj.metadata?.namespace;
  if (explicit !== undefined && given !== undefined && given !== explicit) {
    return `the namespace from the provided object "${given}" does not match the namespace "${explicit}". You must pass '--namespace=${given}' to perform this operation.`;
  }
  return undefined;
}

export function runFromFiles(verb: Verb, p: ParsedArgs, ctx: Ctx): Out {
  const out = new Out();
  const files = flagAll(p, 'filename');
  if (files.length === 0) {
    if (verb === 'apply') return out.fail(clientError('must specify one of -f and -k'));
    return out.fail(clientError('must specify one of -f and -k'));
  }
  const dry = dryRunOf(p, out);
  if (!dry) return out;
  const read = readManifests(files, ctx.io.fs, ctx.io.stdin);
  const output = flag(p, 'output');
  const printed: KubeObject[] = [];
  for (const m of read.manifests) {
    if (m.error) {
      out.fail(m.error);
      continue;
    }
    handle(verb, m, p, ctx, dry, out, printed, output);
  }
  if (read.error) out.fail(read.error);
  if (output === 'yaml' || output === 'json') {
    const value = printed.length === 1 ? printed[0] : asList(printed);
    if (printed.length) out.print(output === 'yaml' ? toYaml(value) : toJson(value));
  }
  return out;
}

function handle(verb: Verb, m: Manifest, p: ParsedArgs, ctx: Ctx, dry: DryRun, out: Out, printed: KubeObject[], output: string | undefined): void {
  const obj = structuredClone(m.object!) as Record<string, any>;
  const type = kindFor(String(obj.apiVersion), String(obj.kind));
  if (!type) {
    out.fail(clientError(`resource mapping not found for name: "${obj.metadata?.name ?? ''}" namespace: "${obj.metadata?.namespace ?? ''}" from "${m.source}": no matches for kind "${obj.kind}" in version "${obj.apiVersion}"\nensure CRDs are installed first`));
    return;
  }
  const nsErr = namespaceCheck(obj, p);
  if (nsErr) {
    out.fail(clientError(nsErr));
    return;
  }
  const namespace = type.namespaced ? (obj.metadata?.namespace ?? ctx.namespace) : undefined;
  const name = obj.metadata?.name ?? '';
  const emit = (o: KubeObject, action: string) => {
    if (output === 'name') out.print(`${objectName(o)}\n`);
    else if (output === 'yaml' || output === 'json') printed.push(o);
    else out.print(`${objectName(o)} ${action}${suffix(dry)}\n`);
  };
  if (verb === 'delete') {
    const r = ctx.cluster.delete(type, namespace, name, { dryRun: dry !== 'none', propagationPolicy: parseCascade(flag(p, 'cascade')).policy });
    if (!r.ok) out.fail(serverError(r.error));
    else out.print(`${objectName(r.value).replace('/', ' "')}" deleted${suffix(dry)}\n`);
    return;
  }
  if (dry === 'client') {
    if (verb === 'apply') {
      const existing = ctx.cluster.get(type, namespace, name);
      emit((existing ? merge(existing, obj) : obj) as KubeObject, existing ? 'configured' : 'created');
    } else emit(obj as KubeObject, verb === 'replace' ? 'replaced' : 'created');
    return;
  }
  const opts = { dryRun: dry === 'server', namespace: ctx.namespace };
  if (verb === 'create') {
    const r = ctx.cluster.create(obj, opts);
    if (!r.ok) out.fail(serverError(r.error, { verb: 'creating', file: m.source }));
    else emit(r.value, 'created');
  } else if (verb === 'replace') {
    const r = ctx.cluster.update(obj, opts);
    if (!r.ok) out.fail(serverError(r.error, { verb: 'replacing', file: m.source }));
    else emit(r.value, 'replaced');
  } else {
    const lastApplied = `${JSON.stringify(sortKeys(withoutLastApplied(obj)))}\n`;
    const withAnnotation = { ...obj, metadata: { ...(obj.metadata ?? {}), annotations: { ...(obj.metadata?.annotations ?? {}), [LAST_APPLIED]: lastApplied } } };
    const existing = ctx.cluster.get(type, namespace, name);
    if (!existing) {
      const r = ctx.cluster.create(withAnnotation, opts);
      if (!r.ok) out.fail(serverError(r.error, { verb: 'creating', file: m.source }));
      else emit(r.value, 'created');
      return;
    }
    const next = merge(existing, withAnnotation);
    const r = ctx.cluster.update(next, opts);
    if (!r.ok) {
      out.fail(serverError(r.error, { verb: 'applying', file: m.source }));
      return;
    }
    emit(r.value, r.value.metadata.resourceVersion === existing.metadata.resourceVersion ? 'unchanged' : 'configured');
  }
}

function withoutLastApplied(obj: Record<string, any>): Record<string, any> {
  const c = structuredClone(obj);
  if (c.metadata?.annotations) {
    delete c.metadata.annotations[LAST_APPLIED];
    if (Object.keys(c.metadata.annotations).length === 0) delete c.metadata.annotations;
  }
  return c;
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]));
  return v;
}

/**
 * Apply's merge, simplified from the three-way strategic merge: what the manifest says wins,
 * fields only the server set (status, defaults, allocated IPs) stay.
 */
function merge(current: KubeObject, desired: Record<string, any>): Record<string, any> {
  const deep = (cur: any, want: any): any => {
    if (Array.isArray(want) || want === null || typeof want !== 'object') return want;
    const base = cur && typeof cur === 'object' && !Array.isArray(cur) ? { ...cur } : {};
    for (const [k, v] of Object.entries(want)) base[k] = deep(base[k], v);
    return base;
  };
  const merged = deep(structuredClone(current), desired);
  // A list in the manifest replaces the live one, but keep defaults the server filled in.
  if (current.kind === 'NetworkPolicy') merged.spec = { ...desired.spec };
  merged.metadata.resourceVersion = current.metadata.resourceVersion;
  return merged;
}

export { StatusError };
