/**
 * The task panel's socket events for one connection: each request validated, answered through
 * the attempt and the grader, and the new state pushed to every tab of the same lab. A check
 * while a command still runs is refused with a message; a repeated check on an unchanged cluster
 * is not recorded twice (Attempt.recordCheck).
 */
import type { Server, Socket } from 'socket.io';
import type { Logger } from 'pino';
import { connectionTest, gradeStep, networkMap, solutionText, type AttemptEvent } from '../lab/index.js';
import type { DisciplineEvent } from './line-discipline.js';
import { validAnswer, validApp, validStep, type Ack, type PanelClientToServer, type PanelServerToClient, type PanelState } from './panel-protocol.js';
import type { LabSession } from './sessions.js';

export interface PanelDeps {
  /** Whether a command of this session is still running (its output held). */
  busy(session: LabSession): boolean;
  /** A fresh lab for the session's lab id. */
  freshLab(session: LabSession): LabSession['lab'] | undefined;
  /** Sends terminal events (after a reset) as the gateway does. */
  emitTerminal(session: LabSession, events: DisciplineEvent[]): void;
  /** Progress tracking hears each event and stores it. */
  onEvents?(session: LabSession, events: AttemptEvent[]): void;
  /** The machine was replaced (Reset): progress tracking saves it. */
  onReset?(session: LabSession): void;
  /** Forget the session so that the next visit starts a new attempt. */
  restart(session: LabSession): void;
  now(): number;
  log: Logger;
}

type PanelIo = Server<PanelClientToServer, PanelServerToClient>;

export function panelState(session: LabSession, now: number): PanelState | undefined {
  const a = session.attempt;
  const s = session.scenario;
  if (!a || !s) return undefined;
  return {
    steps: a.steps.map((p, i) => {
      const step = s.steps[i]!;
      return {
        status: p.status,
        tries: p.tries,
        hints: step.hints.slice(0, p.hintsShown),
        hintCount: step.hints.length,
        ...(p.solutionShown ? { solution: solutionText(step) } : {}),
        ...(p.answer ? { answer: p.answer } : {}),
        ...(p.check ? { check: p.check.result } : {}),
      };
    }),
    current: a.current,
    startedAt: a.startedAt,
    serverNow: now,
    summary: a.summary(now),
  };
}

export function mapMessage(session: LabSession) {
  const failing: { from: string; to: string; port: string }[] = [];
  const a = session.attempt;
  if (a) {
    const p = a.steps[a.current];
    for (const c of p?.check?.result.checks ?? []) for (const x of c.connections) if (x.expected !== x.actual) failing.push({ from: x.from, to: x.to, port: `${x.port}/${x.protocol}` });
  }
  return { ...networkMap(session.lab.engine()), failing };
}

export function attachPanel(io: PanelIo, socket: Socket<PanelClientToServer, PanelServerToClient>, session: LabSession, deps: PanelDeps): void {
  const pushState = () => {
    const st = panelState(session, deps.now());
    if (st) io.to(session.key).emit('panel:state', st);
  };
  const pushMap = () => {
    session.mapRevision = session.lab.cluster.revision;
    io.to(session.key).emit('panel:map', mapMessage(session));
  };
  const events = (e: AttemptEvent[]) => {
    if (e.length) deps.onEvents?.(session, e);
  };
  const guard = <P>(valid: (p: unknown) => p is P, fn: (p: P) => unknown) => (p: unknown, ack: unknown) => {
    const reply: Ack<unknown> = typeof ack === 'function' ? (ack as Ack<unknown>) : () => undefined;
    if (!session.attempt) return reply({ error: 'This lab has no steps.' });
    if (!valid(p)) return reply({ error: 'Invalid request.' });
    try {
      session.lastActive = deps.now();
      reply(fn(p));
    } catch (err) {
      deps.log.error({ err }, 'panel request failed');
      reply({ error: 'Something went wrong: try again.' });
    }
  };
  const any = (p: unknown): p is Record<string, never> => !!p && typeof p === 'object';
  const a = () => session.attempt!;

  socket.on('panel:answer', guard(validAnswer, (p) => {
    const r = a().answer(p.step, p.response, deps.now());
    if ('error' in r) return r;
    events(r.events);
    pushState();
    return r.result;
  }));
  socket.on('panel:check', guard(validStep, (p) => {
    if (deps.busy(session)) return { error: 'A command is still running in the terminal: wait for it (or press Ctrl-C), then check again.' };
    const no = a().checkable(p.step);
    if (no) return no;
    const result = gradeStep(session.lab, session.scenario!, p.step);
    const r = a().recordCheck(p.step, result, session.lab.cluster.revision, deps.now());
    if ('error' in r) return r;
    events(r.events);
    pushState();
    pushMap();
    return result;
  }));
  socket.on('panel:hint', guard(validStep, (p) => {
    const r = a().hint(p.step);
    if ('error' in r) return r;
    events(r.events);
    pushState();
    return { hint: r.hint };
  }));
  socket.on('panel:solution', guard(validStep, (p) => {
    const r = a().solution(p.step);
    if ('error' in r) return r;
    events(r.events);
    pushState();
    return { solution: r.solution };
  }));
  socket.on('panel:skip', guard(validStep, (p) => {
    const r = a().skip(p.step, deps.now());
    if ('error' in r) return r;
    events(r.events);
    pushState();
    return { ok: true };
  }));
  socket.on('panel:reset', guard(any, () => {
    const lab = deps.freshLab(session);
    if (!lab) return { error: 'This scenario is no longer available.' };
    deps.emitTerminal(session, [{ type: 'effect', effect: { type: 'clear' } }, ...session.reset(lab)]);
    deps.onReset?.(session);
    events(a().labReset());
    pushState();
    pushMap();
    return { ok: true };
  }));
  socket.on('panel:restart', guard(any, () => {
    if (a().completedAt === undefined) return { error: 'Finish this attempt first (or skip the remaining steps).' };
    deps.restart(session);
    // Other tabs of this lab reload too (the terminal's effect event).
    (io as unknown as Server).to(session.key).emit('effect', { type: 'reload' });
    return { ok: true };
  }));
  socket.on('panel:app', guard(validApp, (p) => {
    const pages = session.scenario!.appPages;
    if (!pages.some((x) => `${x.namespace}/${x.pod}` === p.pod)) return { error: 'This pod has no app page.' };
    return connectionTest(session.lab.engine(), p.pod, p.host, p.port, p.mode);
  }));

  // A new tab gets the state and the map at once.
  const st = panelState(session, deps.now());
  if (st) socket.emit('panel:state', st);
  if (session.attempt) socket.emit('panel:map', mapMessage(session));
}

/** After terminal input: a command that changed the cluster redraws the map on every tab. */
export function refreshMap(io: PanelIo, session: LabSession): void {
  if (!session.attempt || session.lab.cluster.revision === session.mapRevision) return;
  session.mapRevision = session.lab.cluster.revision;
  io.to(session.key).emit('panel:map', mapMessage(session));
}
