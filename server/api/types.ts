/**
 * Kubernetes object types as the API serves them (core/v1, apps/v1, networking.k8s.io/v1).
 * Field names are upstream's verbatim. Only the fields the lab simulates are typed; objects
 * may carry more, which is why every type is open to extra keys via KubeObject.
 */

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

export interface ObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
  finalizers?: string[];
}

export interface TypeMeta {
  apiVersion: string;
  kind: string;
}

/** Any stored object. Specific kinds below narrow it. */
export interface KubeObject extends TypeMeta {
  metadata: ObjectMeta;
  spec?: unknown;
  status?: unknown;
  [extra: string]: unknown;
}

// ---- label selectors (metav1) ----
export type SelectorOperator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';

export interface LabelSelectorRequirement {
  key: string;
  operator: SelectorOperator;
  values?: string[];
}

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: LabelSelectorRequirement[];
}

// ---- core/v1 ----
export type Protocol = 'TCP' | 'UDP' | 'SCTP';

export interface ContainerPort {
  name?: string;
  containerPort: number;
  protocol?: Protocol;
  hostPort?: number;
  hostIP?: string;
}

export interface Container {
  name: string;
  image?: string;
  command?: string[];
  args?: string[];
  ports?: ContainerPort[];
  env?: { name: string; value?: string }[];
  resources?: { limits?: Record<string, string>; requests?: Record<string, string> };
  imagePullPolicy?: string;
  terminationMessagePath?: string;
  terminationMessagePolicy?: string;
  [extra: string]: unknown;
}

export interface ContainerStatus {
  name: string;
  ready: boolean;
  restartCount: number;
  image: string;
  imageID: string;
  containerID?: string;
  started?: boolean;
  state: { running?: { startedAt: string }; waiting?: { reason: string }; terminated?: { exitCode: number; reason?: string } };
  [extra: string]: unknown;
}

export interface PodCondition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  lastProbeTime?: string | null;
  lastTransitionTime?: string;
}

export interface PodSpec {
  containers: Container[];
  initContainers?: Container[];
  nodeName?: string;
  restartPolicy?: string;
  serviceAccountName?: string;
  hostNetwork?: boolean;
  hostname?: string;
  subdomain?: string;
  [extra: string]: unknown;
}

export interface PodStatus {
  phase?: string;
  podIP?: string;
  podIPs?: { ip: string }[];
  hostIP?: string;
  hostIPs?: { ip: string }[];
  startTime?: string;
  qosClass?: string;
  conditions?: PodCondition[];
  containerStatuses?: ContainerStatus[];
  [extra: string]: unknown;
}

export interface Pod extends KubeObject {
  kind: 'Pod';
  spec: PodSpec;
  status?: PodStatus;
}

export interface ServicePort {
  name?: string;
  protocol?: Protocol;
  port: number;
  targetPort?: number | string;
  nodePort?: number;
}

export interface ServiceSpec {
  type?: 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName';
  selector?: Record<string, string>;
  ports?: ServicePort[];
  clusterIP?: string;
  clusterIPs?: string[];
  externalName?: string;
  [extra: string]: unknown;
}

export interface Service extends KubeObject {
  kind: 'Service';
  spec: ServiceSpec;
}

export interface EndpointAddress {
  ip: string;
  nodeName?: string;
  targetRef?: { kind: string; name: string; namespace: string; uid: string };
}

export interface EndpointSubset {
  addresses?: EndpointAddress[];
  notReadyAddresses?: EndpointAddress[];
  ports?: { name?: string; port: number; protocol?: Protocol }[];
}

export interface Endpoints extends KubeObject {
  kind: 'Endpoints';
  subsets?: EndpointSubset[];
}

export interface Namespace extends KubeObject {
  kind: 'Namespace';
}

export interface Node extends KubeObject {
  kind: 'Node';
}

export interface ServiceAccount extends KubeObject {
  kind: 'ServiceAccount';
}

// ---- apps/v1 ----
export interface PodTemplateSpec {
  metadata?: ObjectMeta;
  spec: PodSpec;
}

export interface Deployment extends KubeObject {
  kind: 'Deployment';
  spec: { replicas?: number; selector: LabelSelector; template: PodTemplateSpec; [extra: string]: unknown };
}

export interface ReplicaSet extends KubeObject {
  kind: 'ReplicaSet';
  spec: { replicas?: number; selector: LabelSelector; template: PodTemplateSpec; [extra: string]: unknown };
}

// ---- networking.k8s.io/v1 ----
export type PolicyType = 'Ingress' | 'Egress';

export interface IPBlock {
  cidr: string;
  except?: string[];
}

export interface NetworkPolicyPeer {
  podSelector?: LabelSelector;
  namespaceSelector?: LabelSelector;
  ipBlock?: IPBlock;
}

export interface NetworkPolicyPort {
  protocol?: Protocol;
  port?: number | string;
  endPort?: number;
}

export interface NetworkPolicyIngressRule {
  from?: NetworkPolicyPeer[];
  ports?: NetworkPolicyPort[];
}

export interface NetworkPolicyEgressRule {
  to?: NetworkPolicyPeer[];
  ports?: NetworkPolicyPort[];
}

export interface NetworkPolicySpec {
  podSelector: LabelSelector;
  ingress?: NetworkPolicyIngressRule[];
  egress?: NetworkPolicyEgressRule[];
  policyTypes?: PolicyType[];
}

export interface NetworkPolicy extends KubeObject {
  kind: 'NetworkPolicy';
  spec: NetworkPolicySpec;
}

// ---- ckalab's own simulation data (not Kubernetes objects; never printed by kubectl) ----

/** A host outside the cluster that a scenario declares, for ipBlock egress and probes. */
export interface ExternalHost {
  name: string;
  ip: string;
  /** DNS names that resolve to it (besides nothing: external names are not in cluster DNS unless listed). */
  hostnames?: string[];
  ports: { port: number; protocol: Protocol; response?: string }[];
}

/** What a pod's app answers on a port, when a scenario sets it. */
export interface AppResponse {
  namespace: string;
  /** Pods whose labels match this selector serve the response. */
  podSelector: LabelSelector;
  /** Only this pod (a scenario's pod that has no telling labels). */
  pod?: string;
  port: number;
  protocol?: Protocol;
  response: string;
}
