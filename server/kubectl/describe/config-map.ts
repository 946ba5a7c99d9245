/**
 * ConfigMapDescriber and describeSecret (staging/src/k8s.io/kubectl/pkg/describe/describe.go,
 * kubectl 1.32). Go walks the data maps in random order; the lab prints keys sorted. A Secret's
 * values are never printed, only their sizes (a service-account token's `token` excepted).
 */
import type { KubeObject } from '../../api/index.js';
import { PrefixWriter } from './writer.js';
import { annotations } from './lines.js';

interface ConfigObject extends KubeObject {
  data?: Record<string, string>;
  binaryData?: Record<string, string>;
  type?: string;
}

const bytesOf = (b64: string) => Buffer.from(b64, 'base64');
const sorted = (m: Record<string, string> | undefined) => Object.keys(m ?? {}).sort();

export function describeConfigMap(o: KubeObject): string {
  const cm = o as ConfigObject;
  const w = new PrefixWriter();
  w.write(0, `Name:\t${cm.metadata.name}\n`);
  w.write(0, `Namespace:\t${cm.metadata.namespace ?? ''}\n`);
  w.labels('Labels', cm.metadata.labels);
  annotations(w, 'Annotations', cm.metadata.annotations);
  w.write(0, '\nData\n====\n');
  for (const k of sorted(cm.data)) {
    w.write(0, `${k}:\n----\n`);
    w.write(0, `${cm.data![k]}\n`);
    w.write(0, '\n');
  }
  w.write(0, '\nBinaryData\n====\n');
  for (const k of sorted(cm.binaryData)) w.write(0, `${k}: ${bytesOf(cm.binaryData![k]!).length} bytes\n`);
  w.write(0, '\n');
  w.write(0, 'Events:\t<none>\n');
  return w.toString();
}

export function describeSecret(o: KubeObject): string {
  const s = o as ConfigObject;
  const w = new PrefixWriter();
  w.write(0, `Name:\t${s.metadata.name}\n`);
  w.write(0, `Namespace:\t${s.metadata.namespace ?? ''}\n`);
  w.labels('Labels', s.metadata.labels);
  annotations(w, 'Annotations', s.metadata.annotations);
  w.write(0, `\nType:\t${s.type ?? ''}\n`);
  w.write(0, '\nData\n====\n');
  for (const k of sorted(s.data)) {
    const bytes = bytesOf(s.data![k]!);
    if (k === 'token' && s.type === 'kubernetes.io/service-account-token') w.write(0, `${k}:\t${bytes.toString('utf8')}\n`);
    else w.write(0, `${k}:\t${bytes.length} bytes\n`);
  }
  return w.toString();
}
