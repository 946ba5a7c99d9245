/**
 * Lab sessions live on the server, keyed by the browser's session id and the lab: reloading
 * the page or a second tab reattaches to the same terminal and replays its screen.
 */
import type { Lab } from '../lab/index.js';
import { LineDiscipline, type ExecOutcome, type LineExecutor } from './line-discipline.js';

const MAX_SCROLLBACK = 256 * 1024;

export class LabSession {
  readonly discipline: LineDiscipline;
  private scrollback = '';
  lastActive: number;

  constructor(
    readonly key: string,
    readonly lab: Lab,
    now: number,
  ) {
    this.lastActive = now;
    const executor: LineExecutor = {
      promptDir: () => lab.promptDir(),
      needsMore: (t) => lab.needsMore(t),
      execute: (t, columns): ExecOutcome => {
        const r = lab.run(t, columns);
        // The browser editor arrives with the shell issue; until then say so rather than hang.
        if (r.effects.some((e) => e.type === 'open-editor')) {
          return {
            ...r,
            effects: r.effects.filter((e) => e.type !== 'open-editor'),
            stderr: `${r.stderr}The full-screen editor is not in this build yet: write files with cat <<'EOF' > FILE ... EOF\n`,
            exitCode: 1,
          };
        }
        return r;
      },
      complete: (l, c) => lab.complete(l, c),
      history: () => lab.history(),
    };
    this.discipline = new LineDiscipline(executor);
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
    private readonly createLab: (labId: string) => Lab | undefined,
    private readonly now: () => number,
  ) {}

  attach(sid: string, labId: string): LabSession | undefined {
    const key = `${sid}:${labId}`;
    let s = this.sessions.get(key);
    if (!s) {
      const lab = this.createLab(labId);
      if (!lab) return undefined;
      s = new LabSession(key, lab, this.now());
      for (const e of s.discipline.start()) if (e.type === 'output') s.record(e.data);
      this.sessions.set(key, s);
    }
    s.lastActive = this.now();
    return s;
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
