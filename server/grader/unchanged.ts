/**
 * The "everything else unchanged" guard and the "intent" check, both symbolic (policy-diff.ts);
 * and the reachability table of declared ports the network map draws.
 */
import type { NetworkPolicy } from '../api/index.js';
import { computeMatrix, type Engine, type PodInfo } from '../netpol/index.js';
import { changeLines, diffConnections, diffPolicies, intentLines, linesText, type Exclusion } from './policy-diff.js';
import type { CheckResult } from './types.js';

export type { Exclusion };

const SYSTEM = new Set(['kube-system', 'kube-public', 'kube-node-lease']);

/**
 * Reachability at one moment, compact: the matrix's pods and destinations by name, each
 * destination's probes, and one byte per cell (a 500-pod scenario has ~300k cells).
 */
export interface Reachability {
  pods: readonly string[];
  destinations: readonly { name: string; probes: readonly string[] }[];
  /** Start of each destination's cells within a source's row. */
  offsets: readonly number[];
  rowLength: number;
  cells: Uint8Array;
}

const captured = new WeakMap<Engine, Reachability>();

function scenarioPods(p: PodInfo): boolean {
  return !p.synthetic && !SYSTEM.has(p.namespace);
}

export function captureReachability(engine: Engine): Reachability {
  const hit = captured.get(engine);
  if (hit) return hit;
  const m = computeMatrix(engine, { includePod: scenarioPods });
  const offsets: number[] = [];
  let rowLength = 0;
  const destinations = m.destinations.map((d) => {
    offsets.push(rowLength);
    rowLength += d.probes.length;
    return { name: d.name, probes: d.probes.map((p) => `${p.port}/${p.protocol}`) };
  });
  const cells = new Uint8Array(m.pods.length * rowLength);
  for (let i = 0; i < m.pods.length; i++) {
    for (let j = 0; j < destinations.length; j++) {
      const n = destinations[j]!.probes.length;
      for (let k = 0; k < n; k++) cells[i * rowLength + offsets[j]! + k] = m.allowed(i, j, k) ? 1 : 0;
    }
  }
  const r: Reachability = { pods: m.pods.map((p) => p.key), destinations, offsets, rowLength, cells };
  captured.set(engine, r);
  return r;
}

export interface StepPolicies {
  /** The NetworkPolicies when the step began (the start, plus the solutions of the tasks before it). */
  before: readonly NetworkPolicy[];
  /** The policies the step's solution leaves (or its start with the intent's reference applied), per intent check index. */
  expected: ReadonlyMap<number, readonly NetworkPolicy[]>;
}

/**
 * Every connection keeps the reachability it had when the step began — between any pods there
 * could be and any outside address, on every port — except the connections the step names.
 */
export function gradeUnchanged(engine: Engine, before: readonly NetworkPolicy[], exclusions: readonly Exclusion[]): Omit<CheckResult, 'index'> {
  const title = 'every other connection keeps its reachability';
  const diffs = diffPolicies(engine, before, exclusions);
  if (diffs.length === 0) return { kind: 'unchanged', passed: true, title, explanation: 'No other connection changed, on any port, for any pod or address.', connections: [] };
  const lines = changeLines(diffs);
  return {
    kind: 'unchanged',
    passed: false,
    title,
    explanation: `${lines.length} connection${lines.length === 1 ? '' : 's'} the task does not ask about changed:\n${linesText(lines)}`,
    connections: diffConnections(diffs),
  };
}

/** The policies act as the expected ones, for every pod there could be, every address and port. */
export function gradeIntent(engine: Engine, expected: readonly NetworkPolicy[] | undefined, check: { reference: readonly unknown[] | undefined; except: readonly Exclusion[] }): Omit<CheckResult, 'index'> {
  const title = check.reference ? 'the NetworkPolicies allow exactly what the reference policies allow' : "the NetworkPolicies allow exactly what the task's solution allows";
  if (!expected) return { kind: 'intent', passed: false, title, explanation: 'No expected policies to compare with.', connections: [] };
  const diffs = diffPolicies(engine, expected, check.except);
  if (diffs.length === 0) return { kind: 'intent', passed: true, title, explanation: 'The policies allow what the task asks, for every pod, address, port and protocol.', connections: [] };
  const lines = intentLines(diffs, 'the task');
  // The map's red marks come from the reach checks and the guard; intent adds only explanations.
  return { kind: 'intent', passed: false, title, explanation: linesText(lines), connections: [] };
}
