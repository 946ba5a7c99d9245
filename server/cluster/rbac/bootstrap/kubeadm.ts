/**
 * What kubeadm 1.32 adds to the bootstrap policy when it initialises a control plane
 * (cmd/kubeadm/app/phases/bootstraptoken/clusterinfo, .../node, .../addons/dns, kubeconfig's
 * cluster-admins binding): the kubeadm:cluster-admins group that admin.conf's user is in, the
 * node bootstrap and auto-approval bindings, and CoreDNS's role.
 */
export const KUBEADM_CLUSTER_ROLES_YAML = `
- apiVersion: rbac.authorization.k8s.io/v1
  kind: ClusterRole
  metadata:
    name: kubeadm:get-nodes
  rules:
  - apiGroups: [""]
    resources: [nodes]
    verbs: [get]
- apiVersion: rbac.authorization.k8s.io/v1
  kind: ClusterRole
  metadata:
    name: system:coredns
  rules:
  - apiGroups: [""]
    resources: [endpoints, services, pods, namespaces]
    verbs: [list, watch]
  - apiGroups: [discovery.k8s.io]
    resources: [endpointslices]
    verbs: [list, watch]
`;

const crb = (name: string, role: string, kind: string, subject: string, ns?: string) => `
- apiVersion: rbac.authorization.k8s.io/v1
  kind: ClusterRoleBinding
  metadata:
    name: ${name}
  roleRef:
    apiGroup: rbac.authorization.k8s.io
    kind: ClusterRole
    name: ${role}
  subjects:
  - ${kind === 'ServiceAccount' ? '' : 'apiGroup: rbac.authorization.k8s.io\n    '}kind: ${kind}
    name: ${subject}${ns ? `\n    namespace: ${ns}` : ''}`;

export const KUBEADM_CLUSTER_ROLE_BINDINGS_YAML = [
  crb('kubeadm:cluster-admins', 'cluster-admin', 'Group', 'kubeadm:cluster-admins'),
  crb('kubeadm:get-nodes', 'kubeadm:get-nodes', 'Group', 'system:bootstrappers:kubeadm:default-node-token'),
  crb('kubeadm:kubelet-bootstrap', 'system:node-bootstrapper', 'Group', 'system:bootstrappers:kubeadm:default-node-token'),
  crb('kubeadm:node-autoapprove-bootstrap', 'system:certificates.k8s.io:certificatesigningrequests:nodeclient', 'Group', 'system:bootstrappers:kubeadm:default-node-token'),
  crb('kubeadm:node-autoapprove-certificate-rotation', 'system:certificates.k8s.io:certificatesigningrequests:selfnodeclient', 'Group', 'system:nodes'),
  crb('kubeadm:node-proxier', 'system:node-proxier', 'ServiceAccount', 'kube-proxy', 'kube-system'),
  crb('system:coredns', 'system:coredns', 'ServiceAccount', 'coredns', 'kube-system'),
].join('');
