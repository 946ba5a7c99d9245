/**
 * `--field-selector`: apimachinery's fields.ParseSelector grammar (`k=v`, `k==v`, `k!=v`, joined
 * by commas, `\` escaping) and the fields each kind's registry can select on
 * (pkg/registry/<group>/<kind>/strategy.go ...FieldsSet / GetAttrs; metadata.name and
 * metadata.namespace everywhere).
 */
import type { KubeObject, ResourceType } from '../api/index.js';

export interface FieldRequirement {
  field: string;
  op: '=' | '!=';
  value: string;
}

type Obj = Record<string, any>;

const META: Record<string, (o: Obj) => unknown> = {
  'metadata.name': (o) => o.metadata?.name,
  'metadata.namespace': (o) => o.metadata?.namespace,
};

/** Selectable fields per kind; core kinds reject others as `field label not supported`. */
const FIELDS: Record<string, Record<string, (o: Obj) => unknown>> = {
  Pod: {
    ...META,
    'spec.nodeName': (o) => o.spec?.nodeName,
    'spec.restartPolicy': (o) => o.spec?.restartPolicy,
    'spec.schedulerName': (o) => o.spec?.schedulerName,
    'spec.serviceAccountName': (o) => o.spec?.serviceAccountName,
    'spec.hostNetwork': (o) => Boolean(o.spec?.hostNetwork),
    'status.phase': (o) => o.status?.phase,
    'status.podIP': (o) => o.status?.podIP,
    'status.nominatedNodeName': (o) => o.status?.nominatedNodeName,
  },
  Node: { 'metadata.name': (o) => o.metadata?.name, 'spec.unschedulable': (o) => Boolean(o.spec?.unschedulable) },
  Namespace: { 'metadata.name': (o) => o.metadata?.name, 'status.phase': (o) => o.status?.phase },
  ReplicaSet: { ...META, 'status.replicas': (o) => o.status?.replicas ?? 0 },
  // pkg/registry/core/event/strategy.go ToSelectableFields.
  Event: {
    ...META,
    'involvedObject.kind': (o) => o.involvedObject?.kind ?? '',
    'involvedObject.namespace': (o) => o.involvedObject?.namespace ?? '',
    'involvedObject.name': (o) => o.involvedObject?.name ?? '',
    'involvedObject.uid': (o) => o.involvedObject?.uid ?? '',
    'involvedObject.apiVersion': (o) => o.involvedObject?.apiVersion ?? '',
    'involvedObject.resourceVersion': (o) => o.involvedObject?.resourceVersion ?? '',
    'involvedObject.fieldPath': (o) => o.involvedObject?.fieldPath ?? '',
    reason: (o) => o.reason ?? '',
    reportingComponent: (o) => o.reportingComponent ?? '',
    source: (o) => o.source?.component ?? '',
    type: (o) => o.type ?? '',
  },
};

const CORE = new Set(['Pod', 'Node', 'Namespace', 'Service', 'Endpoints', 'ServiceAccount', 'ConfigMap', 'Secret', 'Event']);

export function parseFieldSelector(s: string): { ok: true; value: FieldRequirement[] } | { ok: false; message: string } {
  if (s.trim() === '') return { ok: true, value: [] };
  // Split on unescaped commas.
  const terms: string[] = [];
  let cur = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '\\' && i + 1 < s.length) {
      cur += c + s[++i];
      continue;
    }
    if (c === ',') {
      terms.push(cur);
      cur = '';
    } else cur += c;
  }
  terms.push(cur);
  const unescape = (x: string) => x.replace(/\\(.)/g, '$1');
  const out: FieldRequirement[] = [];
  for (const term of terms) {
    const m = term.match(/^((?:[^=!\\]|\\.)*)(!=|==|=)(.*)$/s);
    if (!m) return { ok: false, message: `invalid selector: '${s}'; can't understand '${term}'` };
    out.push({ field: unescape(m[1]!), op: m[2] === '!=' ? '!=' : '=', value: unescape(m[3]!) });
  }
  return { ok: true, value: out };
}

/** Whether an object matches; an unsupported field is the API server's BadRequest text. */
export function fieldSelectorMatches(type: ResourceType, reqs: readonly FieldRequirement[], o: KubeObject | Obj): { ok: true; value: boolean } | { ok: false; message: string } {
  const fields = FIELDS[type.kind] ?? META;
  for (const r of reqs) {
    const get = fields[r.field];
    if (!get) {
      if (CORE.has(type.kind)) return { ok: false, message: `field label not supported: ${r.field}` };
      return { ok: false, message: `"${r.field}" is not a known field selector: only ${Object.keys(fields).map((f) => `"${f}"`).join(', ')}` };
    }
    const v = get(o as Obj);
    const text = v === undefined || v === null ? '' : String(v);
    if ((r.op === '=') !== (text === r.value)) return { ok: true, value: false };
  }
  return { ok: true, value: true };
}
