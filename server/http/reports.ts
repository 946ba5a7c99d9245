/**
 * The progress pages' and the dashboard's numbers, aggregated from the store's rows: a
 * learner's best score per scenario, the class grid, completion rates, median times and the
 * checks that fail most often.
 */
import type { Scenario } from '../scenarios/index.js';
import type { AttemptRow, CommandRow, EventRow, Store, User } from '../store/index.js';

export interface ProgressRow {
  scenario: Scenario;
  attempts: number;
  /** Best score of a completed attempt. */
  best?: number;
  maxScore: number;
  /** Active time of the best completed attempt, else of the latest. */
  timeMs: number;
  unfinished: boolean;
}

export function median(xs: number[]): number | undefined {
  if (xs.length === 0) return undefined;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : Math.round((s[m - 1]! + s[m]!) / 2);
}

type TimedAttempt = Pick<AttemptRow, 'status' | 'started_at' | 'ended_at' | 'active_ms'>;

/**
 * An attempt's time as the learner's summary shows it: from its start to its completion (what
 * happens after completion does not count); an unfinished attempt's active time so far.
 */
export function attemptTime(a: TimedAttempt): number {
  return a.status === 'completed' && a.ended_at !== null ? Math.max(0, a.ended_at - a.started_at) : a.active_ms;
}

/** 4:13, 1:02:05: the learner summary's clock. */
export function clock(ms: number | undefined): string {
  if (ms === undefined) return '—';
  const s = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

export function learnerProgress(store: Store, userId: number, scenarios: readonly Scenario[]) {
  const attempts = store.attemptsOf(userId);
  const rows: ProgressRow[] = scenarios.map((scenario) => {
    const mine = attempts.filter((a) => a.scenario_id === scenario.id);
    const done = mine.filter((a) => a.status === 'completed').sort((a, b) => b.score - a.score || attemptTime(a) - attemptTime(b));
    const best = done[0];
    return {
      scenario,
      attempts: mine.length,
      ...(best ? { best: best.score } : {}),
      maxScore: best?.max_score ?? mine[0]?.max_score ?? scenario.steps.reduce((n, s) => n + s.points, 0),
      timeMs: (() => {
        const a = best ?? mine[0];
        return a ? attemptTime(a) : 0;
      })(),
      unfinished: mine.some((a) => a.status === 'started'),
    };
  });
  const completed = rows.filter((r) => r.best !== undefined).length;
  return { rows, completed, total: scenarios.length };
}

export interface Cell {
  status: 'started' | 'completed';
  score: number;
  maxScore: number;
  /** Of the attempt shown: start to completion (see attemptTime). */
  timeMs: number;
  hints: number;
  solutions: number;
  /** Every attempt of the learner at the scenario. */
  attempts: number;
}

/** A completed attempt that earned nothing (every step skipped, or solved with the solution shown) is not a pass. */
export const passed = (c: Cell | undefined): boolean => !!c && c.status === 'completed' && c.score > 0;

/** The cell's class: full marks, some points, none, or still going. */
export const cellClass = (c: Cell | undefined): string => (!c ? 'none' : c.status !== 'completed' ? 'started' : c.score >= c.maxScore ? 'completed' : c.score > 0 ? 'partial' : 'zero');

export function overview(store: Store, scenarios: readonly Scenario[], cohortId?: number) {
  const members = cohortId !== undefined ? store.cohortMemberIds(cohortId) : undefined;
  const learners = store.users().filter((u) => u.role === 'learner' && (!members || members.has(u.id)));
  const ids = new Set(learners.map((u) => u.id));
  const cells = new Map<number, Map<string, Cell>>();
  const times = new Map<string, number[]>();
  const tries = new Map<string, number>();
  for (const a of store.allAttempts()) {
    if (!ids.has(a.user_id)) continue;
    tries.set(a.scenario_id, (tries.get(a.scenario_id) ?? 0) + 1);
    let row = cells.get(a.user_id);
    if (!row) cells.set(a.user_id, (row = new Map()));
    const cur = row.get(a.scenario_id);
    const next: Cell = { status: a.status, score: a.score, maxScore: a.max_score, timeMs: attemptTime(a), hints: a.hints, solutions: a.solutions, attempts: (cur?.attempts ?? 0) + 1 };
    // A completed attempt beats an unfinished one; among completed, the best score.
    if (!cur || (next.status === 'completed' && (cur.status !== 'completed' || next.score > cur.score))) row.set(a.scenario_id, next);
    else cur.attempts = next.attempts;
    if (a.status === 'completed' && a.score > 0) {
      const t = times.get(a.scenario_id) ?? [];
      t.push(attemptTime(a));
      times.set(a.scenario_id, t);
    }
  }
  const perScenario = scenarios.map((s) => {
    const completed = learners.filter((u) => passed(cells.get(u.id)?.get(s.id))).length;
    return { scenario: s, attempts: tries.get(s.id) ?? 0, completed, rate: learners.length ? completed / learners.length : 0, medianMs: median(times.get(s.id) ?? []) };
  });
  const failed = store.mostFailedChecks(10, cohortId !== undefined ? { cohortId } : {});
  return { learners, scenarios, cells, perScenario, failed };
}

const csvCell = (v: string | number) => {
  const s = String(v);
  // Quote as RFC 4180 does, and keep a spreadsheet from reading a formula.
  const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

const CSV_FIELDS = ['status', 'score', 'max score', 'time', 'hints', 'solutions', 'attempts'] as const;

/** One row per learner; per scenario its status, score, time (m:ss), hints, solutions and attempts. */
export function overviewCsv(o: ReturnType<typeof overview>): string {
  const head = ['learner', 'guest', ...o.scenarios.flatMap((s) => CSV_FIELDS.map((f) => `${s.id} ${f}`))];
  const lines = [head.map(csvCell).join(',')];
  for (const u of o.learners) {
    const row = o.cells.get(u.id);
    lines.push(
      [u.name, u.guest ? 'yes' : 'no', ...o.scenarios.flatMap((s) => {
        const c = row?.get(s.id);
        if (!c) return CSV_FIELDS.map(() => '');
        return [c.status, c.score, c.maxScore, clock(c.timeMs), c.hints, c.solutions, c.attempts];
      })]
        .map(csvCell)
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

export interface AttemptDetail {
  attempt: AttemptRow;
  title: string;
  events: (EventRow & { parsed: unknown })[];
  commands: CommandRow[];
}

export function learnerDetail(store: Store, userId: number, scenarios: readonly Scenario[]): { user: User; attempts: AttemptDetail[] } | undefined {
  const user = Number.isInteger(userId) ? store.userById(userId) : undefined;
  if (!user) return undefined;
  const title = (id: string) => scenarios.find((s) => s.id === id)?.title ?? id;
  return {
    user,
    attempts: store.attemptsOf(userId).map((attempt) => ({
      attempt,
      title: title(attempt.scenario_id),
      events: store.eventsOf(attempt.id).map((e) => ({ ...e, parsed: e.detail ? JSON.parse(e.detail) : undefined })),
      commands: store.commandsOf(attempt.id),
    })),
  };
}

export function scenarioStats(store: Store, s: Scenario) {
  const attempts = store.allAttempts().filter((a) => a.scenario_id === s.id);
  const learners = new Set(attempts.map((a) => a.user_id));
  // A pass is a completed attempt with a point at least (not every step skipped).
  const passes = attempts.filter((a) => a.status === 'completed' && a.score > 0);
  const completedBy = new Set(passes.map((a) => a.user_id));
  return {
    scenario: s,
    attempts: attempts.length,
    learners: learners.size,
    completed: completedBy.size,
    medianMs: median(passes.map(attemptTime)),
    medianScore: median(attempts.filter((a) => a.status === 'completed').map((a) => a.score)),
    failed: store.mostFailedChecks(10, { scenarioId: s.id }),
  };
}

export function duration(ms: number | undefined): string {
  if (ms === undefined) return '—';
  const m = Math.round(ms / 60_000);
  return m < 60 ? `${m} min` : `${Math.floor(m / 60)} h ${m % 60} min`;
}
