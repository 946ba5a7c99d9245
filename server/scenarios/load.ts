/**
 * A scenario file's text to a Scenario, or to located problems: YAML parsed within limits
 * (size, aliases, depth), validated against the schema, normalised, then checked against its
 * own starting cluster. Never throws on bad input.
 */
import { isMap, isPair, isScalar, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { Scenario, ScenarioProblem } from './types.js';
import { normalizeScenario } from './normalize.js';
import { semanticProblems } from './semantics.js';
import { pathText, schemaErrors, type LocatedError, type PathSegment } from './validate.js';

export const SCENARIO_LIMITS = { maxBytes: 512 * 1024, maxAliasCount: 50, maxDepth: 40 } as const;

export interface LoadResult {
  scenario?: Scenario;
  problems: ScenarioProblem[];
  /**
   * The scenario as far as it could be read when there are problems (schema or reference
   * mistakes): `scenario check` self-tests it too, so that one run reports every problem.
   * Never served.
   */
  draft?: Scenario;
  /** Where each of setup.objects comes from in the file (cluster.pods[2], cluster.objects[0], ...). */
  objectPaths?: PathSegment[][];
}

function depthOf(v: unknown, limit: number, depth = 0): number {
  if (depth > limit || v === null || typeof v !== 'object') return depth;
  let max = depth;
  for (const x of Object.values(v as object)) {
    max = Math.max(max, depthOf(x, limit, depth + 1));
    if (max > limit) break;
  }
  return max;
}

/** The source position of a path in the document: the key's for an unknown key, else the value's. */
function locate(doc: Document.Parsed, lc: LineCounter, path: readonly PathSegment[], atKey?: string): { line: number; column: number } | undefined {
  let node: unknown = doc.contents;
  let last: Node | undefined = node as Node;
  for (const seg of path) {
    const next = (node as { get?: (k: unknown, keep: boolean) => unknown })?.get?.(seg, true);
    if (next === undefined) break;
    node = next;
    if (node && typeof node === 'object' && 'range' in (node as object)) last = node as Node;
  }
  if (atKey !== undefined && isMap(node)) {
    const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === atKey);
    if (pair && isScalar(pair.key) && pair.key.range) last = pair.key;
  }
  const offset = last?.range?.[0];
  if (offset === undefined) return undefined;
  const pos = lc.linePos(offset);
  return { line: pos.line, column: pos.col };
}

/** Locates a field path in a scenario's text (for problems found after loading, e.g. by the self-test). */
export function locateInText(text: string, path: readonly PathSegment[]): { line: number; column: number } | undefined {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc });
  return locate(doc, lc, path);
}

export function parseScenario(text: string, file: string): LoadResult {
  const one = (message: string, line?: number, column?: number): LoadResult => ({ problems: [{ file, ...(line !== undefined ? { line, column } : {}), message }] });
  if (Buffer.byteLength(text, 'utf8') > SCENARIO_LIMITS.maxBytes) return one(`the file is larger than ${SCENARIO_LIMITS.maxBytes / 1024} KiB`);
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length) {
    return {
      problems: doc.errors.slice(0, 10).map((e) => {
        const pos = e.linePos?.[0] ?? (e.pos?.[0] !== undefined ? lc.linePos(e.pos[0]) : undefined);
        return { file, ...(pos ? { line: pos.line, column: pos.col } : {}), message: `YAML: ${e.message.split('\n')[0]}` };
      }),
    };
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: SCENARIO_LIMITS.maxAliasCount });
  } catch (e) {
    return one(`YAML: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (depthOf(value, SCENARIO_LIMITS.maxDepth) > SCENARIO_LIMITS.maxDepth) return one(`nested deeper than ${SCENARIO_LIMITS.maxDepth} levels`);
  const located = (errors: LocatedError[]): ScenarioProblem[] =>
    errors.map((e) => ({ file, ...(locate(doc, lc, e.path, e.atKey) ?? {}), ...(e.path.length ? { path: pathText(e.path) } : {}), message: e.message }));
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return one('expected a mapping with id, title and steps');
  const errors = schemaErrors(value);
  // Past schema mistakes, the rest of the file is still read and checked where it can be: an
  // author fixes every problem of a file after one run, not one kind per run.
  let n: ReturnType<typeof normalizeScenario> | undefined;
  try {
    n = normalizeScenario(value as Record<string, unknown>);
  } catch {
    n = undefined;
  }
  const problems: LocatedError[] = [...errors, ...(n?.problems ?? [])];
  if (n && n.problems.length === 0) {
    try {
      // A reference problem about an object the schema already refused a field of says nothing new
      // (the same object: a check, a pod; top-level fields are their own).
      const within = (x: readonly PathSegment[], y: readonly PathSegment[]) => y.length > 0 && x.length >= y.length && y.every((seg, i) => seg === x[i]);
      const owner = (x: readonly PathSegment[]) => (x.length > 2 ? x.slice(0, -1) : x);
      const related = (x: readonly PathSegment[], y: readonly PathSegment[]) => within(x, owner(y)) || within(y, owner(x));
      problems.push(...semanticProblems(n.scenario, n.objectPaths).filter((p) => !errors.some((e) => related(e.path, p.path))));
    } catch (e) {
      if (errors.length === 0) throw e;
    }
  }
  const seen = new Set<string>();
  const unique = located(problems).filter((p) => {
    const k = `${p.path ?? ''}|${p.message}`;
    return !seen.has(k) && (seen.add(k), true);
  });
  if (unique.length) return { problems: sortProblems(unique), ...(n && n.problems.length === 0 ? { draft: n.scenario, objectPaths: n.objectPaths } : {}) };
  return { scenario: n!.scenario, problems: [], objectPaths: n!.objectPaths };
}

function sortProblems(ps: ScenarioProblem[]): ScenarioProblem[] {
  return ps.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
}
