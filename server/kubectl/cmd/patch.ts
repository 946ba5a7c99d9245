/**
 * `kubectl patch TYPE NAME -p PATCH [--type strategic|merge|json]` (and `--patch-file`): the
 * three patch types the API server applies. Strategic merge follows the patch strategies of the
 * Go types: lists of containers, volumes, env, volume mounts, ports and the like merge by their
 * key (name, mountPath, containerPort...), `$patch: delete|replace` directives are honoured, a
 * null deletes a field; merge is RFC 7386; json is RFC 6902. Texts: staging/src/k8s.io/kubectl/pkg/cmd/patch/patch.go.
 */
import { parseYamlDocuments, documentToJS } from '../../core/index.js';
import type { KubeObject } from '../../api/index.js';
import { StatusError } from '../../cluster/index.js';
import { flag, type FlagSpec, type ParsedArgs } from '../args.js';
import { Out, type Ctx } from '../context.js';
import { clientError, rawError, serverError } from '../errors.js';
import { objectName } from '../printers/output.js';
import { resolveTargets } from '../resolve.js';
import { RECORD_DEPRECATED, changeCause } from './set.js';

type Json = any;

export const PATCH_FLAGS: FlagSpec[] = [
  { name: 'patch', short: 'p', kind: 'string' },
  { name: 'patch-file', kind: 'string' },
  { name: 'type', kind: 'string' },
  { name: 'record', kind: 'bool' },
  { name: 'local', kind: 'bool' },
  { name: 'dry-run', kind: 'string', noOptDefault: 'unchanged' },
  { name: 'output', short: 'o', kind: 'string' },
  { name: 'subresource', kind: 'string' },
  { name: 'filename', short: 'f', kind: 'array' },
];

/** The merge keys of the lists strategic merge patch merges (patchMergeKey in k8s.io/api's Go types). */
const MERGE_KEYS: Record<string, string> = {
  containers: 'name',
  initContainers: 'name',
  ephemeralContainers: 'name',
  volumes: 'name',
  env: 'name',
  volumeMounts: 'mountPath',
  volumeDevices: 'devicePath',
  ports: 'containerPort',
  imagePullSecrets: 'name',
  hostAliases: 'ip',
  conditions: 'type',
  ownerReferences: 'uid',
  readinessGates: 'conditionType',
  topologySpreadConstraints: 'topologyKey',
  resourceClaims: 'name',
  schedulingGates: 'name',
};
/** Lists of scalars merged as sets ($setElementOrder aside): a Pod's finalizers. */
const SET_LISTS = new Set(['finalizers']);

const isObject = (v: unknown): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** RFC 7386 JSON merge patch. */
export function mergePatch(target: Json, patch: Json): Json {
  if (!isObject(patch)) return structuredClone(patch);
  const out: Record<string, Json> = isObject(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

/** Strategic merge patch over the fields this lab's kinds have. */
export function strategicMergePatch(target: Json, patch: Json, field = ''): Json {
  if (Array.isArray(patch)) return mergeList(Array.isArray(target) ? target : [], patch, field);
  if (!isObject(patch)) return structuredClone(patch);
  if (patch.$patch === 'replace') {
    const { $patch: _, ...rest } = patch;
    void _;
    return structuredClone(rest);
  }
  if (patch.$patch === 'delete') return undefined;
  const out: Record<string, Json> = isObject(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (k.startsWith('$')) continue;
    if (v === null) delete out[k];
    else {
      const merged = strategicMergePatch(out[k], v, k);
      if (merged === undefined) delete out[k];
      else out[k] = merged;
    }
  }
  return out;
}

function mergeList(target: Json[], patch: Json[], field: string): Json[] {
  const key = MERGE_KEYS[field];
  if (SET_LISTS.has(field)) return [...new Set([...target, ...patch])];
  if (!key || !patch.every((p) => isObject(p))) return structuredClone(patch);
  const out = target.map((t) => structuredClone(t));
  for (const item of patch) {
    const i = out.findIndex((t) => isObject(t) && t[key] === item[key]);
    if (item.$patch === 'delete') {
      if (i >= 0) out.splice(i, 1);
      continue;
    }
    if (i >= 0) out[i] = strategicMergePatch(out[i], item, '');
    else out.push(strategicMergePatch({}, item, ''));
  }
  return out;
}

const pointer = (path: string): string[] | undefined => (path === '' ? [] : path.startsWith('/') ? path.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~')) : undefined);

/** RFC 6902 JSON patch, with evanphx/json-patch's error texts. */
export function jsonPatch(doc: Json, ops: Json): { ok: true; value: Json } | { ok: false; message: string } {
  if (!Array.isArray(ops)) return { ok: false, message: 'json: cannot unmarshal object into Go value of type jsonpatch.Patch' };
  let cur = structuredClone(doc);
  for (const op of ops) {
    const path = pointer(String(op?.path ?? ''));
    if (!path) return { ok: false, message: `add operation does not apply: doc is missing path: "${op?.path}": missing value` };
    const kind = String(op?.op ?? '');
    const parentOf = (p: string[]) => {
      let node = cur;
      for (const seg of p.slice(0, -1)) {
        node = Array.isArray(node) ? node[Number(seg)] : isObject(node) ? node[seg] : undefined;
        if (node === undefined) return undefined;
      }
      return node;
    };
    const get = (p: string[]) => p.reduce<Json>((n, s) => (n === undefined ? undefined : Array.isArray(n) ? n[s === '-' ? n.length : Number(s)] : isObject(n) ? n[s] : undefined), cur);
    const last = path.at(-1)!;
    const missing = `${kind} operation does not apply: doc is missing path: "${op.path}": missing value`;
    const put = (p: string[], value: Json, insert: boolean) => {
      if (p.length === 0) {
        cur = value;
        return true;
      }
      const parent = parentOf(p);
      const l = p.at(-1)!;
      if (Array.isArray(parent)) {
        const i = l === '-' ? parent.length : Number(l);
        if (!Number.isInteger(i) || i < 0 || i > parent.length) return false;
        if (insert) parent.splice(i, 0, value);
        else parent[i] = value;
        return true;
      }
      if (!isObject(parent)) return false;
      parent[l] = value;
      return true;
    };
    const remove = (p: string[]) => {
      const parent = parentOf(p);
      const l = p.at(-1)!;
      if (Array.isArray(parent) && Number(l) < parent.length) return parent.splice(Number(l), 1)[0];
      if (isObject(parent) && l in parent) {
        const v = parent[l];
        delete parent[l];
        return v;
      }
      return undefined;
    };
    switch (kind) {
      case 'add':
        if (!put(path, structuredClone(op.value), true)) return { ok: false, message: missing };
        break;
      case 'replace':
        if (get(path) === undefined) return { ok: false, message: `replace operation does not apply: doc is missing key: ${op.path}: missing value` };
        put(path, structuredClone(op.value), false);
        break;
      case 'remove':
        if (remove(path) === undefined) return { ok: false, message: `remove operation does not apply: doc is missing path: "${op.path}": missing value` };
        break;
      case 'test':
        if (JSON.stringify(get(path)) !== JSON.stringify(op.value)) return { ok: false, message: `testing value ${op.path} failed: test failed` };
        break;
      case 'move':
      case 'copy': {
        const from = pointer(String(op.from ?? ''));
        const v = from ? get(from) : undefined;
        if (v === undefined) return { ok: false, message: `${kind} operation does not apply: doc is missing from path: ${op.from}: missing value` };
        if (kind === 'move') remove(from!);
        if (!put(path, structuredClone(v), true)) return { ok: false, message: missing };
        break;
      }
      default:
        return { ok: false, message: `Unexpected kind: ${kind}` };
    }
    void last;
  }
  return { ok: true, value: cur };
}

export function runPatch(p: ParsedArgs, ctx: Ctx): Out {
  const out = new Out();
  const text = flag(p, 'patch');
  const file = flag(p, 'patch-file');
  if (text !== undefined && file !== undefined) return out.fail(clientError('cannot specify --patch and --patch-file together'));
  const type = flag(p, 'type') ?? 'strategic';
  if (!['json', 'merge', 'strategic'].includes(type)) return out.fail(clientError(`--type must be one of [json merge strategic], not ${JSON.stringify(type)}`));
  let source = text;
  if (file !== undefined) {
    const r = ctx.io.fs.readFile(file);
    if (!r.ok) return out.fail(clientError(`unable to read patch file: open ${file}: no such file or directory`));
    source = r.value;
  }
  if (source === undefined || source === '') return out.fail(clientError('must specify --patch or --patch-file containing the contents of the patch'));
  const docs = parseYamlDocuments(source);
  const parsed = docs.ok && docs.value[0] ? documentToJS(docs.value[0]) : undefined;
  if (!parsed || !parsed.ok) return out.fail(clientError(`unable to parse ${JSON.stringify(source)}: ${!docs.ok ? `yaml: ${docs.error.message}` : 'yaml: invalid document'}`));
  const patch = parsed.value;
  if (p.flags.has('record')) out.warn(RECORD_DEPRECATED);
  const targets = resolveTargets(p.positional);
  if (!targets.ok) return out.fail(targets.error);
  if (targets.value.length === 0) return out.fail(clientError('You must provide one or more resources by argument or filename.'));
  for (const t of targets.value) {
    if (t.names.length === 0) return out.fail(clientError('resource(s) were provided, but no name was specified'));
    for (const name of t.names) {
      const obj = ctx.cluster.get(t.type, t.type.namespaced ? ctx.namespace : undefined, name);
      const gr = t.type.group ? `${t.type.resource}.${t.type.group}` : t.type.resource;
      if (!obj) {
        out.fail(serverError(StatusError.notFound(gr, name)));
        continue;
      }
      let next: Json;
      if (type === 'json') {
        const r = jsonPatch(obj, patch);
        if (!r.ok) {
          out.fail(rawError(`Error from server (UnprocessableEntity): ${r.message}`));
          continue;
        }
        next = r.value;
      } else if (type === 'merge') next = mergePatch(obj, patch);
      else next = strategicMergePatch(obj, patch);
      if (!isObject(next)) {
        out.fail(rawError('Error from server (BadRequest): the patch leaves no object'));
        continue;
      }
      if (p.flags.get('record') && p.flags.get('record')!.at(-1) !== 'false') {
        next.metadata = { ...(next.metadata ?? {}), annotations: { ...(next.metadata?.annotations ?? {}), 'kubernetes.io/change-cause': changeCause('kubectl patch', { ...p, positional: ['patch', ...p.positional] }) } };
      }
      // The patch cannot rename or move the object: the server keeps its identity.
      next.metadata = { ...(next.metadata ?? {}), name: obj.metadata.name, ...(obj.metadata.namespace ? { namespace: obj.metadata.namespace } : {}), uid: obj.metadata.uid, resourceVersion: obj.metadata.resourceVersion };
      next.apiVersion = obj.apiVersion;
      next.kind = obj.kind;
      const before = JSON.stringify(obj);
      const dry = flag(p, 'dry-run');
      const r = ctx.cluster.update(next as KubeObject, { dryRun: dry === 'server' || dry === 'client' });
      if (!r.ok) {
        out.fail(serverError(r.error));
        continue;
      }
      const changed = JSON.stringify(r.value) !== before;
      const suffix = dry === 'client' ? ' (dry run)' : dry === 'server' ? ' (server dry run)' : '';
      out.print(`${objectName(r.value)} ${changed ? 'patched' : 'patched (no change)'}${suffix}\n`);
    }
  }
  return out;
}
