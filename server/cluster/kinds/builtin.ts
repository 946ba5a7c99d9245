/**
 * The rest of what a kubeadm 1.32 API server serves (`kubectl api-resources`), registered as
 * "stored as given" until an issue gives a kind its behaviour: accepted with its metadata
 * defaulted, listed, got, deleted, garbage-collected like any other. To give one its behaviour,
 * move its line into a file of its own (see README.md) and register that file in index.ts.
 *
 * Source: kubernetes v1.32 pkg/registry/<group>/rest/storage_*.go (which resources and versions
 * are served by default: no beta APIs) and pkg/registry/<group>/<kind>/storage/storage.go
 * (ShortNames(), Categories(); resources whose storage has no DeleteCollection or only Create).
 */
import { storedAsGiven, type KindStrategy, type Verb } from './strategy.js';

const CREATE_ONLY: readonly Verb[] = ['create'];
const API_EXTENSIONS = ['api-extensions'];

export const BUILTIN_STORED_KINDS: readonly KindStrategy[] = [
  // core/v1
  storedAsGiven({ kind: 'Binding', resource: 'bindings', group: '', version: 'v1', namespaced: true, verbs: CREATE_ONLY }),
  storedAsGiven({ kind: 'ComponentStatus', resource: 'componentstatuses', shortNames: ['cs'], group: '', version: 'v1', namespaced: false, verbs: ['get', 'list'] }),
  storedAsGiven({ kind: 'PodTemplate', resource: 'podtemplates', group: '', version: 'v1', namespaced: true }),
  storedAsGiven({ kind: 'ReplicationController', resource: 'replicationcontrollers', shortNames: ['rc'], group: '', version: 'v1', namespaced: true, categories: ['all'] }),
  // admissionregistration.k8s.io/v1
  storedAsGiven({ kind: 'MutatingWebhookConfiguration', resource: 'mutatingwebhookconfigurations', group: 'admissionregistration.k8s.io', version: 'v1', namespaced: false, categories: API_EXTENSIONS }),
  storedAsGiven({ kind: 'ValidatingAdmissionPolicy', resource: 'validatingadmissionpolicies', group: 'admissionregistration.k8s.io', version: 'v1', namespaced: false, categories: API_EXTENSIONS }),
  storedAsGiven({ kind: 'ValidatingAdmissionPolicyBinding', resource: 'validatingadmissionpolicybindings', group: 'admissionregistration.k8s.io', version: 'v1', namespaced: false, categories: API_EXTENSIONS }),
  storedAsGiven({ kind: 'ValidatingWebhookConfiguration', resource: 'validatingwebhookconfigurations', group: 'admissionregistration.k8s.io', version: 'v1', namespaced: false, categories: API_EXTENSIONS }),
  // apiextensions.k8s.io/v1, apiregistration.k8s.io/v1
  storedAsGiven({ kind: 'CustomResourceDefinition', resource: 'customresourcedefinitions', shortNames: ['crd', 'crds'], group: 'apiextensions.k8s.io', version: 'v1', namespaced: false, categories: API_EXTENSIONS }),
  storedAsGiven({ kind: 'APIService', resource: 'apiservices', group: 'apiregistration.k8s.io', version: 'v1', namespaced: false, categories: API_EXTENSIONS }),
  // apps/v1
  storedAsGiven({ kind: 'ControllerRevision', resource: 'controllerrevisions', group: 'apps', version: 'v1', namespaced: true }),
  // authentication.k8s.io/v1, authorization.k8s.io/v1: create-only reviews
  storedAsGiven({ kind: 'SelfSubjectReview', resource: 'selfsubjectreviews', group: 'authentication.k8s.io', version: 'v1', namespaced: false, verbs: CREATE_ONLY }),
  storedAsGiven({ kind: 'TokenReview', resource: 'tokenreviews', group: 'authentication.k8s.io', version: 'v1', namespaced: false, verbs: CREATE_ONLY }),
  storedAsGiven({ kind: 'LocalSubjectAccessReview', resource: 'localsubjectaccessreviews', group: 'authorization.k8s.io', version: 'v1', namespaced: true, verbs: CREATE_ONLY }),
  storedAsGiven({ kind: 'SelfSubjectAccessReview', resource: 'selfsubjectaccessreviews', group: 'authorization.k8s.io', version: 'v1', namespaced: false, verbs: CREATE_ONLY }),
  storedAsGiven({ kind: 'SelfSubjectRulesReview', resource: 'selfsubjectrulesreviews', group: 'authorization.k8s.io', version: 'v1', namespaced: false, verbs: CREATE_ONLY }),
  storedAsGiven({ kind: 'SubjectAccessReview', resource: 'subjectaccessreviews', group: 'authorization.k8s.io', version: 'v1', namespaced: false, verbs: CREATE_ONLY }),
  // autoscaling/v2 (preferred; v1 is served too), batch/v1
  storedAsGiven({ kind: 'HorizontalPodAutoscaler', resource: 'horizontalpodautoscalers', shortNames: ['hpa'], group: 'autoscaling', version: 'v2', otherVersions: ['v1'], namespaced: true, categories: ['all'] }),
  // certificates, coordination, discovery, events
  storedAsGiven({ kind: 'CertificateSigningRequest', resource: 'certificatesigningrequests', shortNames: ['csr'], group: 'certificates.k8s.io', version: 'v1', namespaced: false }),
  storedAsGiven({ kind: 'Lease', resource: 'leases', group: 'coordination.k8s.io', version: 'v1', namespaced: true }),
  storedAsGiven({ kind: 'EndpointSlice', resource: 'endpointslices', group: 'discovery.k8s.io', version: 'v1', namespaced: true }),
  storedAsGiven({ kind: 'Event', resource: 'events', shortNames: ['ev'], group: 'events.k8s.io', version: 'v1', namespaced: true }),
  // flowcontrol.apiserver.k8s.io/v1 (v1beta3 is no longer served in 1.32)
  storedAsGiven({ kind: 'FlowSchema', resource: 'flowschemas', group: 'flowcontrol.apiserver.k8s.io', version: 'v1', namespaced: false }),
  storedAsGiven({ kind: 'PriorityLevelConfiguration', resource: 'prioritylevelconfigurations', group: 'flowcontrol.apiserver.k8s.io', version: 'v1', namespaced: false }),
  // networking.k8s.io/v1 (NetworkPolicy has its own file), node.k8s.io/v1, policy/v1
  storedAsGiven({ kind: 'IngressClass', resource: 'ingressclasses', group: 'networking.k8s.io', version: 'v1', namespaced: false }),
  storedAsGiven({ kind: 'Ingress', resource: 'ingresses', shortNames: ['ing'], group: 'networking.k8s.io', version: 'v1', namespaced: true }),
  storedAsGiven({ kind: 'RuntimeClass', resource: 'runtimeclasses', group: 'node.k8s.io', version: 'v1', namespaced: false }),
  storedAsGiven({ kind: 'PodDisruptionBudget', resource: 'poddisruptionbudgets', shortNames: ['pdb'], group: 'policy', version: 'v1', namespaced: true }),
  // storage.k8s.io/v1
  storedAsGiven({ kind: 'CSIDriver', resource: 'csidrivers', group: 'storage.k8s.io', version: 'v1', namespaced: false }),
  storedAsGiven({ kind: 'CSINode', resource: 'csinodes', group: 'storage.k8s.io', version: 'v1', namespaced: false }),
  storedAsGiven({ kind: 'CSIStorageCapacity', resource: 'csistoragecapacities', group: 'storage.k8s.io', version: 'v1', namespaced: true }),
  storedAsGiven({ kind: 'VolumeAttachment', resource: 'volumeattachments', group: 'storage.k8s.io', version: 'v1', namespaced: false }),
];
