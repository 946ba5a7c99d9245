/** Resource checks: an object exists or not, a field reads a value, a kind has so many objects. */
import { selectorMatches, type ResourceType } from '../api/index.js';
import { fieldSubject } from './field-words.js';
import { resolveResourceType } from '../cluster/index.js';
import type { ClusterApi } from '../cluster/index.js';
import { renderJsonPath } from '../kubectl/index.js';
import type { Check, ObjectRef } from '../scenarios/index.js';
import type { CheckResult } from './types.js';
import { labelsText } from './words.js';
import { semanticField, sameValue } from './field.js';

type Result = Omit<CheckResult, 'index'>;

function refText(t: ResourceType, ref: ObjectRef): string {
  return `${t.kind} ${ref.name}${t.namespaced && ref.namespace !== 'default' ? ` in namespace ${ref.namespace}` : ''}`;
}

function typeOf(kind: string, check: Check['kind'], title: string): ResourceType | Result {
  const t = resolveResourceType(kind);
  return t ?? { kind: check, passed: false, title, explanation: `The scenario names an unknown kind "${kind}".`, connections: [] };
}

export function gradeResource(cluster: ClusterApi, check: Exclude<Check, { kind: 'reach' | 'unchanged' | 'intent' | 'can' }>): Result {
  if (check.kind === 'count') {
    const t = typeOf(check.type, 'count', `${check.equals} ${check.type}`);
    if (!('resource' in t)) return t;
    const where = `${check.namespace ? ` in namespace ${check.namespace}` : ''}${check.labels ? ` with labels ${labelsText(check.labels)}` : ''}`;
    const title = `${check.equals} ${check.equals === 1 ? t.kind : t.resource}${where}`;
    const n = cluster.list(t, t.namespaced ? check.namespace : undefined).filter((o) => !check.labels || selectorMatches({ matchLabels: check.labels }, o.metadata.labels ?? {})).length;
    return { kind: 'count', passed: n === check.equals, title, explanation: n === check.equals ? `There are ${n}, as expected.` : `There ${n === 1 ? 'is' : 'are'} ${n}, expected ${check.equals}.`, connections: [] };
  }
  const ref = check.ref;
  const t = typeOf(ref.kind, check.kind, `${ref.kind} ${ref.name}`);
  if (!('resource' in t)) return t;
  const obj = cluster.get(t, t.namespaced ? ref.namespace : undefined, ref.name);
  const what = refText(t, ref);
  switch (check.kind) {
    case 'exists':
      return { kind: 'exists', passed: !!obj, title: `${what} exists`, explanation: obj ? `${what} exists.` : `${what} does not exist${t.namespaced && ref.namespace === 'default' ? ' in namespace default' : ''}.`, connections: [] };
    case 'absent':
      return { kind: 'absent', passed: !obj, title: `${what} is absent`, explanation: obj ? `${what} still exists.` : `${what} is gone.`, connections: [] };
    case 'field': {
      const subject = fieldSubject(check.jsonpath);
      const title = `${what}: ${subject} is "${check.equals}"`;
      if (!obj) return { kind: 'field', passed: false, title, explanation: `${what} does not exist.`, connections: [] };
      const r = renderJsonPath(check.jsonpath, obj);
      if (!r.ok) return { kind: 'field', passed: false, title, explanation: `The scenario's JSONPath does not parse: ${r.message}`, connections: [] };
      const got = r.value.trim();
      const semantic = semanticField(obj, check.jsonpath, check.equals, what);
      if (semantic) return { kind: 'field', ...semantic, title, connections: [] };
      if (got === check.equals || sameValue(got, check.equals)) return { kind: 'field', passed: true, title, explanation: got === check.equals ? `${capitalize(subject)} is "${got}".` : `${capitalize(subject)} is "${got}", the same value as "${check.equals}".`, connections: [] };
      return { kind: 'field', passed: false, title, explanation: `${capitalize(subject)} is ${got ? `"${got}"` : 'empty'}, expected "${check.equals}".`, connections: [] };
    }
  }
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
