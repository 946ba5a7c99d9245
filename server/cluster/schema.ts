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
  | { t: 'object'; go: string; fields: Record<string, FieldSchema>; open?: boolean };

const str: FieldSchema = { t: 'string' };
const int: FieldSchema = { t: 'int' };
const any: FieldSchema = { t: 'any' };
const strMap = (go = 'map[string]string'): FieldSchema => ({ t: 'map', go });
const obj = (go: string, fields: Record<string, FieldSchema>): FieldSchema => ({ t: 'object', go, fields });
/** A struct whose known fields are typed but whose other fields the lab does not model (kept, never refused). */
const openObj = (go: string, fields: Record<string, FieldSchema> = {}): FieldSchema => ({ t: 'object', go, fields, open: true });
const int32: FieldSchema = { t: 'int', go: 'int32' };
const bool: FieldSchema = { t: 'bool' };
const list = (go: string, of: FieldSchema): FieldSchema => ({ t: 'list', go, of });
const strList = list('[]string', str);

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

// core/v1 Pod, as of 1.32 (k8s.io/api/core/v1/types.go): every PodSpec and Container field, so
// a misspelt one is refused as the strict decoder refuses it; nested structs the lab does not
// model (probes, security contexts, volume sources, affinity) are open.
const containerPort = obj('ContainerPort', { name: str, hostPort: int32, containerPort: int32, protocol: str, hostIP: str });
const envVar = obj('EnvVar', { name: str, value: str, valueFrom: openObj('EnvVarSource') });
const volumeMount = obj('VolumeMount', { name: str, readOnly: bool, recursiveReadOnly: str, mountPath: str, subPath: str, mountPropagation: str, subPathExpr: str });
const resources = obj('ResourceRequirements', { limits: { t: 'map', go: 'v1.ResourceList' }, requests: { t: 'map', go: 'v1.ResourceList' }, claims: list('[]v1.ResourceClaim', openObj('ResourceClaim')) });
const containerFields: Record<string, FieldSchema> = {
  name: str,
  image: str,
  command: strList,
  args: strList,
  workingDir: str,
  ports: list('[]v1.ContainerPort', containerPort),
  envFrom: list('[]v1.EnvFromSource', openObj('EnvFromSource')),
  env: list('[]v1.EnvVar', envVar),
  resources,
  resizePolicy: list('[]v1.ContainerResizePolicy', openObj('ContainerResizePolicy')),
  restartPolicy: str,
  volumeMounts: list('[]v1.VolumeMount', volumeMount),
  volumeDevices: list('[]v1.VolumeDevice', openObj('VolumeDevice')),
  livenessProbe: openObj('Probe'),
  readinessProbe: openObj('Probe'),
  startupProbe: openObj('Probe'),
  lifecycle: openObj('Lifecycle'),
  terminationMessagePath: str,
  terminationMessagePolicy: str,
  imagePullPolicy: str,
  securityContext: openObj('SecurityContext'),
  stdin: bool,
  stdinOnce: bool,
  tty: bool,
};
const container = obj('Container', containerFields);
const podSpec = obj('PodSpec', {
  volumes: list('[]v1.Volume', openObj('Volume', { name: str })),
  initContainers: list('[]v1.Container', container),
  containers: list('[]v1.Container', container),
  ephemeralContainers: list('[]v1.EphemeralContainer', openObj('EphemeralContainer')),
  restartPolicy: str,
  terminationGracePeriodSeconds: int,
  activeDeadlineSeconds: int,
  dnsPolicy: str,
  nodeSelector: strMap(),
  serviceAccountName: str,
  serviceAccount: str,
  automountServiceAccountToken: bool,
  nodeName: str,
  hostNetwork: bool,
  hostPID: bool,
  hostIPC: bool,
  shareProcessNamespace: bool,
  securityContext: openObj('PodSecurityContext'),
  imagePullSecrets: list('[]v1.LocalObjectReference', openObj('LocalObjectReference')),
  hostname: str,
  subdomain: str,
  affinity: openObj('Affinity'),
  schedulerName: str,
  tolerations: list('[]v1.Toleration', openObj('Toleration', { key: str, operator: str, value: str, effect: str, tolerationSeconds: int })),
  hostAliases: list('[]v1.HostAlias', openObj('HostAlias')),
  priorityClassName: str,
  priority: int32,
  dnsConfig: openObj('PodDNSConfig'),
  readinessGates: list('[]v1.PodReadinessGate', openObj('PodReadinessGate')),
  runtimeClassName: str,
  enableServiceLinks: bool,
  preemptionPolicy: str,
  overhead: { t: 'map', go: 'v1.ResourceList' },
  topologySpreadConstraints: list('[]v1.TopologySpreadConstraint', openObj('TopologySpreadConstraint')),
  setHostnameAsFQDN: bool,
  os: openObj('PodOS'),
  hostUsers: bool,
  schedulingGates: list('[]v1.PodSchedulingGate', openObj('PodSchedulingGate')),
  resourceClaims: list('[]v1.PodResourceClaim', openObj('PodResourceClaim')),
  resources: openObj('ResourceRequirements'),
});
const podTemplateSpec = obj('PodTemplateSpec', { metadata: objectMeta, spec: podSpec });

const servicePort = obj('ServicePort', { name: str, protocol: str, appProtocol: str, port: int32, targetPort: { t: 'intOrString' }, nodePort: int32 });
const serviceSpec = obj('ServiceSpec', {
  ports: list('[]v1.ServicePort', servicePort),
  selector: strMap(),
  clusterIP: str,
  clusterIPs: strList,
  type: str,
  externalIPs: strList,
  sessionAffinity: str,
  loadBalancerIP: str,
  loadBalancerSourceRanges: strList,
  externalName: str,
  externalTrafficPolicy: str,
  healthCheckNodePort: int32,
  publishNotReadyAddresses: bool,
  sessionAffinityConfig: openObj('SessionAffinityConfig'),
  ipFamilies: list('[]v1.IPFamily', str),
  ipFamilyPolicy: str,
  allocateLoadBalancerNodePorts: bool,
  loadBalancerClass: str,
  internalTrafficPolicy: str,
  trafficDistribution: str,
});

const workload = (go: string, spec: FieldSchema) => obj(go, { apiVersion: str, kind: str, metadata: objectMeta, spec, status: any });

export const SCHEMAS: Record<string, FieldSchema> = {
  NetworkPolicy: networkPolicy,
  Pod: workload('Pod', podSpec),
  Service: workload('Service', serviceSpec),
  Deployment: workload(
    'Deployment',
    obj('DeploymentSpec', {
      replicas: int32,
      selector: labelSelector,
      template: podTemplateSpec,
      strategy: openObj('DeploymentStrategy', { type: str, rollingUpdate: openObj('RollingUpdateDeployment') }),
      minReadySeconds: int32,
      revisionHistoryLimit: int32,
      paused: bool,
      progressDeadlineSeconds: int32,
    }),
  ),
  ReplicaSet: workload('ReplicaSet', obj('ReplicaSetSpec', { replicas: int32, minReadySeconds: int32, selector: labelSelector, template: podTemplateSpec })),
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
 * Walks a decoded document against its schema, normalising what encoding/json would (a null
 * map value is "", a null element of a struct list is the zero struct). Unknown fields are all collected (the strict
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
      case 'map': {
        if (t !== 'object') return typeErr(s.go);
        const m = v as Record<string, unknown>;
        for (const [k, x] of Object.entries(m)) {
          // encoding/json stores a null map value as the zero value: `{app, tier: web}` is app="".
          if (x === null) m[k] = s.go === 'map[string]string' ? '' : x;
          else if (s.go === 'map[string]string' && typeof x !== 'string') return walk(x, { t: 'string' }, path, struct);
          else if (s.go !== 'map[string]string' && typeof x !== 'string' && typeof x !== 'number') return typeErr('resource.Quantity');
        }
        return true;
      }
      case 'list': {
        if (t !== 'array') return typeErr(s.go);
        const arr = v as unknown[];
        for (let i = 0; i < arr.length; i++) {
          // A null element of a struct list decodes as the zero struct.
          if (arr[i] === null && s.of.t === 'object') arr[i] = {};
          if (!walk(arr[i], s.of, `${path}[${i}]`, struct)) return false;
        }
        return true;
      }
      case 'object': {
        if (t !== 'object') return typeErr(`v1.${s.go}`);
        // kubectl sends JSON marshalled from a map, so the decoder meets the keys sorted.
        const o = v as Record<string, unknown>;
        for (const k of Object.keys(o).sort()) {
          const x = o[k];
          // '*' stands for any other field: a kind whose body the lab stores as given.
          const child = s.fields[k] ?? s.fields['*'];
          const childPath = path ? `${path}.${k}` : k;
          if (!child) {
            if (s.open) continue;
            problems.push({ kind: 'unknown', message: `unknown field "${childPath}"` });
            continue;
          }
          // encoding/json leaves a field it reads `null` for at its zero value: absent here, as omitempty prints it.
          if (x === null && child.t !== 'any') {
            delete o[k];
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
