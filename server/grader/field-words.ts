/**
 * A `field` check's JSONPath said in words for the learner: `{.spec.podSelector.matchLabels.name}`
 * reads "the pod selector's label name", `{.spec.egress[0].ports[1].port}` "the first egress
 * rule's second port's port". Paths that are not a plain chain of fields and indexes stay as
 * written, so nothing is ever said wrongly.
 */
const WORDS: Record<string, string> = {
  podSelector: 'pod selector',
  namespaceSelector: 'namespace selector',
  matchLabels: 'label',
  matchExpressions: 'selector expression',
  labels: 'label',
  annotations: 'annotation',
  policyTypes: 'policy types',
  ingress: 'ingress rule',
  egress: 'egress rule',
  ipBlock: 'IP block',
  endPort: 'end port',
  containers: 'container',
  initContainers: 'init container',
  containerPort: 'container port',
  targetPort: 'target port',
  nodePort: 'node port',
  clusterIP: 'cluster IP',
  serviceAccountName: 'service account',
  nodeName: 'node',
  nodeSelector: 'node selector',
  storageClassName: 'storage class',
  accessModes: 'access modes',
};
/** Segments that only say where in the object a field lives. */
const SILENT = new Set(['spec', 'metadata', 'template']);
const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth'];

const humanize = (name: string) => WORDS[name] ?? name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();

/** The phrase for a plain JSONPath, or undefined when the path is more than fields and indexes. */
export function fieldPhrase(jsonpath: string): string | undefined {
  const m = /^\{((?:\.[A-Za-z_][\w-]*(?:\[\d+\])?)+)\}$/.exec(jsonpath.trim());
  if (!m) return undefined;
  const parts: string[] = [];
  let labelled = false;
  for (const seg of m[1]!.slice(1).split('.')) {
    const [, name, index] = /^([\w-]+)(?:\[(\d+)\])?$/.exec(seg)!;
    if (labelled) {
      // The key under matchLabels/labels/annotations is the label's own name.
      parts[parts.length - 1] += ` ${name}`;
      labelled = false;
      continue;
    }
    if (SILENT.has(name!) && index === undefined) continue;
    let word = humanize(name!);
    if (index !== undefined) {
      // One element of a list is named in the singular: `ports[1]` is the second port.
      if (!(name! in WORDS) && word.endsWith('s')) word = word.slice(0, -1);
      word = `${ORDINALS[Number(index)] ?? `${Number(index) + 1}th`} ${word}`;
    }
    parts.push(word);
    labelled = name === 'matchLabels' || name === 'labels' || name === 'annotations' || name === 'nodeSelector';
  }
  if (parts.length === 0) return undefined;
  return `the ${parts.join("'s ")}`;
}

/** How a field check names what it reads: the phrase, or the JSONPath itself. */
export function fieldSubject(jsonpath: string): string {
  return fieldPhrase(jsonpath) ?? jsonpath;
}
