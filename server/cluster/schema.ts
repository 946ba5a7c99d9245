/**
 * Field schemas for strict decoding, as the API server's JSON decoder knows the Go structs:
 * an unknown field or a wrong JSON type is refused before anything is stored. NetworkPolicy is
 * described in full; for the workload kinds the spec below well-known fields is left open, so
 * a valid field the lab does not model is never refused.
 */
export type FieldSchema =
  | { t: 'string' }
  | { t: 'int'; go?: string }
  | { t: 'bool' }
  | { t: 'intOrString' }
  | { t: 'any' }
  | { t: 'map'; go: string } // map[string]string
  | { t: 'list'; go: string; of: FieldSchema }
  | { t: 'object'; go: string; fields: Record<string, FieldSchema> };

const str: FieldSchema = { t: 'string' };
const int: FieldSchema = { t: 'int' };
const any: FieldSchema = { t: 'any' };
const strMap = (go = 'map[string]string'): FieldSchema => ({ t: 'map', go });
const obj = (go: string, fields: Record<string, FieldSchema>): FieldSchema => ({ t: 'object', go, fields });
const list = (go: string, of: FieldSchema): FieldSchema => ({ t: 'list', go, of });

const labelSelector = obj('LabelSelector', {
  matchLabels: strMap(),
  matchExpressions: list('[]v1.LabelSelectorRequirement', obj('LabelSelectorRequirement', { key: str, operator: str, values: list('[]string', str) })),
});

export const objectMeta = obj('ObjectMeta', {
  name: str,
  generateName: str,
  namespace: str,
  uid: str,
  resourceVersion: str,
  generation: int,
  creationTimestamp: any,
  deletionTimestamp: any,
  deletionGracePeriodSeconds: int,
  labels: strMap(),
  annotations: strMap(),
  ownerReferences: list('[]v1.OwnerReference', any),
  finalizers: list('[]string', str),
  managedFields: list('[]v1.ManagedFieldsEntry', any),
  selfLink: str,
});

const peer = obj('NetworkPolicyPeer', {
  podSelector: labelSelector,
  namespaceSelector: labelSelector,
  ipBlock: obj('IPBlock', { cidr: str, except: list('[]string', str) }),
});
const npPort = obj('NetworkPolicyPort', { protocol: str, port: { t: 'intOrString' }, endPort: { t: 'int', go: 'int32' } });

const networkPolicy = obj('NetworkPolicy', {
  apiVersion: str,
  kind: str,
  metadata: objectMeta,
  spec: obj('NetworkPolicySpec', {
    podSelector: labelSelector,
    ingress: list('[]v1.NetworkPolicyIngressRule', obj('NetworkPolicyIngressRule', { from: list('[]v1.NetworkPolicyPeer', peer), ports: list('[]v1.NetworkPolicyPort', npPort) })),
    egress: list('[]v1.NetworkPolicyEgressRule', obj('NetworkPolicyEgressRule', { to: list('[]v1.NetworkPolicyPeer', peer), ports: list('[]v1.NetworkPolicyPort', npPort) })),
    policyTypes: list('[]v1.PolicyType', str),
  }),
  status: any,
});

const open = (go: string) =>
  obj(go, { apiVersion: str, kind: str, metadata: objectMeta, spec: any, status: any });

export const SCHEMAS: Record<string, FieldSchema> = {
  NetworkPolicy: networkPolicy,
  Pod: open('Pod'),
  Service: open('Service'),
  Deployment: open('Deployment'),
  ReplicaSet: open('ReplicaSet'),
  Namespace: open('Namespace'),
  Node: open('Node'),
  ServiceAccount: obj('ServiceAccount', { apiVersion: str, kind: str, metadata: objectMeta, secrets: any, imagePullSecrets: any, automountServiceAccountToken: { t: 'bool' } }),
  Endpoints: obj('Endpoints', { apiVersion: str, kind: str, metadata: objectMeta, subsets: any }),
};

const jsonType = (v: unknown): string =>
  v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v === 'object' ? 'object' : typeof v === 'number' ? 'number' : typeof v === 'boolean' ? 'bool' : 'string';

export interface DecodeProblem {
  /** `unknown field "spec.x"` (strict) or a json type error. */
  kind: 'unknown' | 'type';
  message: string;
}

/**
 * Walks a decoded document against its schema. Unknown fields are all collected (the strict
 * decoder reports them together); the first type error stops the walk, as encoding/json does.
 * A type error names the innermost Go struct and the JSON path without indexes, as
 * json.UnmarshalTypeError does.
 */
export function checkFields(value: unknown, schema: FieldSchema): DecodeProblem[] {
  const problems: DecodeProblem[] = [];
  const walk = (v: unknown, s: FieldSchema, path: string, struct: string): boolean => {
    if (v === null || v === undefined || s.t === 'any') return true;
    const t = jsonType(v);
    const typeErr = (goType: string) => {
      problems.push({ kind: 'type', message: `json: cannot unmarshal ${t} into Go struct field ${struct}.${path.replace(/\[\d+\]/g, '')} of type ${goType}` });
      return false;
    };
    switch (s.t) {
      case 'string':
        return t === 'string' || typeErr('string');
      case 'bool':
        return t === 'bool' || typeErr('bool');
      case 'int':
        return (t === 'number' && Number.isInteger(v)) || typeErr(s.go ?? 'int64');
      case 'intOrString':
        return t === 'number' || t === 'string' || typeErr('intstr.IntOrString');
      case 'map':
        if (t !== 'object') return typeErr(s.go);
        for (const x of Object.values(v as Record<string, unknown>)) {
          if (typeof x !== "string" && x !== null) return walk(x, { t: "string" }, path, struct);
        }
        return true;
      case 'list': {
        if (t !== 'array') return typeErr(s.go);
        const arr = v as unknown[];
        for (let i = 0; i < arr.length; i++) if (!walk(arr[i], s.of, `${path}[${i}]`, struct)) return false;
        return true;
      }
      case 'object': {
        if (t !== 'object') return typeErr(`v1.${s.go}`);
        for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
          // '*' stands for any other field: a kind whose body the lab stores as given.
          const child = s.fields[k] ?? s.fields['*'];
          const childPath = path ? `${path}.${k}` : k;
          if (!child) {
            problems.push({ kind: 'unknown', message: `unknown field "${childPath}"` });
            continue;
          }
          if (!walk(x, child, childPath, s.go)) return false;
        }
        return true;
      }
    }
  };
  walk(value, schema, '', schema.t === 'object' ? schema.go : '');
  return problems;
}
