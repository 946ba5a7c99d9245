/**
 * The default ClusterRoleBindings of the bootstrap policy: kubernetes
 * plugin/pkg/auth/authorizer/rbac/bootstrappolicy/testdata/cluster-role-bindings.yaml, with the
 * system:monitoring and system:service-account-issuer-discovery bindings that policy.go's
 * ClusterRoleBindings() adds since 1.21/1.20 (the stored golden predates them).
 */
const binding = (name: string, subjects: string) => `
- apiVersion: rbac.authorization.k8s.io/v1
  kind: ClusterRoleBinding
  metadata:
    annotations:
      rbac.authorization.kubernetes.io/autoupdate: "true"
    labels:
      kubernetes.io/bootstrapping: rbac-defaults
    name: ${name}
  roleRef:
    apiGroup: rbac.authorization.k8s.io
    kind: ClusterRole
    name: ${name}${subjects}`;

const group = (name: string) => `
  - apiGroup: rbac.authorization.k8s.io
    kind: Group
    name: ${name}`;
const user = (name: string) => `
  - apiGroup: rbac.authorization.k8s.io
    kind: User
    name: ${name}`;
const subjects = (...s: string[]) => `\n  subjects:${s.join('')}`;

export const CLUSTER_ROLE_BINDINGS_YAML = [
  binding('cluster-admin', subjects(group('system:masters'))),
  binding('system:basic-user', subjects(group('system:authenticated'))),
  binding('system:discovery', subjects(group('system:authenticated'))),
  binding('system:kube-controller-manager', subjects(user('system:kube-controller-manager'))),
  binding('system:kube-dns', subjects(`
  - kind: ServiceAccount
    name: kube-dns
    namespace: kube-system`)),
  binding('system:kube-scheduler', subjects(user('system:kube-scheduler'))),
  binding('system:monitoring', subjects(group('system:monitoring'))),
  binding('system:node', ''),
  binding('system:node-proxier', subjects(user('system:kube-proxy'))),
  binding('system:public-info-viewer', subjects(group('system:authenticated'), group('system:unauthenticated'))),
  binding('system:service-account-issuer-discovery', subjects(group('system:serviceaccounts'))),
  binding('system:volume-scheduler', subjects(user('system:kube-scheduler'))),
].join('');
