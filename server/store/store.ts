/**
 * Every query of the lab, as prepared statements on one connection: users, browser sessions,
 * settings, cohorts, attempts with their events and command log, and saved lab states.
 * Multi-row writes run in transactions. Reports (my progress, the dashboard) are here too so
 * that no SQL lives outside this module.
 */
import { createHash, randomBytes } from 'node:crypto';
import { nameKeys, type SessionEndReason } from '../accounts/index.js';
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

/** Sessions are stored by the sha256 of the cookie's token; the first 8 hex digits name one in `ckalab user sessions`. */
export const hashToken = (t: string) => createHash('sha256').update(t).digest('hex');
const toUser = (r: UserRow): User => ({ id: r.id, name: r.name, role: r.role, guest: r.password_hash === null, created_at: r.created_at });

export const SESSION_TTL_MS = 30 * 24 * 3600 * 1000;
/** A session unused this long ends (configurable: `--session-idle-hours`). */
export const SESSION_IDLE_MS = 7 * 24 * 3600 * 1000;
/** An ended session is kept this long so the page can say why it ended. */
const ENDED_KEPT_MS = 24 * 3600 * 1000;
/** last_seen_at is written at most this often per session. */
const TOUCH_EVERY_MS = 60_000;

export interface SessionPolicy {
  /** Absolute lifetime from sign-in. */
  maxMs: number;
  /** Ends after this long without a request or terminal activity. */
  idleMs: number;
}

export type SessionState =
  | { state: 'active'; user: User; csrf: string; tokenHash: string }
  | { state: 'ended'; reason: SessionEndReason; tokenHash: string };

export interface SessionInfo {
  id: string;
  created_at: number;
  last_seen_at: number;
  expires_at: number;
  ip: string | null;
  user_agent: string | null;
}

/** Sessions that just ended, for whoever holds their sockets. */
export type SessionsEnded = (e: { tokenHashes: string[]; reason: SessionEndReason }) => void;

interface SessionRow extends UserRow {
  token_hash: string;
  csrf: string;
  s_created_at: number;
  expires_at: number;
  last_seen_at: number | null;
  ended_at: number | null;
  ended_reason: SessionEndReason | null;
}
export const MAX_COMMAND_OUTPUT = 2000;
export const MAX_SCREEN = 64 * 1024;

export class Store {
  private readonly q;
  private readonly listeners: SessionsEnded[] = [];
  policy: SessionPolicy;

  constructor(
    readonly db: Db,
    opts: { policy?: Partial<SessionPolicy> } = {},
  ) {
    this.policy = { maxMs: SESSION_TTL_MS, idleMs: SESSION_IDLE_MS, ...opts.policy };
    const p = (sql: string) => db.prepare(sql);
    this.q = {
      insertUser: p('INSERT INTO users (name, password_hash, role, created_at, skeleton, skeleton_folded) VALUES (?, ?, ?, ?, ?, ?)'),
      lookAlike: p('SELECT name FROM users WHERE skeleton = ? OR skeleton_folded = ? LIMIT 1'),
      noSkeleton: p('SELECT id, name FROM users WHERE skeleton IS NULL'),
      setSkeleton: p('UPDATE users SET skeleton = ?, skeleton_folded = ? WHERE id = ?'),
      deleteUser: p('DELETE FROM users WHERE id = ?'),
      // Accounts have unique names; guests may share one (the account, then the newest guest).
      userByName: p('SELECT * FROM users WHERE name = ? ORDER BY password_hash IS NULL, id DESC LIMIT 1'),
      accountByName: p('SELECT id FROM users WHERE name = ? AND password_hash IS NOT NULL'),
      lookAlikeAccount: p('SELECT name FROM users WHERE (skeleton = ? OR skeleton_folded = ?) AND password_hash IS NOT NULL LIMIT 1'),
      userById: p('SELECT * FROM users WHERE id = ?'),
      setPassword: p('UPDATE users SET password_hash = ? WHERE id = ?'),
      setRole: p('UPDATE users SET role = ? WHERE id = ?'),
      users: p('SELECT * FROM users ORDER BY name'),
      insertSession: p('INSERT INTO sessions (token_hash, user_id, csrf, created_at, expires_at, last_seen_at, ip, user_agent) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'),
      session: p('SELECT s.token_hash, s.csrf, s.created_at AS s_created_at, s.expires_at, s.last_seen_at, s.ended_at, s.ended_reason, u.* FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ?'),
      touchSession: p('UPDATE sessions SET last_seen_at = ? WHERE token_hash = ? AND ended_at IS NULL'),
      endSession: p('UPDATE sessions SET ended_at = ?, ended_reason = ? WHERE token_hash = ? AND ended_at IS NULL'),
      liveOfUser: p('SELECT token_hash FROM sessions WHERE user_id = ? AND ended_at IS NULL'),
      liveOfGuests: p('SELECT s.token_hash FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.password_hash IS NULL AND s.ended_at IS NULL'),
      sessionsOf: p('SELECT token_hash, created_at, COALESCE(last_seen_at, created_at) AS last_seen_at, expires_at, ip, user_agent FROM sessions WHERE user_id = ? AND ended_at IS NULL AND expires_at >= ? AND COALESCE(last_seen_at, created_at) >= ? ORDER BY created_at'),
      deleteSession: p('DELETE FROM sessions WHERE token_hash = ?'),
      deleteExpired: p('DELETE FROM sessions WHERE expires_at < ? OR ended_at < ? OR COALESCE(last_seen_at, created_at) < ?'),
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
    this.backfillSkeletons();
  }

  // ---- users ----

  /** A new account; a name equal (ignoring case) to another is taken, one that looks like another (TR39 skeletons) is refused. */
  createUser(name: string, passwordHash: string | null, role: Role, now: number): User | { error: 'taken' | 'confusable' } {
    const keys = nameKeys(name);
    try {
      // Guests' names block nobody: two guests may both be Kim, and an account may take a name a
      // guest used. An account's name (or a look-alike of it) is taken for guests and accounts alike.
      if (this.q.accountByName.get(name)) return { error: 'taken' };
      if (this.q.lookAlikeAccount.get(keys.skeleton, keys.folded)) return { error: 'confusable' };
      const r = this.q.insertUser.run(name, passwordHash, role, now, keys.skeleton, keys.folded);
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

  /** A new password ends the account's sessions. */
  setPassword(id: number, hash: string, now: number): void {
    this.q.setPassword.run(hash, id);
    this.endUserSessions(id, 'password-changed', now);
  }

  /** A role change ends the account's sessions: the next sign-in gets a new session id with the new role. */
  setRole(id: number, role: Role, now: number): void {
    const before = this.userById(id);
    this.q.setRole.run(role, id);
    if (before && before.role !== role) this.endUserSessions(id, 'role-changed', now);
  }

  /** Deletes an account with everything it recorded; its sessions end first (their sockets close). */
  deleteUser(id: number, now: number): boolean {
    this.endUserSessions(id, 'deleted', now);
    return this.q.deleteUser.run(id).changes > 0;
  }

  /** The name of an account whose name looks like this one, if any. */
  lookAlike(name: string): string | undefined {
    const keys = nameKeys(name);
    return (this.q.lookAlike.get(keys.skeleton, keys.folded) as { name: string } | undefined)?.name;
  }

  /** Rows from before the skeleton columns get theirs (once, when the store opens). */
  private backfillSkeletons(): void {
    const rows = this.q.noSkeleton.all() as { id: number; name: string }[];
    if (rows.length === 0) return;
    this.db.transaction(() => {
      for (const r of rows) {
        const k = nameKeys(r.name);
        this.q.setSkeleton.run(k.skeleton, k.folded, r.id);
      }
    })();
  }

  users(): User[] {
    return (this.q.users.all() as UserRow[]).map(toUser);
  }

  // ---- browser sessions ----

  createSession(userId: number, now: number, from: { ip?: string; userAgent?: string } = {}): { token: string; csrf: string } {
    const token = randomBytes(32).toString('base64url');
    const csrf = randomBytes(24).toString('base64url');
    this.q.insertSession.run(hashToken(token), userId, csrf, now, now + this.policy.maxMs, now, from.ip?.slice(0, 64) ?? null, from.userAgent?.slice(0, 200) ?? null);
    return { token, csrf };
  }

  /**
   * A session by its cookie's token: active (and touched), or ended with the reason why (kept a
   * day after it ended), or unknown. Expiry and the idle timeout end it here, with their reason.
   */
  sessionState(token: string, now: number): SessionState | undefined {
    return this.sessionStateByHash(hashToken(token), now);
  }

  sessionStateByHash(tokenHash: string, now: number): SessionState | undefined {
    const r = this.q.session.get(tokenHash) as SessionRow | undefined;
    if (!r) return undefined;
    if (r.ended_at !== null) return { state: 'ended', reason: r.ended_reason ?? 'ended', tokenHash };
    const seen = r.last_seen_at ?? r.s_created_at;
    const reason: SessionEndReason | undefined = r.expires_at < now ? 'expired' : now - seen > this.policy.idleMs ? 'idle' : undefined;
    if (reason) {
      this.endByHash([tokenHash], reason, now);
      return { state: 'ended', reason, tokenHash };
    }
    if (now - seen >= TOUCH_EVERY_MS) this.q.touchSession.run(now, tokenHash);
    return { state: 'active', user: toUser(r), csrf: r.csrf, tokenHash };
  }

  /** The signed-in user and CSRF token of a live session. */
  session(token: string, now: number): { user: User; csrf: string } | undefined {
    const s = this.sessionState(token, now);
    return s?.state === 'active' ? { user: s.user, csrf: s.csrf } : undefined;
  }

  /** Activity outside HTTP (the terminal) keeps a session from timing out. */
  touchSession(tokenHash: string, now: number): void {
    this.q.touchSession.run(now, tokenHash);
  }

  endSession(token: string, reason: SessionEndReason, now: number): void {
    this.endByHash([hashToken(token)], reason, now);
  }

  endSessionByHash(tokenHash: string, reason: SessionEndReason, now: number): void {
    this.endByHash([tokenHash], reason, now);
  }

  /** Ends every live session of an account; returns how many. */
  endUserSessions(userId: number, reason: SessionEndReason, now: number): number {
    return this.endByHash((this.q.liveOfUser.all(userId) as { token_hash: string }[]).map((r) => r.token_hash), reason, now);
  }

  endGuestSessions(reason: SessionEndReason, now: number): number {
    return this.endByHash((this.q.liveOfGuests.all() as { token_hash: string }[]).map((r) => r.token_hash), reason, now);
  }

  /** Ends one live session of an account by the id `sessionsOf` shows (a prefix of its hash). */
  endUserSession(userId: number, id: string, reason: SessionEndReason, now: number): boolean {
    if (!/^[0-9a-f]{8,64}$/.test(id)) return false;
    const hashes = (this.q.liveOfUser.all(userId) as { token_hash: string }[]).map((r) => r.token_hash).filter((h) => h.startsWith(id));
    return hashes.length === 1 && this.endByHash(hashes, reason, now) === 1;
  }

  /** The live sessions of an account, oldest first. */
  sessionsOf(userId: number, now: number): SessionInfo[] {
    return (this.q.sessionsOf.all(userId, now, now - this.policy.idleMs) as (Omit<SessionInfo, 'id'> & { token_hash: string })[]).map(({ token_hash, ...r }) => ({ id: token_hash.slice(0, 8), ...r }));
  }

  /** Listens for sessions that end (sign-out, revocation, role change, guest mode off, expiry). */
  onSessionsEnded(listener: SessionsEnded): void {
    this.listeners.push(listener);
  }

  private endByHash(tokenHashes: string[], reason: SessionEndReason, now: number): number {
    let n = 0;
    this.db.transaction(() => {
      for (const h of tokenHashes) n += this.q.endSession.run(now, reason, h).changes;
    })();
    if (tokenHashes.length > 0) for (const l of this.listeners) l({ tokenHashes, reason });
    return n;
  }

  deleteSession(token: string): void {
    this.q.deleteSession.run(hashToken(token));
  }

  /** Forgets sessions past their expiry or idle timeout, and ended ones after a day. */
  deleteExpiredSessions(now: number): number {
    return this.q.deleteExpired.run(now - ENDED_KEPT_MS, now - ENDED_KEPT_MS, now - this.policy.idleMs - ENDED_KEPT_MS).changes;
  }

  /** A random secret of this installation, made on first use (it signs anonymous CSRF tokens). */
  secret(): string {
    let s = this.setting('secret');
    if (!s) {
      s = randomBytes(32).toString('base64url');
      this.db.prepare('INSERT OR IGNORE INTO settings (key, value) VALUES (?, ?)').run('secret', s);
      s = this.setting('secret')!;
    }
    return s;
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
