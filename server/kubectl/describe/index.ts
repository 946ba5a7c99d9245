/**
 * Describers by kind (kubectl pkg/describe's DescriberFor): one file per kind in this folder, one
 * line here. A kind without one gets kubectl's honest "not available in this lab yet".
 */
import type { Deployment, Endpoints, KubeObject, NetworkPolicy, Pod, ReplicaSet, Service } from '../../api/index.js';
import { resolveResourceType, type ClusterApi } from '../../cluster/index.js';
import { describeNetworkPolicy } from './network-policy.js';
import { describeNamespace } from './namespace.js';
import { describeEndpoints, describeService } from './service.js';
import { describePod } from './pod.js';
import { describeNode } from './node.js';
import { describeDeployment } from './deployment.js';
import { describeReplicaSet } from './replica-set.js';
import { describeCronJob, describeDaemonSet, describeJob } from './batch.js';
import { describeConfigMap, describeSecret } from './config-map.js';
import { describeServiceAccount } from './service-account.js';
import { describeLimitRange, describePriorityClass, describeQuota } from './quota.js';
import { describeBinding, describeRole } from './rbac.js';

/** Pure formatting of one object; `cluster` for related objects (a Service's Endpoints), `now` the lab clock's, for ages. */
export type Describer = (o: KubeObject, cluster: ClusterApi, now: number) => string;

export const DESCRIBERS: Readonly<Record<string, Describer>> = {
  NetworkPolicy: (o) => describeNetworkPolicy(o as NetworkPolicy),
  Namespace: describeNamespace,
  Service: (o, c) => describeService(o as Service, c.get(resolveResourceType('ep')!, o.metadata.namespace, o.metadata.name!) as Endpoints | undefined),
  Endpoints: (o) => describeEndpoints(o as Endpoints),
  Pod: (o, _c, now) => describePod(o as Pod, now),
  Node: describeNode,
  Deployment: (o, c) => describeDeployment(o as Deployment, c),
  ReplicaSet: (o, c) => describeReplicaSet(o as ReplicaSet, c),
  Job: (o) => describeJob(o),
  CronJob: (o) => describeCronJob(o),
  DaemonSet: (o, c) => describeDaemonSet(o, c),
  ConfigMap: describeConfigMap,
  Secret: describeSecret,
  ServiceAccount: describeServiceAccount,
  ResourceQuota: describeQuota,
  LimitRange: describeLimitRange,
  PriorityClass: describePriorityClass,
  Role: describeRole,
  ClusterRole: describeRole,
  RoleBinding: describeBinding,
  ClusterRoleBinding: describeBinding,
};
