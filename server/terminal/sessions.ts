/**
 * Lab sessions live on the server, keyed by their owner (a signed-in user) and the lab:
 * reloading the page or a second tab reattaches to the same terminal and replays its screen.
 * A session starts fresh or from what progress tracking saved (attempt, machine, screen).
 */
import { Attempt, type Lab } from '../lab/index.js';
import type { Scenario } from '../scenarios/index.js';
import { LineDiscipline, type DisciplineEvent, type ExecOutcome, type LineExecutor } from './line-discipline.js';

const MAX_SCROLLBACK = 256 * 1024;

/** What a session starts from: a fresh lab, or one restored with its attempt and screen. */
export interface SessionInit {
  lab: Lab;
  scenario?: Scenario;
  attempt?: Attempt;
  /** The progress-tracking record of the attempt. */
  attemptId?: number;
  screen?: string;
}

export class LabSession {
  discipline: LineDiscipline;
  private scrollback = '';
  lastActive: number;
  /** The learner's progress through the scenario's steps (when the lab is a scenario's). */
  readonly attempt: Attempt | undefined;
  readonly attemptId: number | undefined;
  /** The cluster revision the page's map last showed. */
  mapRevision = -1;
  /** Lines run since progress tracking last saved (the gateway flushes them after the output is shown). */
  readonly ran: { line: string; stdout: string; stderr: string; exitCode: number }[] = [];

  constructor(
    readonly key: string,
    public lab: Lab,
    now: number,
    readonly scenario?: Scenario,
    init: Pick<SessionInit, 'attempt' | 'attemptId' | 'screen'> = {},
  ) {
    this.lastActive = now;
    this.attempt = init.attempt ?? (scenario ? Attempt.start(scenario, now) : undefined);
    this.attemptId = init.attemptId;
    this.scrollback = init.screen ?? '';
    this.discipline = this.makeDiscipline();
  }

  /** A fresh machine (cluster, files, shell) for the same attempt: the screen is cleared. */
  reset(lab: Lab): DisciplineEvent[] {
    this.lab = lab;
    this.mapRevision = -1;
    this.discipline = this.makeDiscipline();
    this.scrollback = '';
    return this.discipline.start();
  }

  private makeDiscipline(): LineDiscipline {
    const session = this;
    const executor: LineExecutor = {
      promptDir: () => session.lab.promptDir(),
      promptHost: () => session.lab.promptHost(),
      endOfInput: () => session.lab.endOfInput(),
      needsMore: (t) => session.lab.needsMore(t),
      execute: (t, columns): ExecOutcome => {
        const r = session.lab.run(t, columns);
        // The log keeps the output as the screen showed it: stdout and stderr interleaved.
        const shown = r.output ? r.output.map((c) => c.text).join('') : r.stdout + r.stderr;
        session.ran.push({ line: t, stdout: shown, stderr: '', exitCode: r.exitCode });
        if (session.ran.length > 200) session.ran.shift();
        return r;
      },
      complete: (l, c) => session.lab.complete(l, c),
      history: () => session.lab.history(),
      interrupted: () => session.lab.interrupted(),
    };
    const d = new LineDiscipline(executor);
    if (this.discipline) d.columns = this.discipline.columns;
    return d;
  }

  record(data: string): void {
    this.scrollback += data;
    if (this.scrollback.length > MAX_SCROLLBACK) this.scrollback = this.scrollback.slice(-MAX_SCROLLBACK);
  }

  screen(): string {
    return this.scrollback;
  }
}

export class SessionRegistry {
  private readonly sessions = new Map<string, LabSession>();

  /**
   * `open(owner, labId)` makes the lab of a new session (fresh or restored); a bare function
   * returning a Lab also works (tests, labs without scenarios).
   */
  constructor(
    private readonly open: (labId: string, owner: string) => SessionInit | Lab | undefined,
    private readonly now: () => number,
    /** A fresh lab for a lab id (Reset), when `open` restores saved ones. */
    private readonly fresh?: (labId: string) => Lab | undefined,
  ) {}

  /** A fresh lab for a lab id (Reset). */
  createLab(labId: string, owner = ''): Lab | undefined {
    if (this.fresh) return this.fresh(labId);
    const r = this.open(labId, owner);
    return r && 'lab' in r ? r.lab : r;
  }

  attach(owner: string, labId: string): LabSession | undefined {
    const key = `${owner}:${labId}`;
    let s = this.sessions.get(key);
    if (!s) {
      const r = this.open(labId, owner);
      if (!r) return undefined;
      const init: SessionInit = 'lab' in r ? r : { lab: r };
      s = new LabSession(key, init.lab, this.now(), init.scenario, init);
      if (init.screen) {
        // Restored: the saved screen, then a fresh prompt (a command may have been cut short).
        s.record(`\r\n${s.discipline.prompt()}`);
      } else {
        for (const e of s.discipline.start()) if (e.type === 'output') s.record(e.data);
      }
      this.sessions.set(key, s);
    }
    s.lastActive = this.now();
    return s;
  }

  /** The session of an owner and lab, if one is open (no lab is created). */
  peek(owner: string, labId: string): LabSession | undefined {
    return this.sessions.get(`${owner}:${labId}`);
  }

  /** Releases labs idle for longer than maxIdleMs; returns how many. */
  sweep(maxIdleMs: number): number {
    let n = 0;
    for (const [k, s] of this.sessions) {
      if (this.now() - s.lastActive > maxIdleMs) {
        this.sessions.delete(k);
        n++;
      }
    }
    return n;
  }

  /** Drops every session (a scenario restarted from zero, tests). */
  drop(owner: string, labId: string): void {
    this.sessions.delete(`${owner}:${labId}`);
  }

  get size(): number {
    return this.sessions.size;
  }
}
