/**
 * One learner's attempt at a scenario: where they are, what they answered, which checks passed,
 * which hints and solutions they opened, and the score. Pure and serialisable (progress
 * tracking stores its snapshot); time comes in as numbers.
 */
import { gradeAnswer, MAX_ANSWER_CHARS, type AnswerResult, type TaskResult } from '../grader/index.js';
import type { Scenario, Step } from '../scenarios/index.js';

export type StepStatus = 'locked' | 'open' | 'passed' | 'skipped';

export interface StepProgress {
  status: StepStatus;
  hintsShown: number;
  solutionShown: boolean;
  /** Answers given or checks run. */
  tries: number;
  /** The last answer's result (questions) or the last check (tasks). */
  answer?: { response: string | string[]; result: AnswerResult };
  check?: { result: TaskResult; revision: number };
}

export interface AttemptSnapshot {
  version: 1;
  scenario: string;
  startedAt: number;
  completedAt?: number;
  steps: StepProgress[];
}

export interface AttemptSummary {
  score: number;
  maxScore: number;
  passed: number;
  skipped: number;
  hints: number;
  solutions: number;
  /** Milliseconds from start to completion (or to now). */
  elapsed: number;
  completed: boolean;
}

export type AttemptError = { error: string };

/** What a recorded event was, for progress tracking: a repeat of the same check is not a new event. */
export type AttemptEvent =
  | { kind: 'answer'; step: number; correct: boolean }
  | { kind: 'check'; step: number; passed: boolean; repeated: boolean }
  | { kind: 'hint'; step: number; index: number }
  | { kind: 'solution'; step: number }
  | { kind: 'skip'; step: number }
  | { kind: 'complete' }
  /** A fresh cluster (Reset): the attempt goes on; the timeline shows it. */
  | { kind: 'reset' };

export class Attempt {
  private constructor(
    readonly scenario: Scenario,
    private readonly state: AttemptSnapshot,
  ) {}

  static start(scenario: Scenario, now: number): Attempt {
    const steps = scenario.steps.map((_, i): StepProgress => ({ status: i === 0 ? 'open' : 'locked', hintsShown: 0, solutionShown: false, tries: 0 }));
    return new Attempt(scenario, { version: 1, scenario: scenario.id, startedAt: now, steps });
  }

  /** Restores a snapshot against the scenario as it is now (steps added or removed since are reconciled). */
  static restore(scenario: Scenario, snap: AttemptSnapshot): Attempt {
    const steps = scenario.steps.map((_, i): StepProgress => snap.steps[i] ?? { status: 'locked', hintsShown: 0, solutionShown: false, tries: 0 });
    const a = new Attempt(scenario, { ...structuredClone(snap), steps: structuredClone(steps) });
    a.unlockNext();
    return a;
  }

  snapshot(): AttemptSnapshot {
    return structuredClone(this.state);
  }

  get steps(): readonly StepProgress[] {
    return this.state.steps;
  }

  get startedAt(): number {
    return this.state.startedAt;
  }

  get completedAt(): number | undefined {
    return this.state.completedAt;
  }

  /** The first step not yet passed or skipped (the last one when all are done). */
  get current(): number {
    const i = this.state.steps.findIndex((s) => s.status === 'open' || s.status === 'locked');
    return i < 0 ? this.state.steps.length - 1 : i;
  }

  private step(i: number, kind: 'question' | 'task' | 'any'): { step: Step; progress: StepProgress } | AttemptError {
    const step = this.scenario.steps[i];
    const progress = this.state.steps[i];
    if (!step || !progress || !Number.isInteger(i)) return { error: 'No such step.' };
    if (progress.status === 'locked') return { error: 'Finish the steps before this one first (or skip them).' };
    if (kind === 'question' && step.body.kind === 'task') return { error: 'This step is a task: press Check.' };
    if (kind === 'task' && step.body.kind !== 'task') return { error: 'This step is a question: answer it.' };
    return { step, progress };
  }

  private unlockNext(): void {
    const next = this.state.steps.findIndex((s) => s.status === 'locked' || s.status === 'open');
    if (next >= 0 && this.state.steps[next]!.status === 'locked') this.state.steps[next]!.status = 'open';
  }

  private settle(now: number, events: AttemptEvent[]): void {
    this.unlockNext();
    if (this.state.completedAt === undefined && this.state.steps.every((s) => s.status === 'passed' || s.status === 'skipped')) {
      this.state.completedAt = now;
      events.push({ kind: 'complete' });
    }
  }

  answer(i: number, response: unknown, now: number): { result: AnswerResult; events: AttemptEvent[] } | AttemptError {
    const s = this.step(i, 'question');
    if ('error' in s) return s;
    const valid = typeof response === 'string' || (Array.isArray(response) && response.length <= 20 && response.every((r) => typeof r === 'string'));
    if (!valid) return { error: 'Choose or type an answer.' };
    const text = typeof response === 'string' ? response.slice(0, MAX_ANSWER_CHARS) : (response as string[]).map((r) => r.slice(0, MAX_ANSWER_CHARS));
    const wrongBefore = s.progress.status === 'passed' ? 0 : s.progress.tries;
    const result = gradeAnswer(s.step.body as Exclude<Step['body'], { kind: 'task' }>, text, wrongBefore);
    s.progress.tries++;
    s.progress.answer = { response: text, result };
    const events: AttemptEvent[] = [{ kind: 'answer', step: i, correct: result.correct }];
    if (result.correct && s.progress.status !== 'passed') s.progress.status = 'passed';
    this.settle(now, events);
    return { result, events };
  }

  /** Records a check's result; the same result on an unchanged cluster is not counted again. */
  recordCheck(i: number, result: TaskResult, revision: number, now: number): { events: AttemptEvent[] } | AttemptError {
    const s = this.step(i, 'task');
    if ('error' in s) return s;
    const repeated = s.progress.check?.revision === revision && s.progress.check.result.passed === result.passed;
    if (!repeated) s.progress.tries++;
    s.progress.check = { result, revision };
    const events: AttemptEvent[] = [{ kind: 'check', step: i, passed: result.passed, repeated }];
    if (result.passed) s.progress.status = 'passed';
    this.settle(now, events);
    return { events };
  }

  /** A fresh cluster (Reset): the last checks' results described the old one, so they go; passed steps stay passed. */
  labReset(): AttemptEvent[] {
    for (const p of this.state.steps) delete p.check;
    return [{ kind: 'reset' }];
  }

  /** Whether step i can be checked now (open or passed, and a task). */
  checkable(i: number): AttemptError | undefined {
    const s = this.step(i, 'task');
    return 'error' in s ? s : undefined;
  }

  hint(i: number): { hint: string; index: number; events: AttemptEvent[] } | AttemptError {
    const s = this.step(i, 'any');
    if ('error' in s) return s;
    if (s.progress.hintsShown >= s.step.hints.length) return { error: s.step.hints.length ? 'No more hints.' : 'This step has no hints.' };
    const index = s.progress.hintsShown++;
    return { hint: s.step.hints[index]!, index, events: [{ kind: 'hint', step: i, index }] };
  }

  solution(i: number): { solution: string; events: AttemptEvent[] } | AttemptError {
    const s = this.step(i, 'any');
    if ('error' in s) return s;
    const first = !s.progress.solutionShown;
    s.progress.solutionShown = true;
    return { solution: solutionText(s.step), events: first ? [{ kind: 'solution', step: i }] : [] };
  }

  skip(i: number, now: number): { events: AttemptEvent[] } | AttemptError {
    const s = this.step(i, 'any');
    if ('error' in s) return s;
    if (s.progress.status === 'passed' || s.progress.status === 'skipped') return { events: [] };
    s.progress.status = 'skipped';
    const events: AttemptEvent[] = [{ kind: 'skip', step: i }];
    this.settle(now, events);
    return { events };
  }

  summary(now: number): AttemptSummary {
    const steps = this.scenario.steps;
    let score = 0;
    let maxScore = 0;
    steps.forEach((st, i) => {
      maxScore += st.points;
      const p = this.state.steps[i]!;
      // A step passed after opening its solution earns no points: it is recorded as seen.
      if (p.status === 'passed' && !p.solutionShown) score += st.points;
    });
    const ps = this.state.steps;
    return {
      score,
      maxScore,
      passed: ps.filter((p) => p.status === 'passed').length,
      skipped: ps.filter((p) => p.status === 'skipped').length,
      hints: ps.reduce((n, p) => n + p.hintsShown, 0),
      solutions: ps.filter((p) => p.solutionShown).length,
      elapsed: (this.state.completedAt ?? now) - this.state.startedAt,
      completed: this.state.completedAt !== undefined,
    };
  }
}

/** A question's solution is its answer; a task's is its shell lines. */
export function solutionText(step: Step): string {
  switch (step.body.kind) {
    case 'single':
      return step.body.answer;
    case 'multiple':
      return step.body.answers.join('\n');
    case 'text':
      return step.body.accept[0] ?? '';
    case 'task':
      return step.solution;
  }
}
