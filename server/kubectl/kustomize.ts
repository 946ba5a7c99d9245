/**
 * `kubectl kustomize DIR` and `kubectl apply|delete -k DIR`: the kustomize v5.5 that kubectl 1.32
 * embeds, for the fields a CKA learner uses (sigs.k8s.io/kustomize/api/krusty, api/internal/target/
 * kusttarget.go, the builtin transformers in api/filters):
 * - `resources` (files and directories holding their own kustomization, read recursively),
 * - `configMapGenerator` and `secretGenerator` (literals, files, envs) with the content-hash suffix
 *   (api/hasher/hasher.go: sha256 of the JSON of kind, name "" and data, first ten hex digits with
 *   0,1,3,a,e replaced), and the references to them renamed in Pods and pod templates,
 * - `namespace`, `namePrefix`, `nameSuffix`, `commonLabels` (also selectors and templates),
 *   `labels` (`includeSelectors`, `includeTemplates`), `commonAnnotations`, `images`, `replicas`;
 * - output: resources in kustomize's legacy order (api/resid/gvk.go), map keys sorted, joined by `---`.
 * - `patches` (strategic merge by the API's merge keys, patch items first as kyaml's walker orders
 *   them, `$patch: delete|replace`, null deletes; JSON 6902 add/remove/replace/move/copy/test), with
 *   targets by group, version, kind, name (a regular expression), namespace and labelSelector;
 *   `patchesStrategicMerge` and `patchesJson6902` as the deprecated spellings.
 * Components, helmCharts, replacements and remote resources are refused with an honest message
 * rather than ignored.
 */
import { parseAllDocuments } from 'yaml';
import { sha256, type FileAccess } from '../shell/index.js';

export type Obj = Record<string, unknown>;
export type KustomizeResult = { ok: true; objects: Obj[]; warnings: string[] } | { ok: false; message: string };

const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

const ORDER_FIRST = [
  'Namespace', 'ResourceQuota', 'StorageClass', 'CustomResourceDefinition', 'ServiceAccount', 'PodSecurityPolicy', 'Role', 'ClusterRole',
  'RoleBinding', 'ClusterRoleBinding', 'ConfigMap', 'Secret', 'Endpoints', 'Service', 'LimitRange', 'PriorityClass', 'PersistentVolume',
  'PersistentVolumeClaim', 'Deployment', 'StatefulSet', 'CronJob', 'PodDisruptionBudget',
];
const ORDER_LAST = ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'];

const CLUSTER_SCOPED = new Set([
  'Namespace', 'Node', 'PersistentVolume', 'StorageClass', 'ClusterRole', 'ClusterRoleBinding', 'CustomResourceDefinition', 'PriorityClass',
  'IngressClass', 'RuntimeClass', 'CSIDriver', 'CSINode', 'VolumeAttachment', 'APIService', 'MutatingWebhookConfiguration',
  'ValidatingWebhookConfiguration', 'CertificateSigningRequest', 'PodSecurityPolicy',
]);

const WORKLOADS = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'ReplicationController']);
const UNSUPPORTED = ['components', 'helmCharts', 'transformers', 'generators', 'crds', 'vars', 'replacements'];

/** A resource in the build, with the name it had before prefix/suffix/hash (for references and `replicas`). */
interface Res {
  obj: Obj;
  originalName: string;
  generated: boolean;
}

class KustomizeError extends Error {}

export function kustomizeBuild(dir: string, fs: FileAccess): KustomizeResult {
  try {
    const warnings: string[] = [];
    const resources = buildDir(fs.resolve(dir), fs, warnings, new Set());
    // The content hash goes on last, once for the whole build, on generated objects whose options
    // do not turn it off; then every reference follows the final names.
    const renames = new Map<string, string>();
    for (const r of resources) {
      const m = meta(r.obj);
      if (r.generated && !m.__noHash) m.name = `${String(m.name)}-${hashOf(r.obj)}`;
      delete m.__noHash;
      if (nameOf(r.obj) !== r.originalName) renames.set(`${String(r.obj.kind)}/${r.originalName}`, nameOf(r.obj));
    }
    if (renames.size) for (const r of resources) renameReferences(r.obj, renames);
    const objects = sortLegacy(resources.map((r) => r.obj));
    return { ok: true, objects, warnings: [...new Set(warnings)].sort() };
  } catch (e) {
    if (e instanceof KustomizeError) return { ok: false, message: e.message };
    throw e;
  }
}

function join(dir: string, p: string): string {
  const parts = (p.startsWith('/') ? p : `${dir}/${p}`).split('/');
  const out: string[] = [];
  for (const part of parts) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return '/' + out.join('/');
}

function readKustomization(dir: string, fs: FileAccess): Obj {
  const found = KUSTOMIZATION_FILES.filter((f) => fs.readFile(join(dir, f)).ok);
  if (found.length === 0) {
    throw new KustomizeError(`unable to find one of 'kustomization.yaml', 'kustomization.yml' or 'Kustomization' in directory '${dir}'`);
  }
  if (found.length > 1) throw new KustomizeError(`Found multiple kustomization files under: ${dir}\n`);
  const file = join(dir, found[0]!);
  const text = (fs.readFile(file) as { ok: true; value: string }).value;
  const docs = parseYaml(text, file);
  const k = (docs[0] ?? {}) as Obj;
  return k;
}

function parseYaml(text: string, source: string): unknown[] {
  const docs = parseAllDocuments(text, { uniqueKeys: false });
  const list = Array.isArray(docs) ? docs : [];
  const out: unknown[] = [];
  for (const d of list) {
    if (d.errors.length) throw new KustomizeError(`invalid Kustomization: ${source}: ${d.errors[0]!.message.split('\n')[0]}`);
    const v = d.toJS({ maxAliasCount: 100 }) as unknown;
    if (v !== null && v !== undefined) out.push(v);
  }
  return out;
}

function strList(k: Obj, key: string): string[] {
  const v = k[key];
  return Array.isArray(v) ? v.map(String) : [];
}

function strMap(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (v && typeof v === 'object' && !Array.isArray(v)) for (const [a, b] of Object.entries(v as Obj)) out[a] = String(b);
  return out;
}

function buildDir(dir: string, fs: FileAccess, warnings: string[], visiting: Set<string>): Res[] {
  if (visiting.has(dir)) throw new KustomizeError(`cycle detected: candidate root '${dir}' contains visited root`);
  visiting.add(dir);
  const k = readKustomization(dir, fs);
  for (const key of UNSUPPORTED) {
    if (k[key] !== undefined) throw new KustomizeError(`kustomization field '${key}' is not available in this lab yet`);
  }
  if (k.commonLabels !== undefined) warnings.push("# Warning: 'commonLabels' is deprecated. Please use 'labels' instead. Run 'kustomize edit fix' to update your Kustomization automatically.");
  if (k.bases !== undefined) warnings.push("# Warning: 'bases' is deprecated. Please use 'resources' instead. Run 'kustomize edit fix' to update your Kustomization automatically.");

  let res: Res[] = [];
  for (const r of [...strList(k, 'resources'), ...strList(k, 'bases')]) {
    if (/^(https?:|git@|github\.com\/)/.test(r)) throw new KustomizeError(`remote resources are not available in this lab: '${r}'`);
    const p = join(dir, r);
    if (fs.isDirectory(p)) {
      res.push(...buildDir(p, fs, warnings, visiting));
      continue;
    }
    const file = fs.readFile(p);
    if (!file.ok) throw new KustomizeError(`accumulating resources: accumulation err='accumulating resources from '${r}': evalsymlink failure on '${p}' : lstat ${p}: no such file or directory': must build at directory: not a valid directory: evalsymlink failure on '${p}' : lstat ${p}: no such file or directory`);
    for (const d of parseYaml(file.value, p)) {
      if (typeof d !== 'object' || Array.isArray(d)) continue;
      const obj = d as Obj;
      if (obj.kind === 'List' && Array.isArray(obj.items)) {
        for (const it of obj.items as Obj[]) res.push({ obj: it, originalName: nameOf(it), generated: false });
      } else res.push({ obj, originalName: nameOf(obj), generated: false });
    }
  }
  for (const r of res) checkDuplicate(res, r);

  // Generators.
  const generated: Res[] = [];
  for (const g of (Array.isArray(k.configMapGenerator) ? k.configMapGenerator : []) as Obj[]) generated.push(generate('ConfigMap', g, dir, fs, k));
  for (const g of (Array.isArray(k.secretGenerator) ? k.secretGenerator : []) as Obj[]) generated.push(generate('Secret', g, dir, fs, k));
  res = [...res, ...generated];

  // Transformers, in kusttarget's order: patches first.
  if (k.patchesStrategicMerge !== undefined) warnings.push("# Warning: 'patchesStrategicMerge' is deprecated. Please use 'patches' instead. Run 'kustomize edit fix' to update your Kustomization automatically.");
  if (k.patchesJson6902 !== undefined) warnings.push("# Warning: 'patchesJson6902' is deprecated. Please use 'patches' instead. Run 'kustomize edit fix' to update your Kustomization automatically.");
  const patchList: Obj[] = [
    ...strList(k, 'patchesStrategicMerge').map((x) => (/\n/.test(x) ? { patch: x } : { path: x })),
    ...((Array.isArray(k.patches) ? k.patches : []) as Obj[]),
  ];
  for (const pt of patchList) applyPatch(pt, res, dir, fs);
  const namespace = typeof k.namespace === 'string' ? k.namespace : undefined;
  if (namespace) {
    for (const r of res) {
      if (r.obj.kind === 'Namespace') meta(r.obj).name = namespace;
      else if (!CLUSTER_SCOPED.has(String(r.obj.kind))) meta(r.obj).namespace = namespace;
    }
  }
  const prefix = typeof k.namePrefix === 'string' ? k.namePrefix : '';
  const suffix = typeof k.nameSuffix === 'string' ? k.nameSuffix : '';
  if (prefix || suffix) {
    for (const r of res) {
      if (r.obj.kind === 'CustomResourceDefinition' || r.obj.kind === 'Namespace') continue;
      const m = meta(r.obj);
      const old = String(m.name ?? '');
      m.name = prefix + old + suffix;
    }
  }
  const common = strMap(k.commonLabels);
  if (Object.keys(common).length) for (const r of res) addLabels(r.obj, common, true, true);
  for (const l of (Array.isArray(k.labels) ? k.labels : []) as Obj[]) {
    const pairs = strMap(l.pairs);
    for (const r of res) addLabels(r.obj, pairs, l.includeSelectors === true, l.includeSelectors === true || l.includeTemplates === true);
  }
  const annotations = strMap(k.commonAnnotations);
  if (Object.keys(annotations).length) for (const r of res) addAnnotations(r.obj, annotations);
  for (const pt of (Array.isArray(k.patchesJson6902) ? k.patchesJson6902 : []) as Obj[]) applyPatch(pt, res, dir, fs);
  for (const rc of (Array.isArray(k.replicas) ? k.replicas : []) as Obj[]) {
    for (const r of res) {
      if (!WORKLOADS.has(String(r.obj.kind))) continue;
      if (rc.name !== r.originalName && rc.name !== nameOf(r.obj)) continue;
      const spec = child(r.obj, 'spec');
      spec.replicas = Number(rc.count ?? 0);
    }
  }
  for (const img of (Array.isArray(k.images) ? k.images : []) as Obj[]) for (const r of res) setImages(r.obj, img);

  visiting.delete(dir);
  return res;
}

function checkDuplicate(all: Res[], r: Res): void {
  const id = (o: Obj) => `${String(o.apiVersion)}/${String(o.kind)}/${String(meta(o).namespace ?? '')}/${nameOf(o)}`;
  if (all.filter((x) => id(x.obj) === id(r.obj)).length > 1) {
    throw new KustomizeError(`accumulating resources: may not add resource with an already registered id: ${String(r.obj.kind)}.${String(r.obj.apiVersion).split('/').reverse().join('.')}/${nameOf(r.obj)}.${String(meta(r.obj).namespace ?? '[noNs]')}`);
  }
}

function nameOf(o: Obj): string {
  return String(meta(o).name ?? '');
}

function meta(o: Obj): Obj {
  return child(o, 'metadata');
}

function child(o: Obj, key: string): Obj {
  const v = o[key];
  if (v && typeof v === 'object' && !Array.isArray(v)) return v as Obj;
  const c: Obj = {};
  o[key] = c;
  return c;
}

function at(o: unknown, ...path: string[]): Obj | undefined {
  let cur = o;
  for (const p of path) {
    if (!cur || typeof cur !== 'object' || Array.isArray(cur)) return undefined;
    cur = (cur as Obj)[p];
  }
  return cur && typeof cur === 'object' && !Array.isArray(cur) ? (cur as Obj) : undefined;
}

function merge(target: Obj, key: string, values: Record<string, string>): void {
  const m = child(target, key);
  Object.assign(m, values);
}

/** commonLabels' field specs (api/konfig/builtinpluginconsts/commonlabels.go). */
function addLabels(o: Obj, labels: Record<string, string>, selectors: boolean, templates: boolean): void {
  if (!Object.keys(labels).length) return;
  merge(meta(o), 'labels', labels);
  const kind = String(o.kind);
  if (selectors) {
    if (kind === 'Service') merge(child(o, 'spec'), 'selector', labels);
    if (WORKLOADS.has(kind)) {
      if (kind === 'ReplicationController') merge(child(o, 'spec'), 'selector', labels);
      else merge(child(child(o, 'spec'), 'selector'), 'matchLabels', labels);
    }
    if (kind === 'Job' && at(o, 'spec', 'selector', 'matchLabels')) merge(child(child(o, 'spec'), 'selector'), 'matchLabels', labels);
    if (kind === 'PodDisruptionBudget') merge(child(child(o, 'spec'), 'selector'), 'matchLabels', labels);
    if (kind === 'NetworkPolicy') {
      merge(child(child(o, 'spec'), 'podSelector'), 'matchLabels', labels);
    }
  }
  if (templates) {
    if (WORKLOADS.has(kind) || kind === 'Job') merge(child(child(child(o, 'spec'), 'template'), 'metadata'), 'labels', labels);
    if (kind === 'CronJob') {
      const jt = child(child(o, 'spec'), 'jobTemplate');
      merge(child(jt, 'metadata'), 'labels', labels);
      merge(child(child(child(jt, 'spec'), 'template'), 'metadata'), 'labels', labels);
    }
  }
}

/** commonAnnotations' field specs (api/konfig/builtinpluginconsts/commonannotations.go). */
function addAnnotations(o: Obj, annotations: Record<string, string>): void {
  merge(meta(o), 'annotations', annotations);
  const kind = String(o.kind);
  if (WORKLOADS.has(kind) || kind === 'Job') merge(child(child(child(o, 'spec'), 'template'), 'metadata'), 'annotations', annotations);
  if (kind === 'CronJob') {
    const jt = child(child(o, 'spec'), 'jobTemplate');
    merge(child(jt, 'metadata'), 'annotations', annotations);
    merge(child(child(child(jt, 'spec'), 'template'), 'metadata'), 'annotations', annotations);
  }
}

/** The image transformer: every `containers`/`initContainers` list anywhere in the object. */
function setImages(o: unknown, img: Obj): void {
  if (Array.isArray(o)) {
    for (const x of o) setImages(x, img);
    return;
  }
  if (!o || typeof o !== 'object') return;
  for (const [key, v] of Object.entries(o as Obj)) {
    if ((key === 'containers' || key === 'initContainers') && Array.isArray(v)) {
      for (const c of v as Obj[]) {
        if (typeof c?.image !== 'string') continue;
        const { name, tag, digest } = splitImage(c.image);
        if (name !== img.name) continue;
        const newName = typeof img.newName === 'string' ? img.newName : name;
        if (typeof img.digest === 'string') c.image = `${newName}@${img.digest}`;
        else if (img.newTag !== undefined) c.image = `${newName}:${String(img.newTag)}`;
        else c.image = newName + (digest ? `@${digest}` : tag ? `:${tag}` : '');
      }
    } else setImages(v, img);
  }
}

function splitImage(image: string): { name: string; tag?: string; digest?: string } {
  const at = image.indexOf('@');
  if (at >= 0) return { name: image.slice(0, at), digest: image.slice(at + 1) };
  const colon = image.lastIndexOf(':');
  if (colon > image.lastIndexOf('/')) return { name: image.slice(0, colon), tag: image.slice(colon + 1) };
  return { name: image };
}

function generate(kind: 'ConfigMap' | 'Secret', g: Obj, dir: string, fs: FileAccess, k: Obj): Res {
  const name = typeof g.name === 'string' ? g.name : '';
  const data: Record<string, string> = {};
  const add = (key: string, value: string) => {
    if (key in data) throw new KustomizeError(`configmap ${name} illegally repeats the key \`${key}\``);
    data[key] = value;
  };
  for (const env of [...(Array.isArray(g.envs) ? g.envs : []), ...(typeof g.env === 'string' ? [g.env] : [])].map(String)) {
    const f = fs.readFile(join(dir, env));
    if (!f.ok) throw new KustomizeError(`env source files: [${env}]: evalsymlink failure on '${join(dir, env)}' : lstat ${join(dir, env)}: no such file or directory`);
    for (const line of f.value.split('\n')) {
      const t = line.replace(/^\s+/, '');
      if (t === '' || t.startsWith('#')) continue;
      const eq = t.indexOf('=');
      if (eq < 0) add(t, '');
      else add(t.slice(0, eq), t.slice(eq + 1));
    }
  }
  for (const lit of (Array.isArray(g.literals) ? g.literals : []).map(String)) {
    const eq = lit.indexOf('=');
    if (eq < 0) throw new KustomizeError(`invalid literal source ${lit}, expected key=value`);
    let v = lit.slice(eq + 1);
    if (v.length >= 2 && ((v.startsWith('"') && v.endsWith('"')) || (v.startsWith("'") && v.endsWith("'")))) v = v.slice(1, -1);
    add(lit.slice(0, eq), v);
  }
  for (const file of (Array.isArray(g.files) ? g.files : []).map(String)) {
    const eq = file.indexOf('=');
    const key = eq >= 0 ? file.slice(0, eq) : file.split('/').pop()!;
    const path = join(dir, eq >= 0 ? file.slice(eq + 1) : file);
    const f = fs.readFile(path);
    if (!f.ok) throw new KustomizeError(`evalsymlink failure on '${path}' : lstat ${path}: no such file or directory`);
    add(key, f.value);
  }
  const options = { ...((k.generatorOptions as Obj | undefined) ?? {}), ...((g.options as Obj | undefined) ?? {}) };
  const obj: Obj = { apiVersion: 'v1', kind, metadata: { name } };
  const m = obj.metadata as Obj;
  const labels = strMap(options.labels);
  const annotations = strMap(options.annotations);
  if (Object.keys(annotations).length) m.annotations = annotations;
  if (Object.keys(labels).length) m.labels = labels;
  if (typeof g.namespace === 'string') m.namespace = g.namespace;
  if (kind === 'Secret') {
    obj.type = typeof g.type === 'string' ? g.type : 'Opaque';
    const enc: Record<string, string> = {};
    for (const [a, b] of Object.entries(data)) enc[a] = base64(b);
    if (Object.keys(enc).length) obj.data = enc;
  } else if (Object.keys(data).length) obj.data = data;
  if (options.immutable === true) obj.immutable = true;
  if (options.disableNameSuffixHash === true) m.__noHash = true;
  return { obj, originalName: name, generated: true };
}

function base64(s: string): string {
  const bytes = new TextEncoder().encode(s);
  const abc = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += abc[(n >> 18) & 63]! + abc[(n >> 12) & 63]! + (i + 1 < bytes.length ? abc[(n >> 6) & 63]! : '=') + (i + 2 < bytes.length ? abc[n & 63]! : '=');
  }
  return out;
}

/** Go's json.Marshal of a map: keys sorted, and <, >, & escaped as encoding/json does. */
function goJson(v: unknown): string {
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    const o = v as Obj;
    return `{${Object.keys(o).sort().map((key) => `${goJson(key)}:${goJson(o[key])}`).join(',')}}`;
  }
  return JSON.stringify(v).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** api/hasher/hasher.go: encodeConfigMap / encodeSecret, then encode(hex). */
function hashOf(o: Obj): string {
  const doc: Obj = { kind: o.kind, name: '', data: o.data ?? {} };
  if (o.kind === 'Secret') doc.type = o.type;
  if (o.kind === 'ConfigMap' && o.binaryData) doc.binaryData = o.binaryData;
  const hex = sha256(goJson(doc));
  return hex.slice(0, 10).replace(/[013ae]/g, (c) => ({ '0': 'g', '1': 'h', '3': 'k', a: 'm', e: 't' })[c]!);
}

/** The name-reference transformer for the references a pod spec makes to ConfigMaps, Secrets, ServiceAccounts and PVCs. */
function renameReferences(o: unknown, renames: Map<string, string>): void {
  if (Array.isArray(o)) {
    for (const x of o) renameReferences(x, renames);
    return;
  }
  if (!o || typeof o !== 'object') return;
  const obj = o as Obj;
  const swap = (holder: Obj | undefined, key: string, kind: string) => {
    if (!holder || typeof holder[key] !== 'string') return;
    const to = renames.get(`${kind}/${holder[key] as string}`);
    if (to) holder[key] = to;
  };
  swap(at(obj, 'configMap'), 'name', 'ConfigMap');
  swap(at(obj, 'configMapRef'), 'name', 'ConfigMap');
  swap(at(obj, 'configMapKeyRef'), 'name', 'ConfigMap');
  swap(at(obj, 'secret'), 'secretName', 'Secret');
  swap(at(obj, 'secretRef'), 'name', 'Secret');
  swap(at(obj, 'secretKeyRef'), 'name', 'Secret');
  swap(at(obj, 'persistentVolumeClaim'), 'claimName', 'PersistentVolumeClaim');
  if (Array.isArray(obj.containers)) swap(obj, 'serviceAccountName', 'ServiceAccount');
  if (Array.isArray(obj.imagePullSecrets)) for (const s of obj.imagePullSecrets as Obj[]) swap(s, 'name', 'Secret');
  for (const v of Object.values(obj)) renameReferences(v, renames);
}

function typeOrder(kind: string): number {
  const f = ORDER_FIRST.indexOf(kind);
  if (f >= 0) return f - ORDER_FIRST.length;
  const l = ORDER_LAST.indexOf(kind);
  return l >= 0 ? l + 1 : 0;
}

function gvkString(o: Obj): string {
  const av = String(o.apiVersion ?? '');
  const slash = av.indexOf('/');
  const group = slash >= 0 ? av.slice(0, slash) : '';
  const version = slash >= 0 ? av.slice(slash + 1) : av;
  return [group || '~G', version || '~V', String(o.kind ?? '') || '~K'].join('_');
}

/** api/resmap: legacy order by kind, then the GVK string, then namespace and name. */
function sortLegacy(objects: Obj[]): Obj[] {
  const key = (o: Obj) => `${String(meta(o).namespace ?? '')}|${nameOf(o)}`;
  return [...objects].sort((a, b) => {
    const ta = typeOrder(String(a.kind));
    const tb = typeOrder(String(b.kind));
    if (ta !== tb) return ta - tb;
    const ga = gvkString(a);
    const gb = gvkString(b);
    if (ga !== gb) return ga < gb ? -1 : 1;
    return key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;
  });
}

function applyPatch(pt: Obj, res: Res[], dir: string, fs: FileAccess): void {
  let text: string;
  if (typeof pt.path === 'string') {
    const f = fs.readFile(join(dir, pt.path));
    if (!f.ok) throw new KustomizeError(`trouble configuring builtin PatchTransformer with config: \`\npath: ${pt.path}\n\`: evalsymlink failure on '${join(dir, pt.path)}' : lstat ${join(dir, pt.path)}: no such file or directory`);
    text = f.value;
  } else if (typeof pt.patch === 'string') text = pt.patch;
  else throw new KustomizeError('unable to parse SM or JSON patch from []');
  const docs = parseYaml(text, String(pt.path ?? 'patch'));
  const target = (pt.target as Obj | undefined) ?? undefined;
  if (docs.length === 1 && Array.isArray(docs[0])) {
    if (!target) throw new KustomizeError('unable to apply JSON patch without a target');
    for (const r of res) if (matches(r, target)) r.obj = jsonPatch(r.obj, docs[0] as Obj[]);
    return;
  }
  for (const d of docs) {
    const patch = d as Obj;
    const selector: Obj = target ?? { kind: patch.kind, name: nameOf(patch), ...(typeof patch.apiVersion === 'string' ? { apiVersionOf: patch.apiVersion } : {}) };
    const hit = res.filter((r) => matches(r, selector));
    if (!target && hit.length === 0) {
      throw new KustomizeError(`no resource matches strategic merge patch "${String(patch.kind)}.${String(patch.apiVersion).split('/').reverse().join('.')}/${nameOf(patch)}.[noNs]": no matches for Id ${String(patch.kind)}.${String(patch.apiVersion).split('/').reverse().join('.')}/${nameOf(patch)}.[noNs]; failed to find unique target for patch ${String(patch.kind)}.${String(patch.apiVersion).split('/').reverse().join('.')}/${nameOf(patch)}.[noNs]`);
    }
    for (const r of hit) {
      const body: Obj = { ...patch };
      if (target) {
        // A targeted patch keeps the target's identity.
        delete body.apiVersion;
        delete body.kind;
        const m = { ...((body.metadata as Obj | undefined) ?? {}) };
        delete m.name;
        delete m.namespace;
        if (Object.keys(m).length) body.metadata = m;
        else delete body.metadata;
      }
      r.obj = smp(r.obj, body, '') as Obj;
    }
  }
}

function matches(r: Res, t: Obj): boolean {
  const o = r.obj;
  const av = String(o.apiVersion ?? '');
  const slash = av.indexOf('/');
  const group = slash >= 0 ? av.slice(0, slash) : '';
  const version = slash >= 0 ? av.slice(slash + 1) : av;
  if (typeof t.apiVersionOf === 'string' && t.apiVersionOf !== av) return false;
  if (typeof t.kind === 'string' && t.kind !== o.kind) return false;
  if (typeof t.group === 'string' && t.group !== group) return false;
  if (typeof t.version === 'string' && t.version !== version) return false;
  if (typeof t.name === 'string' && !anchored(t.name, nameOf(o)) && !anchored(t.name, r.originalName)) return false;
  if (typeof t.namespace === 'string' && !anchored(t.namespace, String(meta(o).namespace ?? ''))) return false;
  if (typeof t.labelSelector === 'string') {
    const labels = strMap(meta(o).labels);
    for (const term of t.labelSelector.split(',').map((x) => x.trim()).filter(Boolean)) {
      const ne = term.split('!=');
      if (ne.length === 2) {
        if (labels[ne[0]!.trim()] === ne[1]!.trim()) return false;
        continue;
      }
      const eq = term.split(/==?/);
      if (eq.length === 2) {
        if (labels[eq[0]!.trim()] !== eq[1]!.trim()) return false;
      } else if (!(term in labels)) return false;
    }
  }
  return true;
}

function anchored(pattern: string, value: string): boolean {
  try {
    return new RegExp(`^(?:${pattern})$`).test(value);
  } catch {
    return pattern === value;
  }
}

/** The API's patchMergeKey for a list field (k8s.io/api types' patchMergeKey tags). */
function mergeKey(field: string, items: unknown[]): string | undefined {
  switch (field) {
    case 'containers':
    case 'initContainers':
    case 'ephemeralContainers':
    case 'env':
    case 'volumes':
    case 'imagePullSecrets':
    case 'resourceClaims':
    case 'schedulingGates':
      return 'name';
    case 'volumeMounts':
      return 'mountPath';
    case 'volumeDevices':
      return 'devicePath';
    case 'hostAliases':
      return 'ip';
    case 'ports':
      return items.some((i) => i && typeof i === 'object' && 'containerPort' in (i as Obj)) ? 'containerPort' : 'port';
    default:
      return undefined;
  }
}

const isMap = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);

/** Strategic merge (kyaml's merge2 walker): maps merge, null deletes, keyed lists merge item by item. */
function smp(orig: unknown, patch: unknown, field: string): unknown {
  if (isMap(patch)) {
    if (patch.$patch === 'replace') {
      const out = { ...patch };
      delete out.$patch;
      return out;
    }
    if (!isMap(orig)) {
      const out: Obj = {};
      for (const [k, v] of Object.entries(patch)) if (v !== null && k !== '$patch') out[k] = smp(undefined, v, k);
      return out;
    }
    const out: Obj = { ...orig };
    for (const [k, v] of Object.entries(patch)) {
      if (k.startsWith('$')) continue;
      if (v === null) delete out[k];
      else out[k] = smp(orig[k], v, k);
    }
    return out;
  }
  if (Array.isArray(patch)) {
    const key = mergeKey(field, [...patch, ...(Array.isArray(orig) ? orig : [])]);
    if (!key || !Array.isArray(orig)) return patch.filter((x) => !(isMap(x) && x.$patch === 'delete')).map((x) => (isMap(x) ? smp(undefined, x, '') : x));
    const out: unknown[] = [];
    const used = new Set<unknown>();
    const keyOf = (x: unknown) => (isMap(x) ? x[key] : undefined);
    for (const item of patch) {
      const existing = orig.find((o) => keyOf(o) !== undefined && keyOf(o) === keyOf(item));
      if (existing !== undefined) used.add(existing);
      if (isMap(item) && item.$patch === 'delete') continue;
      out.push(smp(existing, item, ''));
    }
    for (const o of orig) if (!used.has(o)) out.push(o);
    return out;
  }
  return patch;
}

function pointer(path: string): string[] {
  if (path === '') return [];
  return path.split('/').slice(1).map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** RFC 6902 on a copy of the object (evanphx/json-patch as kustomize uses it). */
function jsonPatch(obj: Obj, ops: Obj[]): Obj {
  const doc = JSON.parse(JSON.stringify(obj)) as Obj;
  const parentOf = (path: string): { parent: unknown; last: string } => {
    const toks = pointer(path);
    let cur: unknown = doc;
    for (const t of toks.slice(0, -1)) {
      if (Array.isArray(cur)) cur = cur[Number(t)];
      else if (isMap(cur)) cur = cur[t];
      else cur = undefined;
      if (cur === undefined) throw new KustomizeError(`unable to apply JSON patch: doc is missing path: "${path}": missing value`);
    }
    return { parent: cur, last: toks[toks.length - 1] ?? '' };
  };
  const get = (path: string): unknown => {
    const { parent, last } = parentOf(path);
    const v = Array.isArray(parent) ? parent[Number(last)] : isMap(parent) ? parent[last] : undefined;
    if (v === undefined) throw new KustomizeError(`unable to apply JSON patch: doc is missing path: "${path}": missing value`);
    return v;
  };
  const remove = (path: string): unknown => {
    const v = get(path);
    const { parent, last } = parentOf(path);
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete (parent as Obj)[last];
    return v;
  };
  const add = (path: string, value: unknown) => {
    const { parent, last } = parentOf(path);
    if (Array.isArray(parent)) {
      if (last === '-') parent.push(value);
      else {
        const i = Number(last);
        if (!(i >= 0 && i <= parent.length)) throw new KustomizeError(`unable to apply JSON patch: add operation does not apply: doc is missing path: "${path}": missing value`);
        parent.splice(i, 0, value);
      }
    } else if (isMap(parent)) parent[last] = value;
    else throw new KustomizeError(`unable to apply JSON patch: add operation does not apply: doc is missing path: "${path}": missing value`);
  };
  for (const op of ops) {
    const path = String(op.path ?? '');
    const clone = (v: unknown) => JSON.parse(JSON.stringify(v ?? null)) as unknown;
    switch (op.op) {
      case 'add':
        add(path, clone(op.value));
        break;
      case 'remove':
        remove(path);
        break;
      case 'replace': {
        get(path);
        const { parent, last } = parentOf(path);
        if (Array.isArray(parent)) parent[Number(last)] = clone(op.value);
        else (parent as Obj)[last] = clone(op.value);
        break;
      }
      case 'move':
        add(path, remove(String(op.from ?? '')));
        break;
      case 'copy':
        add(path, clone(get(String(op.from ?? ''))));
        break;
      case 'test':
        if (JSON.stringify(get(path)) !== JSON.stringify(op.value)) throw new KustomizeError(`unable to apply JSON patch: testing value ${path} failed: test failed`);
        break;
      default:
        throw new KustomizeError(`unable to apply JSON patch: Unexpected kind: ${String(op.op)}`);
    }
  }
  return doc;
}
