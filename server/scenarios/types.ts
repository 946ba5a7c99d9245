/**
 * A scenario as the rest of the lab sees it: the file's shorthand normalised (defaults filled,
 * `ns/name` split, one-key check objects turned into tagged unions). The file format itself is
 * documented by schema.ts (and scenarios/schema.json generated from it).
 */
import type { LabSetup, Protocol } from '../api/index.js';

export type Difficulty = 'easy' | 'medium' | 'hard';

export interface Scenario {
  id: string;
  title: string;
  summary: string;
  difficulty: Difficulty;
  tags: readonly string[];
  minutes: number;
  /** Show the live network map (false: exam-like, the learner may still toggle it on). */
  map: boolean;
  /** Pods that serve the connection-test page (a tab on the lab page). */
  appPages: readonly { namespace: string; pod: string }[];
  setup: LabSetup;
  steps: readonly Step[];
}

export interface Step {
  id: string;
  title: string;
  /** Markdown. */
  text: string;
  points: number;
  hints: readonly string[];
  /** Shell lines, run as a learner's (tasks); the answer itself for questions. */
  solution: string;
  body: Question | Task;
}

export type Question =
  | { kind: 'single'; choices: readonly string[]; answer: string; explain: string }
  | { kind: 'multiple'; choices: readonly string[]; answers: readonly string[]; explain: string }
  | { kind: 'text'; accept: readonly string[]; explain: string };

export interface Task {
  kind: 'task';
  checks: readonly Check[];
}

/** One end of a connection a check names. */
export type EndpointRef =
  | { kind: 'pod'; namespace: string; name: string }
  | { kind: 'selector'; namespace: string; labels: Readonly<Record<string, string>> }
  | { kind: 'service'; namespace: string; name: string }
  /** A scenario's external host (by name) or any outside address. */
  | { kind: 'external'; host: string };

export interface ObjectRef {
  kind: string;
  name: string;
  namespace: string;
}

/** Connections an `unchanged` guard leaves out: every field given must match. */
export interface ConnectionPattern {
  from?: EndpointRef;
  to?: EndpointRef;
  port?: number;
  protocol?: Protocol;
}

export type Check =
  | { kind: 'reach'; from: EndpointRef; to: EndpointRef; port: number; protocol: Protocol; allowed: boolean }
  | { kind: 'unchanged'; except: readonly ConnectionPattern[] }
  /**
   * The NetworkPolicies act as the expected ones on every representative pod and address and every
   * port: the policies the step's solution leaves, or the step's start with `reference` applied.
   */
  | { kind: 'intent'; reference: readonly unknown[] | undefined; except: readonly ConnectionPattern[] }
  | { kind: 'exists'; ref: ObjectRef }
  | { kind: 'absent'; ref: ObjectRef }
  | { kind: 'field'; ref: ObjectRef; jsonpath: string; equals: string }
  | { kind: 'count'; type: string; namespace: string | undefined; labels: Readonly<Record<string, string>> | undefined; equals: number }
  | { kind: 'podsPerNode'; namespace: string; labels: Readonly<Record<string, string>>; nodes: readonly string[] | undefined; equals: number }
  | { kind: 'rollout'; ref: ObjectRef; revision: number | undefined }
  /** A file on a node: it exists (or not), and holds a text. */
  | { kind: 'file'; host: string; path: string; exists: boolean; contains: string | undefined }
  /** A systemd service on a node is active and/or enabled. */
  | { kind: 'service'; host: string; name: string; active: boolean | undefined; enabled: boolean | undefined }
  /** A node is Ready (or not). */
  | { kind: 'node-ready'; node: string; ready: boolean }
  /** A static pod from a node's staticPodPath runs: its mirror pod `<name>-<host>` is Running and ready. */
  | { kind: 'static-pod'; host: string; name: string; namespace: string }
  /** A file on a node is an etcd snapshot, holding these objects and not those. */
  | { kind: 'snapshot'; host: string; path: string; contains: readonly ObjectRef[]; lacks: readonly ObjectRef[] }
  /** A file on a node holds a certificate's expiry date (as `openssl x509 -enddate` prints it, with or without `notAfter=`). */
  | { kind: 'cert-expiry'; host: string; cert: string; file: string }
  | CanCheck;

/** An authorization question, decided by the lab's RBAC authorizer (`kubectl auth can-i VERB RESOURCE --as AS -n NS`). */
export interface CanCheck {
  kind: 'can';
  /** A user name or `system:serviceaccount:NS:NAME`. */
  as: string;
  groups: readonly string[];
  verb: string;
  /** A resource as kubectl takes it (`pods`, `deployments.apps`, `pods/log`). */
  resource: string;
  /** Absent: cluster-wide. */
  namespace: string | undefined;
  name: string | undefined;
  allowed: boolean;
}

/** A problem with a scenario file, located as precisely as the loader can. */
export interface ScenarioProblem {
  file: string;
  line?: number;
  column?: number;
  /** The field path, e.g. `steps[2].task.checks[0].reach.port`. */
  path?: string;
  message: string;
}

export function formatProblem(p: ScenarioProblem): string {
  const where = p.line !== undefined ? `${p.file}:${p.line}:${p.column ?? 1}` : p.file;
  return `${where}: ${p.path ? `${p.path}: ` : ''}${p.message}`;
}
