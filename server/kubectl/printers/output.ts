/**
 * kubectl's -o formats for objects: yaml (sigs.k8s.io/yaml: keys sorted, sequences not
 * indented), json (4-space indent), name (`kind.group/name`), and a List wrapper for several.
 */
import { stringify } from 'yaml';
import { qualifiedName, type KubeObject } from '../../api/index.js';
import { kindFor, resourceTypeForKind } from '../../cluster/index.js';

export function toYaml(value: unknown): string {
  return stringify(value, { sortMapEntries: true, indentSeq: false, lineWidth: 0, nullStr: 'null', aliasDuplicateObjects: false });
}

export function toJson(value: unknown): string {
  return `${JSON.stringify(value, null, 4)}\n`;
}

/** `networkpolicy.networking.k8s.io/x`, as `-o name` and the action messages print. */
export function objectName(o: KubeObject): string {
  const t = kindFor(o.apiVersion, o.kind) ?? resourceTypeForKind(o.kind);
  return `${t ? qualifiedName(t, 'singular') : o.kind.toLowerCase()}/${o.metadata.name}`;
}

export function asList(items: KubeObject[]): Record<string, unknown> {
  return { apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } };
}
