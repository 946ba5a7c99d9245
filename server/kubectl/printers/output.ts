/**
 * kubectl's -o formats for objects: yaml (sigs.k8s.io/yaml over go-yaml v2), json (4-space
 * indent), name (`kind.group/name`), and a List wrapper for several.
 */
import { qualifiedName, type KubeObject } from '../../api/index.js';
import { kindFor, resourceTypeForKind } from '../../cluster/index.js';
import { goYaml } from './go-yaml.js';
import { goJson } from './go-format.js';
import { inStructOrder } from './struct-order.js';

export function toYaml(value: unknown): string {
  return goYaml(value);
}

/** An object read from the server (or a file) is unstructured: its keys print sorted. */
export function toJson(value: unknown): string {
  return `${goJson(value, '    ')}\n`;
}

/** A typed object kubectl built itself (a generator's output): fields in the Go struct's order. */
export function toJsonInStructOrder(value: unknown): string {
  return `${JSON.stringify(inStructOrder(value as Record<string, unknown>), null, 4).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}\n`;
}

/** `networkpolicy.networking.k8s.io/x`, as `-o name` and the action messages print. */
export function objectName(o: KubeObject): string {
  const t = kindFor(o.apiVersion, o.kind) ?? resourceTypeForKind(o.kind);
  return `${t ? qualifiedName(t, 'singular') : o.kind.toLowerCase()}/${o.metadata.name}`;
}

export function asList(items: KubeObject[]): Record<string, unknown> {
  return { apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } };
}
