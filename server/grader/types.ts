/** What grading produces: data the lab page shows and progress tracking records. */
import type { Check } from '../scenarios/index.js';

/** One connection a check looked at: the map highlights the ones whose actual differs from expected. */
export interface Connection {
  from: string;
  to: string;
  port: number;
  protocol: string;
  expected: boolean;
  actual: boolean;
}

export interface CheckResult {
  /** Position in the step's checks. */
  index: number;
  kind: Check['kind'];
  passed: boolean;
  /** The expectation, e.g. `internal → payroll:8080/TCP allowed`. */
  title: string;
  /** Plain words: why it passed or failed. */
  explanation: string;
  connections: Connection[];
}

export interface TaskResult {
  passed: boolean;
  checks: CheckResult[];
}

export interface AnswerResult {
  correct: boolean;
  /** What the learner is told. */
  explanation: string;
}
