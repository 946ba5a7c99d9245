export * from './api.js';
export * from './status-error.js';
export * from './cluster.js';
export { KUBE_DNS_IP, KUBERNETES_SERVICE_IP, CLUSTER_NAMESPACES } from './bootstrap.js';
export * from './kinds/index.js';
export { podQOS } from './qos.js';
export * from './rbac/index.js';
export * from './scheduler/index.js';
export * from './lifecycle/index.js';
