/**
 * `kubectl create -f`, `apply -f`, `replace -f` and `delete -f`: each document on its own,
 * with kubectl's per-object messages and `error when creating "f.yaml": ...` errors.
 */
import { type KubeObject } from '../../api/index.js';
import { kindFor, type PropagationPolicy } from '../../cluster/index.js';
import { StatusError } from '../../cluster/index.js';
import { boolFlag, flag, flagAll, type FlagSpec, type ParsedArgs } from '../args.js';
import { Out, type Ctx } from '../context.js';
import { clientError, serverError } from '../errors.js';
import { readManifests, type Manifest } from '../manifests.js';
import { kustomizeManifests } from './kustomize.js';
import { objectName, toJson, toYaml, asList } from '../printers/output.js';
import { goJson } from '../printers/go-format.js';

export const WRITE_FLAGS: FlagSpec[] = [
  { name: 'filename', short: 'f', kind: 'array' },
  { name: 'kustomize', short: 'k', kind: 'string' },
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
  const kustomizeDir = flag(p, 'kustomize');
  if (files.length > 0 && kustomizeDir !== undefined) return out.fail(clientError('only one of -f or -k can be specified'));
  if (files.length === 0 && kustomizeDir === undefined) {
    if (verb === 'apply') return out.fail(clientError('must specify one of -f and -k'));
    return out.fail(clientError('must specify one of -f and -k'));
  }
  const dry = dryRunOf(p, out);
  if (!dry) return out;
  const read = kustomizeDir !== undefined ? kustomizeManifests(kustomizeDir, ctx, out) : readManifests(files, ctx.io.fs, ctx.io.stdin, verb, flag(p, 'validate') !== 'false' && flag(p, 'validate') !== 'ignore');
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
  // The resource builder's SetNamespace visitor writes the namespace into a namespaced object.
  if (namespace !== undefined && obj.metadata && typeof obj.metadata === 'object') obj.metadata = { ...obj.metadata, namespace };
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
      const withAnnotation = annotated(obj, type.namespaced ? namespace : undefined);
      emit((existing ? merge(existing, withAnnotation) : withAnnotation) as KubeObject, existing ? 'configured' : 'created');
    } else emit((boolFlag(p, 'save-config') ? annotated(obj, namespace) : obj) as KubeObject, verb === 'replace' ? 'replaced' : 'created');
    return;
  }
  const opts = { dryRun: dry === 'server', namespace: ctx.namespace };
  // --save-config: create and replace store the annotation apply would.
  const saved = boolFlag(p, 'save-config') ? annotated(obj, namespace) : obj;
  if (verb === 'create') {
    const r = ctx.cluster.create(saved, opts);
    if (!r.ok) out.fail(serverError(r.error, { verb: 'creating', file: m.source }));
    else emit(r.value, 'created');
  } else if (verb === 'replace' && boolFlag(p, 'force')) {
    // replace.go's forceReplace: delete (the line delete prints), then create, printed as replaced.
    const graceZero = flag(p, 'grace-period') === '0';
    const gone = ctx.cluster.delete(type, namespace, name, { dryRun: dry === 'server' });
    if (gone.ok) {
      if (graceZero) out.warn('Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n');
      out.print(`${objectName(gone.value).replace('/', ' "')}" ${graceZero ? 'force deleted' : 'deleted'}${suffix(dry)}\n`);
    } else if (gone.error.reason !== 'NotFound') {
      out.fail(serverError(gone.error));
      return;
    }
    const fresh = structuredClone(saved);
    if (fresh.metadata) {
      delete fresh.metadata.resourceVersion;
      delete fresh.metadata.uid;
      delete fresh.metadata.creationTimestamp;
    }
    const r = dry === 'server' ? ({ ok: true, value: fresh as KubeObject } as const) : ctx.cluster.create(fresh, opts);
    if (!r.ok) out.fail(serverError(r.error, { verb: 'creating', file: m.source }));
    else emit(r.value, 'replaced');
  } else if (verb === 'replace') {
    const r = ctx.cluster.update(saved, opts);
    if (!r.ok) out.fail(serverError(r.error, { verb: 'replacing', file: m.source }));
    else emit(r.value, 'replaced');
  } else {
    // GetModifiedConfiguration: the object as sent (namespace filled in), its annotations without
    // the last-applied one (an empty map stays), marshalled by encoding/json with a newline.
    const withAnnotation = annotated(obj, type.namespaced ? namespace : undefined);
    const existing = ctx.cluster.get(type, namespace, name);
    if (!existing) {
      const r = ctx.cluster.create(withAnnotation, opts);
      if (!r.ok) out.fail(serverError(r.error, { verb: 'creating', file: m.source }));
      else emit(r.value, 'created');
      return;
    }
    if (existing.metadata.annotations?.[LAST_APPLIED] === undefined) {
      out.warn(
        `Warning: resource ${type.resource}/${name} is missing the ${LAST_APPLIED} annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n`,
      );
    }
    const next = merge(existing, withAnnotation);
    const r = ctx.cluster.update(next, opts);
    if (!r.ok) {
      out.fail(serverError(r.error, { verb: 'applying', file: m.source }));
      return;
    }
    // apply says unchanged when its patch is empty, whether or not the server would write.
    const same = (o: KubeObject) => JSON.stringify(sortKeys({ ...o, metadata: { ...o.metadata, resourceVersion: undefined, generation: undefined } }));
    emit(r.value, same(r.value) === same(existing) ? 'unchanged' : 'configured');
  }
}

/** The manifest with the last-applied-configuration annotation kubectl apply sends. */
function annotated(obj: Record<string, any>, namespace: string | undefined): Record<string, any> {
  const sent = withoutLastApplied(obj);
  if (namespace !== undefined) sent.metadata = { ...sent.metadata, namespace };
  const lastApplied = `${goJson(sent)}\n`;
  return { ...obj, metadata: { ...(obj.metadata ?? {}), annotations: { ...(obj.metadata?.annotations ?? {}), [LAST_APPLIED]: lastApplied } } };
}

function withoutLastApplied(obj: Record<string, any>): Record<string, any> {
  const c = structuredClone(obj);
  c.metadata = { ...(c.metadata ?? {}), annotations: { ...(c.metadata?.annotations ?? {}) } };
  delete c.metadata.annotations[LAST_APPLIED];
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
