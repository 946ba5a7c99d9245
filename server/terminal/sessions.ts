/**
 * Lab sessions live on the server, keyed by the browser's session id and the lab: reloading
 * the page or a second tab reattaches to the same terminal and replays its screen.
 */
import { Attempt, type Lab } from '../lab/index.js';
import type { Scenario } from '../scenarios/index.js';
import { LineDiscipline, type DisciplineEvent, type ExecOutcome, type LineExecutor } from './line-discipline.js';

const MAX_SCROLLBACK = 256 * 1024;

export class LabSession {
  discipline: LineDiscipline;
  private scrollback = '';
  lastActive: number;
  /** The learner's progress through the scenario's steps (when the lab is a scenario's). */
  readonly attempt: Attempt | undefined;
  /** The cluster revision the page's map last showed. */
  mapRevision = -1;

  constructor(
    readonly key: string,
    public lab: Lab,
    now: number,
    readonly scenario?: Scenario,
  ) {
    this.lastActive = now;
    this.attempt = scenario ? Attempt.start(scenario, now) : undefined;
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
      needsMore: (t) => session.lab.needsMore(t),
      execute: (t, columns): ExecOutcome => {
        const r = session.lab.run(t, columns);
        return r;
      },
      complete: (l, c) => session.lab.complete(l, c),
      history: () => session.lab.history(),
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

  constructor(
    readonly createLab: (labId: string) => Lab | undefined,
    private readonly now: () => number,
    /** The scenario a lab id plays, for the task panel; none for bare labs. */
    private readonly scenarioOf: (labId: string) => Scenario | undefined = () => undefined,
  ) {}

  attach(sid: string, labId: string): LabSession | undefined {
    const key = `${sid}:${labId}`;
    let s = this.sessions.get(key);
    if (!s) {
      const lab = this.createLab(labId);
      if (!lab) return undefined;
      s = new LabSession(key, lab, this.now(), this.scenarioOf(labId));
      for (const e of s.discipline.start()) if (e.type === 'output') s.record(e.data);
      this.sessions.set(key, s);
    }
    s.lastActive = this.now();
    return s;
  }

  /** The session of a browser and lab, if one is open (no lab is created). */
  peek(sid: string, labId: string): LabSession | undefined {
    return this.sessions.get(`${sid}:${labId}`);
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

  get size(): number {
    return this.sessions.size;
  }
}
