/**
 * Progress tracking between the lab sessions and the store: a session opens on the learner's
 * unfinished attempt (machine, screen and steps restored) or starts one; every command is
 * logged and the machine saved; every attempt event is recorded with its results. A server
 * restart or another device resumes the lab exactly where it was.
 */
import type { Logger } from 'pino';
import { seededRandom } from '../core/index.js';
import { Attempt, Lab, type AttemptEvent, type AttemptSnapshot, type LabSnapshot, type Pki } from '../lab/index.js';
import type { Scenario } from '../scenarios/index.js';
import type { Store } from '../store/index.js';
import type { LabSession, SessionInit } from './sessions.js';

/** Active time counts the gaps between actions up to this long; a longer gap is a pause. */
const MAX_GAP_MS = 5 * 60_000;

export const ownerOf = (userId: number) => `u${userId}`;
const userOf = (owner: string) => (/^u\d+$/.test(owner) ? Number(owner.slice(1)) : undefined);

export class ProgressTracker {
  private readonly lastAction = new Map<number, number>();

  constructor(
    private readonly store: Store,
    private readonly scenarioOf: (id: string) => Scenario | undefined,
    private readonly now: () => number,
    private readonly log: Logger,
    /** The installation's cluster PKI, made lazily at the edge the first time a lab needs it. */
    private readonly pki?: () => Pki,
  ) {}

  private labOptions() {
    return { clock: { now: this.now }, random: seededRandom(Math.floor(Math.random() * 2 ** 31)), ...(this.pki ? { pki: this.pki } : {}) };
  }

  /** A fresh machine for a scenario (Reset). */
  freshLab(labId: string): Lab | undefined {
    const s = this.scenarioOf(labId);
    return s ? this.newLab(s) : undefined;
  }

  private newLab(s: Scenario): Lab {
    return Lab.create(s.setup, this.labOptions());
  }

  /** The lab a session opens on: the learner's unfinished attempt, or a new one. */
  open(labId: string, owner: string): SessionInit | undefined {
    const scenario = this.scenarioOf(labId);
    const userId = userOf(owner);
    if (!scenario || userId === undefined) return undefined;
    const saved = this.store.openAttempt(userId, scenario.id);
    if (saved) {
      try {
        const attempt = Attempt.restore(scenario, JSON.parse(saved.attempt.progress) as AttemptSnapshot);
        const lab = saved.lab ? Lab.restore(JSON.parse(saved.lab.snapshot) as LabSnapshot, this.labOptions()) : this.newLab(scenario);
        return { lab, scenario, attempt, attemptId: saved.attempt.id, ...(saved.lab?.screen ? { screen: saved.lab.screen } : {}) };
      } catch (err) {
        // A snapshot from an incompatible version: keep the record, start the machine afresh.
        this.log.warn({ err, attempt: saved.attempt.id }, 'saved lab could not be restored');
        return { lab: this.newLab(scenario), scenario, attempt: Attempt.start(scenario, this.now()), attemptId: saved.attempt.id };
      }
    }
    const attempt = Attempt.start(scenario, this.now());
    const lab = this.newLab(scenario);
    const max = attempt.summary(this.now()).maxScore;
    const attemptId = this.store.startAttempt(userId, scenario.id, JSON.stringify(attempt.snapshot()), max, this.now());
    this.store.saveLab(attemptId, lab.serialize(), '', this.now());
    return { lab, scenario, attempt, attemptId };
  }

  private active(attemptId: number): void {
    const now = this.now();
    const last = this.lastAction.get(attemptId);
    if (last !== undefined) this.store.addActiveTime(attemptId, Math.min(now - last, MAX_GAP_MS));
    this.lastAction.set(attemptId, now);
  }

  /** The lines a session ran, logged, and its machine and screen saved, once their output is on the screen. */
  flush(session: LabSession): void {
    const lines = session.ran.splice(0);
    if (lines.length === 0 || session.attemptId === undefined) return;
    try {
      this.active(session.attemptId);
      this.store.recordCommands(
        session.attemptId,
        lines.map((l) => ({ line: l.line, exitCode: l.exitCode, output: l.stdout + l.stderr })),
        session.attempt?.completedAt === undefined ? { snapshot: session.lab.serialize(), screen: session.screen() } : undefined,
        this.now(),
      );
    } catch (err) {
      this.log.error({ err }, 'could not save the lab after a command');
    }
  }

  /** The machine as it is now (after a reset, or when the editor saved a file). */
  saveLab(session: LabSession): void {
    if (session.attemptId === undefined || session.attempt?.completedAt !== undefined) return;
    try {
      this.store.saveLab(session.attemptId, session.lab.serialize(), session.screen(), this.now());
    } catch (err) {
      this.log.error({ err }, 'could not save the lab');
    }
  }

  events(session: LabSession, events: AttemptEvent[]): void {
    const a = session.attempt;
    if (session.attemptId === undefined || !a) return;
    const rows = events
      .filter((e) => !(e.kind === 'check' && e.repeated))
      .map((e) => {
        const p = e.kind === 'complete' || e.kind === 'reset' ? undefined : a.steps[e.step];
        switch (e.kind) {
          case 'answer':
            return { step: e.step, kind: 'answer', passed: e.correct, detail: p?.answer };
          case 'check':
            return { step: e.step, kind: 'check', passed: e.passed, detail: p?.check?.result.checks.map((c) => ({ title: c.title, passed: c.passed, explanation: c.explanation })) };
          case 'hint':
            return { step: e.step, kind: 'hint', passed: null, detail: { index: e.index } };
          case 'solution':
          case 'skip':
            return { step: e.step, kind: e.kind, passed: null, detail: undefined };
          case 'complete':
          case 'reset':
            return { step: null, kind: e.kind, passed: null, detail: undefined };
        }
      });
    const sum = a.summary(this.now());
    try {
      this.active(session.attemptId);
      this.store.recordProgress(session.attemptId, rows, { progress: JSON.stringify(a.snapshot()), score: sum.score, maxScore: sum.maxScore, hints: sum.hints, solutions: sum.solutions, completed: sum.completed, ...(a.completedAt !== undefined ? { completedAt: a.completedAt } : {}) }, this.now());
    } catch (err) {
      this.log.error({ err }, 'could not record progress');
    }
  }
}
