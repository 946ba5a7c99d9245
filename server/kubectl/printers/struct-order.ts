/**
 * The field order of the Go structs (k8s.io/api core/v1, apps/v1, meta/v1) for objects kubectl
 * builds itself: its generators (`create deployment|service|namespace`, `run`) print typed
 * structs, so `-o json` shows fields in declaration order, not sorted as for server objects.
 */

type Order = { fields: string[]; children?: Record<string, string> };

/** struct name → its JSON fields in order, and which struct each nested field holds. */
const STRUCTS: Record<string, Order> = {
  Object: { fields: ['kind', 'apiVersion', 'metadata', 'spec', 'data', 'binaryData', 'stringData', 'type', 'status'], children: { metadata: 'ObjectMeta' } },
  ObjectMeta: {
    fields: ['name', 'generateName', 'namespace', 'selfLink', 'uid', 'resourceVersion', 'generation', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'labels', 'annotations', 'ownerReferences', 'finalizers', 'managedFields'],
  },
  DeploymentSpec: {
    fields: ['replicas', 'selector', 'template', 'strategy', 'minReadySeconds', 'revisionHistoryLimit', 'paused', 'progressDeadlineSeconds'],
    children: { selector: 'LabelSelector', template: 'PodTemplateSpec' },
  },
  LabelSelector: { fields: ['matchLabels', 'matchExpressions'] },
  PodTemplateSpec: { fields: ['metadata', 'spec'], children: { metadata: 'ObjectMeta', spec: 'PodSpec' } },
  PodSpec: {
    fields: [
      'volumes', 'initContainers', 'containers', 'ephemeralContainers', 'restartPolicy', 'terminationGracePeriodSeconds', 'activeDeadlineSeconds', 'dnsPolicy',
      'nodeSelector', 'serviceAccountName', 'serviceAccount', 'automountServiceAccountToken', 'nodeName', 'hostNetwork', 'hostPID', 'hostIPC',
      'shareProcessNamespace', 'securityContext', 'imagePullSecrets', 'hostname', 'subdomain', 'affinity', 'schedulerName', 'tolerations', 'hostAliases',
      'priorityClassName', 'priority', 'dnsConfig', 'readinessGates', 'runtimeClassName', 'enableServiceLinks', 'preemptionPolicy', 'overhead',
      'topologySpreadConstraints', 'setHostnameAsFQDN', 'os', 'hostUsers', 'schedulingGates', 'resourceClaims', 'resources',
    ],
    children: { initContainers: 'Container', containers: 'Container' },
  },
  Container: {
    fields: [
      'name', 'image', 'command', 'args', 'workingDir', 'ports', 'envFrom', 'env', 'resources', 'resizePolicy', 'restartPolicy', 'volumeMounts', 'volumeDevices',
      'livenessProbe', 'readinessProbe', 'startupProbe', 'lifecycle', 'terminationMessagePath', 'terminationMessagePolicy', 'imagePullPolicy', 'securityContext',
      'stdin', 'stdinOnce', 'tty',
    ],
    children: { ports: 'ContainerPort', env: 'EnvVar' },
  },
  ContainerPort: { fields: ['name', 'hostPort', 'containerPort', 'protocol', 'hostIP'] },
  EnvVar: { fields: ['name', 'value', 'valueFrom'] },
  ServiceSpec: {
    fields: [
      'ports', 'selector', 'clusterIP', 'clusterIPs', 'type', 'externalIPs', 'sessionAffinity', 'loadBalancerIP', 'loadBalancerSourceRanges', 'externalName',
      'externalTrafficPolicy', 'healthCheckNodePort', 'publishNotReadyAddresses', 'sessionAffinityConfig', 'ipFamilies', 'ipFamilyPolicy',
      'allocateLoadBalancerNodePorts', 'loadBalancerClass', 'internalTrafficPolicy', 'trafficDistribution',
    ],
    children: { ports: 'ServicePort' },
  },
  ServicePort: { fields: ['name', 'protocol', 'appProtocol', 'port', 'targetPort', 'nodePort'] },
  NamespaceSpec: { fields: ['finalizers'] },
  DeploymentStatus: { fields: ['observedGeneration', 'replicas', 'updatedReplicas', 'readyReplicas', 'availableReplicas', 'unavailableReplicas', 'terminatingReplicas', 'conditions', 'collisionCount'] },
};

const SPEC_OF: Record<string, string> = { Deployment: 'DeploymentSpec', Pod: 'PodSpec', Service: 'ServiceSpec', Namespace: 'NamespaceSpec' };

function order(v: unknown, struct: string | undefined): unknown {
  if (Array.isArray(v)) return v.map((x) => order(x, struct));
  if (!v || typeof v !== 'object') return v;
  const o = v as Record<string, unknown>;
  const s = struct ? STRUCTS[struct] : undefined;
  if (!s) return o;
  const known = s.fields.filter((f) => f in o);
  const rest = Object.keys(o).filter((k) => !s.fields.includes(k));
  return Object.fromEntries([...known, ...rest].map((k) => [k, s.children?.[k] ? order(o[k], s.children[k]) : sortMaps(o[k])]));
}

/** A field that is not a known struct is a map (labels, selector, data): encoding/json sorts its keys. */
function sortMaps(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortMaps);
  if (!v || typeof v !== 'object') return v;
  const o = v as Record<string, unknown>;
  return Object.fromEntries(Object.keys(o).sort().map((k) => [k, sortMaps(o[k])]));
}

/** The object with its fields in the Go structs' order (maps keep theirs; encoding/json sorts them). */
export function inStructOrder(obj: Record<string, unknown>): Record<string, unknown> {
  const kind = String(obj.kind ?? '');
  const top = order(obj, 'Object') as Record<string, unknown>;
  const spec = SPEC_OF[kind];
  if (spec && top.spec) top.spec = order(top.spec, spec);
  if (kind === 'Deployment' && top.status) top.status = order(top.status, 'DeploymentStatus');
  return top;
}
