/**
 * What the scheduler reads: the v1 fields of nodes and pods its default plugins look at
 * (pkg/scheduler/framework/plugins). Kept to plain shapes so any store can feed it.
 */
export interface Taint {
  key: string;
  value?: string;
  effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute' | string;
}

export interface Toleration {
  key?: string;
  operator?: 'Exists' | 'Equal' | string;
  value?: string;
  effect?: string;
  tolerationSeconds?: number;
}

export interface NodeSelectorRequirement {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | 'Gt' | 'Lt' | string;
  values?: string[];
}

export interface NodeSelectorTerm {
  matchExpressions?: NodeSelectorRequirement[];
  matchFields?: NodeSelectorRequirement[];
}

export interface LabelSelectorLike {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

export interface PodAffinityTerm {
  labelSelector?: LabelSelectorLike | null;
  namespaces?: string[];
  namespaceSelector?: LabelSelectorLike | null;
  topologyKey: string;
}

export interface Affinity {
  nodeAffinity?: {
    requiredDuringSchedulingIgnoredDuringExecution?: { nodeSelectorTerms: NodeSelectorTerm[] };
    preferredDuringSchedulingIgnoredDuringExecution?: { weight: number; preference: NodeSelectorTerm }[];
  };
  podAffinity?: {
    requiredDuringSchedulingIgnoredDuringExecution?: PodAffinityTerm[];
    preferredDuringSchedulingIgnoredDuringExecution?: { weight: number; podAffinityTerm: PodAffinityTerm }[];
  };
  podAntiAffinity?: {
    requiredDuringSchedulingIgnoredDuringExecution?: PodAffinityTerm[];
    preferredDuringSchedulingIgnoredDuringExecution?: { weight: number; podAffinityTerm: PodAffinityTerm }[];
  };
}

export interface TopologySpreadConstraint {
  maxSkew: number;
  topologyKey: string;
  whenUnsatisfiable: 'DoNotSchedule' | 'ScheduleAnyway' | string;
  labelSelector?: LabelSelectorLike;
  minDomains?: number;
  matchLabelKeys?: string[];
}

export interface ContainerLike {
  name: string;
  resources?: { requests?: Record<string, string | number>; limits?: Record<string, string | number> };
  ports?: { containerPort: number; hostPort?: number; protocol?: string; hostIP?: string }[];
  restartPolicy?: string;
}

export interface SchedPod {
  metadata: { name?: string; namespace?: string; labels?: Record<string, string>; uid?: string; creationTimestamp?: string };
  spec: {
    nodeName?: string;
    nodeSelector?: Record<string, string>;
    affinity?: Affinity;
    tolerations?: Toleration[];
    containers: ContainerLike[];
    initContainers?: ContainerLike[];
    overhead?: Record<string, string | number>;
    priority?: number;
    preemptionPolicy?: string;
    topologySpreadConstraints?: TopologySpreadConstraint[];
    schedulerName?: string;
  };
  status?: { phase?: string };
}

export interface SchedNode {
  metadata: { name?: string; labels?: Record<string, string> };
  spec?: { unschedulable?: boolean; taints?: Taint[] };
  status?: { allocatable?: Record<string, string | number> };
}

/** The namespaces' labels, for namespaceSelector in pod (anti-)affinity terms. */
export type NamespaceLabels = (namespace: string) => Record<string, string> | undefined;
