/** DescribePodTemplate (staging/src/k8s.io/kubectl/pkg/describe/describe.go, 1.32), for Deployments and ReplicaSets. */
import type { PodTemplateSpec } from '../../api/index.js';
import { describeContainers, describeVolumes } from './containers.js';
import { annotations, tolerations } from './lines.js';
import { describeTopologySpreadConstraints } from './pod.js';
import type { PrefixWriter } from './writer.js';

type Obj = Record<string, any>;

export function describePodTemplate(w: PrefixWriter, template: PodTemplateSpec | undefined): void {
  w.write(0, 'Pod Template:\n');
  if (!template) {
    w.write(1, '<unset>');
    return;
  }
  const spec = (template.spec ?? {}) as Obj;
  w.labels('  Labels', template.metadata?.labels);
  if (Object.keys(template.metadata?.annotations ?? {}).length) annotations(w, '  Annotations', template.metadata!.annotations);
  if (spec.serviceAccountName) w.write(1, `Service Account:\t${spec.serviceAccountName}\n`);
  if (spec.initContainers?.length) describeContainers(w, 'Init Containers', spec.initContainers, undefined, undefined, '  ');
  describeContainers(w, 'Containers', spec.containers ?? [], undefined, undefined, '  ');
  describeVolumes(w, spec.volumes, '  ');
  describeTopologySpreadConstraints(w, spec.topologySpreadConstraints, '  ');
  if (spec.priorityClassName) w.write(1, `Priority Class Name:\t${spec.priorityClassName}\n`);
  w.labels('  Node-Selectors', spec.nodeSelector);
  tolerations(w, '  Tolerations', spec.tolerations);
}
