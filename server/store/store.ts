/**
 * Every query of the lab, as prepared statements on one connection: users, browser sessions,
 * settings, cohorts, attempts with their events and command log, and saved lab states.
 * Multi-row writes run in transactions. Reports (my progress, the dashboard) are here too so
 * that no SQL lives outside this module.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from './index.js';

export type Role = 'learner' | 'instructor';

export interface User {
  id: number;
  name: string;
  role: Role;
  guest: boolean;
  created_at: number;
}

interface UserRow {
  id: number;
  name: string;
  role: Role;
  password_hash: string | null;
  created_at: number;
}

export interface AttemptRow {
  id: number;
  user_id: number;
  scenario_id: string;
  started_at: number;
  ended_at: number | null;
  active_ms: number;
  status: 'started' | 'completed';
  score: number;
  max_score: number;
  hints: number;
  solutions: number;
  progress: string;
  updated_at: number;
}

export interface EventRow {
  id: number;
  attempt_id: number;
  step: number | null;
  kind: string;
  passed: number | null;
  detail: string | null;
  at: number;
}

export interface CommandRow {
  id: number;
  attempt_id: number;
  line: string;
  exit_code: number;
  output: string;
  at: number;
}

const hashToken = (t: string) => createHash('sha256').update(t).digest('hex');
const toUser = (r: UserRow): User => ({ id: r.id, name: r.name, role: r.role, guest: r.password_hash === null, created_at: r.created_at });

export const SESSION_TTL_MS = 30 * 24 * 3600 * 1000;
export const MAX_COMMAND_OUTPUT = 2000;
export const MAX_SCREEN = 64 * 1024;

export class Store {
  private readonly q;

  constructor(readonly db: Db) {
    const p = (sql: string) => db.prepare(sql);
    this.q = {
      insertUser: p('INSERT INTO users (name, password_hash, role, created_at) VALUES (?, ?, ?, ?)'),
      // Accounts have unique names; guests may share one (the account, then the newest guest).
      userByName: p('SELECT * FROM users WHERE name = ? ORDER BY password_hash IS NULL, id DESC LIMIT 1'),
      userById: p('SELECT * FROM users WHERE id = ?'),
      setPassword: p('UPDATE users SET password_hash = ? WHERE id = ?'),
      setRole: p('UPDATE users SET role = ? WHERE id = ?'),
      users: p('SELECT * FROM users ORDER BY name'),
      insertSession: p('INSERT INTO sessions (token_hash, user_id, csrf, created_at, expires_at) VALUES (?, ?, ?, ?, ?)'),
      session: p('SELECT s.csrf, s.expires_at, u.* FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ?'),
      deleteSession: p('DELETE FROM sessions WHERE token_hash = ?'),
      deleteExpired: p('DELETE FROM sessions WHERE expires_at < ?'),
      getSetting: p('SELECT value FROM settings WHERE key = ?'),
      setSetting: p('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value'),
      insertCohort: p('INSERT INTO cohorts (name, code, created_by, created_at) VALUES (?, ?, ?, ?)'),
      cohortByCode: p('SELECT * FROM cohorts WHERE code = ?'),
      cohorts: p('SELECT c.*, (SELECT COUNT(*) FROM cohort_members m WHERE m.cohort_id = c.id) AS members FROM cohorts c ORDER BY c.name'),
      joinCohort: p('INSERT OR IGNORE INTO cohort_members (cohort_id, user_id, joined_at) VALUES (?, ?, ?)'),
      userCohorts: p('SELECT c.* FROM cohorts c JOIN cohort_members m ON m.cohort_id = c.id WHERE m.user_id = ? ORDER BY c.name'),
      openAttempt: p("SELECT * FROM attempts WHERE user_id = ? AND scenario_id = ? AND status = 'started' ORDER BY id DESC LIMIT 1"),
      insertAttempt: p("INSERT INTO attempts (user_id, scenario_id, started_at, status, max_score, progress, updated_at) VALUES (?, ?, ?, 'started', ?, ?, ?)"),
      attempt: p('SELECT * FROM attempts WHERE id = ?'),
      // An attempt ends once: what happens after its completion does not move its end.
      updateAttempt: p('UPDATE attempts SET progress = ?, score = ?, max_score = ?, hints = ?, solutions = ?, status = ?, ended_at = CASE WHEN ? IS NULL THEN NULL ELSE COALESCE(ended_at, ?) END, updated_at = ? WHERE id = ?'),
      addActive: p('UPDATE attempts SET active_ms = active_ms + ? WHERE id = ?'),
      insertEvent: p('INSERT INTO step_events (attempt_id, step, kind, passed, detail, at) VALUES (?, ?, ?, ?, ?, ?)'),
      insertCommand: p('INSERT INTO commands (attempt_id, line, exit_code, output, at) VALUES (?, ?, ?, ?, ?)'),
      saveLab: p('INSERT INTO lab_states (attempt_id, snapshot, screen, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT(attempt_id) DO UPDATE SET snapshot = excluded.snapshot, screen = excluded.screen, updated_at = excluded.updated_at'),
      labState: p('SELECT snapshot, screen FROM lab_states WHERE attempt_id = ?'),
      deleteLab: p('DELETE FROM lab_states WHERE attempt_id = ?'),
      attemptsOf: p('SELECT * FROM attempts WHERE user_id = ? ORDER BY started_at DESC'),
      eventsOf: p('SELECT * FROM step_events WHERE attempt_id = ? ORDER BY at, id'),
      commandsOf: p('SELECT * FROM commands WHERE attempt_id = ? ORDER BY at, id'),
      allAttempts: p('SELECT user_id, scenario_id, status, score, max_score, active_ms, started_at, ended_at, hints, solutions FROM attempts'),
      failedChecks: p(`SELECT a.scenario_id, e.detail FROM step_events e JOIN attempts a ON a.id = e.attempt_id WHERE e.kind = 'check' AND e.passed = 0`),
    };
  }

  // ---- users ----

  createUser(name: string, passwordHash: string | null, role: Role, now: number): User | { error: 'taken' } {
    try {
      const r = this.q.insertUser.run(name, passwordHash, role, now);
      return { id: Number(r.lastInsertRowid), name, role, guest: passwordHash === null, created_at: now };
    } catch (e) {
      if ((e as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') return { error: 'taken' };
      throw e;
    }
  }

  userByName(name: string): (User & { passwordHash: string | null }) | undefined {
    const r = this.q.userByName.get(name) as UserRow | undefined;
    return r ? { ...toUser(r), passwordHash: r.password_hash } : undefined;
  }

  userById(id: number): User | undefined {
    const r = this.q.userById.get(id) as UserRow | undefined;
    return r ? toUser(r) : undefined;
  }

  setPassword(id: number, hash: string): void {
    this.q.setPassword.run(hash, id);
  }

  setRole(id: number, role: Role): void {
    this.q.setRole.run(role, id);
  }

  users(): User[] {
    return (this.q.users.all() as UserRow[]).map(toUser);
  }

  // ---- browser sessions ----

  createSession(userId: number, now: number): { token: string; csrf: string } {
    const token = randomBytes(32).toString('base64url');
    const csrf = randomBytes(24).toString('base64url');
    this.q.insertSession.run(hashToken(token), userId, csrf, now, now + SESSION_TTL_MS);
    return { token, csrf };
  }

  session(token: string, now: number): { user: User; csrf: string } | undefined {
    const r = this.q.session.get(hashToken(token)) as (UserRow & { csrf: string; expires_at: number }) | undefined;
    if (!r || r.expires_at < now) return undefined;
    return { user: toUser(r), csrf: r.csrf };
  }

  deleteSession(token: string): void {
    this.q.deleteSession.run(hashToken(token));
  }

  deleteExpiredSessions(now: number): number {
    return this.q.deleteExpired.run(now).changes;
  }

  // ---- settings ----

  setting(key: string): string | undefined {
    return (this.q.getSetting.get(key) as { value: string } | undefined)?.value;
  }

  setSetting(key: string, value: string): void {
    this.q.setSetting.run(key, value);
  }

  // ---- cohorts ----

  createCohort(name: string, createdBy: number, now: number): { id: number; code: string } {
    for (;;) {
      const code = randomBytes(5).toString('hex').toUpperCase().slice(0, 8);
      try {
        const r = this.q.insertCohort.run(name, code, createdBy, now);
        return { id: Number(r.lastInsertRowid), code };
      } catch (e) {
        if ((e as { code?: string }).code !== 'SQLITE_CONSTRAINT_UNIQUE') throw e;
      }
    }
  }

  cohortByCode(code: string): { id: number; name: string; code: string } | undefined {
    return this.q.cohortByCode.get(code.trim().toUpperCase()) as { id: number; name: string; code: string } | undefined;
  }

  cohorts(): { id: number; name: string; code: string; members: number }[] {
    return this.q.cohorts.all() as { id: number; name: string; code: string; members: number }[];
  }

  joinCohort(cohortId: number, userId: number, now: number): void {
    this.q.joinCohort.run(cohortId, userId, now);
  }

  cohortsOf(userId: number): { id: number; name: string; code: string }[] {
    return this.q.userCohorts.all(userId) as { id: number; name: string; code: string }[];
  }

  // ---- attempts, events, commands, lab states ----

  /** The learner's unfinished attempt at a scenario, with its saved lab, if any. */
  openAttempt(userId: number, scenarioId: string): { attempt: AttemptRow; lab?: { snapshot: string; screen: string } } | undefined {
    const attempt = this.q.openAttempt.get(userId, scenarioId) as AttemptRow | undefined;
    if (!attempt) return undefined;
    const lab = this.q.labState.get(attempt.id) as { snapshot: string; screen: string } | undefined;
    return { attempt, ...(lab ? { lab } : {}) };
  }

  startAttempt(userId: number, scenarioId: string, progress: string, maxScore: number, now: number): number {
    return Number(this.q.insertAttempt.run(userId, scenarioId, now, maxScore, progress, now).lastInsertRowid);
  }

  attempt(id: number): AttemptRow | undefined {
    return this.q.attempt.get(id) as AttemptRow | undefined;
  }

  /** Events of a step, and the attempt's new progress, in one transaction. */
  recordProgress(
    attemptId: number,
    events: { step: number | null; kind: string; passed: boolean | null; detail: unknown }[],
    s: { progress: string; score: number; maxScore: number; hints: number; solutions: number; completed: boolean; completedAt?: number },
    now: number,
  ): void {
    this.db.transaction(() => {
      for (const e of events) this.q.insertEvent.run(attemptId, e.step, e.kind, e.passed === null ? null : e.passed ? 1 : 0, e.detail === undefined ? null : JSON.stringify(e.detail), now);
      const ended = s.completed ? (s.completedAt ?? now) : null;
      this.q.updateAttempt.run(s.progress, s.score, s.maxScore, s.hints, s.solutions, s.completed ? 'completed' : 'started', ended, ended, now, attemptId);
      if (s.completed) this.q.deleteLab.run(attemptId);
    })();
  }

  /** A command the learner ran, and the lab as it is after it. */
  recordCommand(attemptId: number, line: string, exitCode: number, output: string, snapshot: string, screen: string, now: number): void {
    this.recordCommands(attemptId, [{ line, exitCode, output }], { snapshot, screen }, now);
  }

  /** Commands the learner ran, and the lab after them (none once the attempt is complete), in one transaction. */
  recordCommands(attemptId: number, lines: { line: string; exitCode: number; output: string }[], lab: { snapshot: string; screen: string } | undefined, now: number): void {
    this.db.transaction(() => {
      for (const l of lines) this.q.insertCommand.run(attemptId, l.line.slice(0, 4000), l.exitCode, l.output.slice(0, MAX_COMMAND_OUTPUT), now);
      if (lab) this.q.saveLab.run(attemptId, lab.snapshot, lab.screen.slice(-MAX_SCREEN), now);
    })();
  }

  saveLab(attemptId: number, snapshot: string, screen: string, now: number): void {
    this.q.saveLab.run(attemptId, snapshot, screen.slice(-MAX_SCREEN), now);
  }

  addActiveTime(attemptId: number, ms: number): void {
    if (ms > 0) this.q.addActive.run(Math.round(ms), attemptId);
  }

  attemptsOf(userId: number): AttemptRow[] {
    return this.q.attemptsOf.all(userId) as AttemptRow[];
  }

  eventsOf(attemptId: number): EventRow[] {
    return this.q.eventsOf.all(attemptId) as EventRow[];
  }

  commandsOf(attemptId: number): CommandRow[] {
    return this.q.commandsOf.all(attemptId) as CommandRow[];
  }

  /** Every attempt, compact: the dashboard aggregates them. */
  allAttempts(): Pick<AttemptRow, 'user_id' | 'scenario_id' | 'status' | 'score' | 'max_score' | 'active_ms' | 'started_at' | 'ended_at' | 'hints' | 'solutions'>[] {
    return this.q.allAttempts.all() as Pick<AttemptRow, 'user_id' | 'scenario_id' | 'status' | 'score' | 'max_score' | 'active_ms' | 'started_at' | 'ended_at' | 'hints' | 'solutions'>[];
  }

  failedChecks(): { scenario_id: string; detail: string | null }[] {
    return this.q.failedChecks.all() as { scenario_id: string; detail: string | null }[];
  }

  /** The checks that fail most often, by scenario and title (the explanations' JSON, read in SQL). */
  mostFailedChecks(limit: number, filter: { scenarioId?: string; cohortId?: number } = {}): { scenario_id: string; title: string; failures: number }[] {
    const params: (string | number)[] = [];
    let where = '';
    if (filter.scenarioId !== undefined) {
      where += ' AND a.scenario_id = ?';
      params.push(filter.scenarioId);
    }
    if (filter.cohortId !== undefined) {
      where += ' AND a.user_id IN (SELECT user_id FROM cohort_members WHERE cohort_id = ?)';
      params.push(filter.cohortId);
    }
    return this.db
      .prepare(
        `SELECT a.scenario_id, json_extract(j.value, '$.title') AS title, COUNT(*) AS failures
         FROM step_events e JOIN attempts a ON a.id = e.attempt_id, json_each(e.detail) j
         WHERE e.kind = 'check' AND e.passed = 0 AND json_extract(j.value, '$.passed') = 0${where}
         GROUP BY a.scenario_id, title ORDER BY failures DESC, title LIMIT ?`,
      )
      .all(...params, limit) as { scenario_id: string; title: string; failures: number }[];
  }

  cohortMemberIds(cohortId: number): Set<number> {
    return new Set((this.db.prepare('SELECT user_id FROM cohort_members WHERE cohort_id = ?').all(cohortId) as { user_id: number }[]).map((r) => r.user_id));
  }
}
