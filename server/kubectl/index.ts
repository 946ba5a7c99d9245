export { runKubectl, KUBECTL_VERBS } from './kubectl.js';
export { KUBECTL_COMPLETION_BASH } from './completion-bash.js';
export type { KubectlDeps, KubectlIO, ExecFn, Kubeconfig } from './context.js';
export { describeNetworkPolicy } from './describe/network-policy.js';
export { humanDuration } from './printers/age.js';
export { formatError } from './errors.js';
export { completeKubectl } from './complete.js';
export { renderJsonPath } from './printers/jsonpath.js';
export { finishKubectlEdit } from './cmd/edit.js';
