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
 * Patches (`patches`, `patchesStrategicMerge`, `patchesJson6902`), components, helmCharts and
 * remote resources are refused with an honest message rather than ignored.
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
const UNSUPPORTED = ['patches', 'patchesStrategicMerge', 'patchesJson6902', 'components', 'helmCharts', 'transformers', 'generators', 'crds', 'vars', 'replacements'];

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
    return { ok: true, objects, warnings: [...new Set(warnings)] };
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

  // Transformers, in kusttarget's order.
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
