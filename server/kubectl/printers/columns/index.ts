/**
 * Table columns by kind: one file per kind, one line here. A kind without a file prints NAME and AGE.
 */
import { AGE, NAME, type Column } from './common.js';
import { podColumns } from './pod.js';
import { serviceColumns } from './service.js';
import { endpointsColumns } from './endpoints.js';
import { namespaceColumns } from './namespace.js';
import { nodeColumns } from './node.js';
import { deploymentColumns } from './deployment.js';
import { replicaSetColumns } from './replica-set.js';
import { networkPolicyColumns } from './network-policy.js';
import { serviceAccountColumns } from './service-account.js';
import { roleBindingColumns, roleColumns } from './rbac.js';
import { eventColumns } from './event.js';
import { jobColumns } from './job.js';
import { cronJobColumns } from './cron-job.js';
import { daemonSetColumns } from './daemon-set.js';
import { statefulSetColumns } from './stateful-set.js';
import { persistentVolumeClaimColumns, persistentVolumeColumns, storageClassColumns } from './storage.js';
import { configMapColumns, secretColumns } from './config-map.js';
import { limitRangeColumns, priorityClassColumns, resourceQuotaColumns } from './quota.js';

export type { Column, Row } from './common.js';

export const COLUMNS: Readonly<Record<string, readonly Column[]>> = {
  Pod: podColumns,
  Service: serviceColumns,
  Endpoints: endpointsColumns,
  Namespace: namespaceColumns,
  Node: nodeColumns,
  Deployment: deploymentColumns,
  ReplicaSet: replicaSetColumns,
  NetworkPolicy: networkPolicyColumns,
  ServiceAccount: serviceAccountColumns,
  Role: roleColumns,
  ClusterRole: roleColumns,
  RoleBinding: roleBindingColumns,
  ClusterRoleBinding: roleBindingColumns,
  Event: eventColumns,
  Job: jobColumns,
  CronJob: cronJobColumns,
  DaemonSet: daemonSetColumns,
  StatefulSet: statefulSetColumns,
  PersistentVolume: persistentVolumeColumns,
  PersistentVolumeClaim: persistentVolumeClaimColumns,
  StorageClass: storageClassColumns,
  ConfigMap: configMapColumns,
  Secret: secretColumns,
  ResourceQuota: resourceQuotaColumns,
  LimitRange: limitRangeColumns,
  PriorityClass: priorityClassColumns,
};

/** The columns kubectl prints for a kind; wide (priority 1) ones only with `-o wide`. */
export function columnsFor(kind: string, wide: boolean): Column[] {
  return (COLUMNS[kind] ?? [NAME, AGE]).filter((c) => wide || !c.wide);
}
