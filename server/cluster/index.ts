export * from './api.js';
export * from './status-error.js';
export * from './cluster.js';
export { KUBE_DNS_IP, KUBERNETES_SERVICE_IP, CLUSTER_NAMESPACES } from './bootstrap.js';
export { podQOS } from './qos.js';
