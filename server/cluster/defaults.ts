/**
 * Defaulting as the API server applies it on create (pkg/apis/core/v1/defaults.go,
 * apps/v1/defaults.go, networking/v1/defaults.go): what `get -o yaml` shows that the user never wrote.
 */
import type { KubeObject } from '../api/index.js';

type Obj = Record<string, any>;

function defaultContainer(c: Obj): void {
  for (const p of c.ports ?? []) p.protocol ??= 'TCP';
  c.resources ??= {};
  c.terminationMessagePath ??= '/dev/termination-log';
  c.terminationMessagePolicy ??= 'File';
  if (c.imagePullPolicy === undefined) {
    const image = String(c.image ?? '');
    const tag = image.includes('@') ? 'digest' : (image.split('/').pop() ?? '').split(':')[1];
    c.imagePullPolicy = tag === undefined || tag === 'latest' ? 'Always' : 'IfNotPresent';
  }
}

export function defaultPodSpec(spec: Obj): void {
  for (const c of spec.containers ?? []) defaultContainer(c);
  for (const c of spec.initContainers ?? []) defaultContainer(c);
  spec.restartPolicy ??= 'Always';
  spec.terminationGracePeriodSeconds ??= 30;
  spec.dnsPolicy ??= 'ClusterFirst';
  spec.securityContext ??= {};
  spec.schedulerName ??= 'default-scheduler';
  spec.enableServiceLinks ??= true;
  spec.preemptionPolicy ??= 'PreemptLowerPriority';
  spec.priority ??= 0;
}

export function applyDefaults(obj: KubeObject): void {
  const o = obj as Obj;
  switch (obj.kind) {
    case 'Pod': {
      o.spec ??= {};
      defaultPodSpec(o.spec);
      o.spec.serviceAccountName ??= 'default';
      o.spec.tolerations ??= [
        { effect: 'NoExecute', key: 'node.kubernetes.io/not-ready', operator: 'Exists', tolerationSeconds: 300 },
        { effect: 'NoExecute', key: 'node.kubernetes.io/unreachable', operator: 'Exists', tolerationSeconds: 300 },
      ];
      break;
    }
    case 'Service': {
      o.spec ??= {};
      const s = o.spec;
      s.type ??= 'ClusterIP';
      s.sessionAffinity ??= 'None';
      if (s.type !== 'ExternalName') {
        s.ipFamilies ??= ['IPv4'];
        s.ipFamilyPolicy ??= 'SingleStack';
        s.internalTrafficPolicy ??= 'Cluster';
      }
      if (s.type === 'NodePort' || s.type === 'LoadBalancer') s.externalTrafficPolicy ??= 'Cluster';
      for (const p of s.ports ?? []) {
        p.protocol ??= 'TCP';
        p.targetPort ??= p.port;
      }
      break;
    }
    case 'Deployment': {
      const s = (o.spec ??= {});
      s.replicas ??= 1;
      // SetDefaults_Deployment: also `strategy: {}`, as `kubectl create deployment` sends it.
      s.strategy ??= {};
      s.strategy.type ||= 'RollingUpdate';
      if (s.strategy.type === 'RollingUpdate') {
        s.strategy.rollingUpdate ??= {};
        s.strategy.rollingUpdate.maxSurge ??= '25%';
        s.strategy.rollingUpdate.maxUnavailable ??= '25%';
      }
      s.revisionHistoryLimit ??= 10;
      s.progressDeadlineSeconds ??= 600;
      if (s.template?.spec) defaultPodSpec(s.template.spec);
      break;
    }
    case 'ReplicaSet': {
      const s = (o.spec ??= {});
      s.replicas ??= 1;
      if (s.template?.spec) defaultPodSpec(s.template.spec);
      break;
    }
    case 'NetworkPolicy': {
      const s = (o.spec ??= {});
      s.podSelector ??= {};
      for (const dir of ['ingress', 'egress'] as const) {
        for (const rule of s[dir] ?? []) for (const p of rule.ports ?? []) p.protocol ??= 'TCP';
      }
      if (!s.policyTypes || s.policyTypes.length === 0) {
        s.policyTypes = ['Ingress'];
        if (Array.isArray(s.egress) && s.egress.length > 0) s.policyTypes.push('Egress');
      }
      break;
    }
    case 'Namespace': {
      o.spec ??= { finalizers: ['kubernetes'] };
      break;
    }
  }
}
