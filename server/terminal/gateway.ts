/**
 * The socket.io end of the terminal: validates every event, feeds the line discipline, and
 * writes its output to every socket attached to the same lab (two tabs see one terminal).
 * A command's simulated wait (a probe timing out) holds its output; Ctrl-C cancels it.
 */
import type { Server, Socket } from 'socket.io';
import type { Logger } from 'pino';
import { validEditorClose, validEditorSave, validInput, validResize, type ClientToServer, type ServerToClient } from './protocol.js';
import type { CommandEffect } from '../shell/index.js';
import type { LabSession, SessionRegistry } from './sessions.js';
import { attachPanel, refreshMap, type PanelDeps } from './panel.js';
import type { PanelClientToServer, PanelServerToClient } from './panel-protocol.js';
import type { DisciplineEvent } from './line-discipline.js';
import { TypeAhead } from './type-ahead.js';

const RATE = { tokens: 4000, perSecond: 2000 };

type Io = Server<ClientToServer & PanelClientToServer, ServerToClient & PanelServerToClient>;

export interface GatewayHooks extends Pick<PanelDeps, 'onEvents'> {
  /** The owner of a connection from its cookies (the signed-in user), or undefined to refuse it. */
  ownerOf(cookieHeader: string): string | undefined;
  /** The machine changed outside a command (reset, editor save): save it. */
  onLabChanged?(session: LabSession): void;
  /** Commands ran and their output is on the screen: log them and save the lab. */
  onCommandsShown?(session: LabSession): void;
}

export function attachGateway(io: Io, registry: SessionRegistry, log: Logger, hooks: GatewayHooks): void {
  // A session's output held back: by a simulated wait (a timer), or by the open editor (until it closes).
  const held = new Map<string, { timer?: NodeJS.Timeout; events: DisciplineEvent[]; editor?: CommandEffect & { type: 'open-editor' } }>();
  // Keys typed while a command waits: echoed and queued as a pty would, read when the prompt returns.
  const typed = new Map<string, TypeAhead>();
  const readTypeAhead = (s: LabSession) => {
    const q = typed.get(s.key)?.take() ?? '';
    if (q && !held.has(s.key)) emit(s, s.discipline.feed(q));
    else if (q) typed.get(s.key)!.push(q);
  };

  const emit = (s: LabSession, events: DisciplineEvent[]) => {
    let i = 0;
    for (; i < events.length; i++) {
      const e = events[i]!;
      if (e.type === 'effect' && e.effect.type === 'open-editor') {
        // The prompt waits for the editor to close; the command's output after it is kept.
        io.to(s.key).emit('effect', e.effect as never);
        held.set(s.key, { events: events.slice(i + 1), editor: e.effect });
        return;
      }
      if (e.type === 'effect' && e.effect.type === 'wait') {
        const rest = events.slice(i + 1);
        const timer = setTimeout(() => {
          held.delete(s.key);
          emit(s, rest);
          readTypeAhead(s);
          if (!held.has(s.key)) hooks.onCommandsShown?.(s);
          refreshMap(io, s);
        }, Math.min(e.effect.ms, 10_000));
        held.set(s.key, { timer, events: rest });
        return;
      }
      if (e.type === 'output') {
        s.record(e.data);
        io.to(s.key).emit('output', e.data);
      } else io.to(s.key).emit('effect', e.effect as never);
    }
  };

  io.on('connection', (socket: Socket<ClientToServer & PanelClientToServer, ServerToClient & PanelServerToClient>) => {
    const { lab } = socket.handshake.query;
    const owner = hooks.ownerOf(socket.handshake.headers.cookie ?? '');
    if (typeof lab !== 'string' || !owner) {
      socket.disconnect(true);
      return;
    }
    const session = registry.attach(owner, lab);
    if (!session) {
      socket.disconnect(true);
      return;
    }
    void socket.join(session.key);
    socket.emit('output', session.screen());
    // A reload while the editor is open reopens it on the file as last saved.
    const open = held.get(session.key)?.editor;
    if (open) {
      const saved = session.lab.readFile(open.path);
      socket.emit('effect', { ...open, content: saved ?? open.content } as never);
    }
    attachPanel(io, socket, session, {
      busy: (s) => held.has(s.key),
      freshLab: () => registry.createLab(lab),
      restart: () => registry.drop(owner, lab),
      // Reset: whatever was held back (a probe's wait, an open editor) belongs to the old machine.
      emitTerminal: (s, events) => {
        const h = held.get(s.key);
        typed.delete(s.key);
        if (h) {
          clearTimeout(h.timer);
          held.delete(s.key);
          if (h.editor) io.to(s.key).emit('effect', { type: 'close-editor', path: h.editor.path } as never);
        }
        emit(s, events);
      },
      now: Date.now,
      log,
      ...(hooks.onEvents ? { onEvents: hooks.onEvents } : {}),
      ...(hooks.onLabChanged ? { onReset: hooks.onLabChanged } : {}),
    });
    let bucket = RATE.tokens;
    let last = Date.now();
    socket.on('input', (data: unknown) => {
      const now = Date.now();
      bucket = Math.min(RATE.tokens, bucket + ((now - last) / 1000) * RATE.perSecond);
      last = now;
      if (!validInput(data)) {
        log.warn({ lab, reason: 'invalid input' }, 'dropped terminal event');
        return;
      }
      bucket -= data.length;
      if (bucket < 0) {
        log.warn({ lab, reason: 'rate limit' }, 'dropped terminal input');
        return;
      }
      session.lastActive = now;
      const h = held.get(session.key);
      if (h) {
        if (h.editor) return;
        if (!data.includes('\x03')) {
          let q = typed.get(session.key);
          if (!q) typed.set(session.key, (q = new TypeAhead()));
          const echo = q.push(data);
          if (echo) emit(session, [{ type: 'output', data: echo }]);
          return;
        }
        clearTimeout(h.timer);
        held.delete(session.key);
        typed.get(session.key)?.take();
        emit(session, session.discipline.feed('\x03'));
        return;
      }
      try {
        emit(session, session.discipline.feed(data));
        if (!held.has(session.key)) hooks.onCommandsShown?.(session);
        refreshMap(io, session);
      } catch (e) {
        log.error({ err: e }, 'line discipline failed');
        emit(session, [{ type: 'output', data: '\r\nerror: internal error\r\n' }]);
      }
    });
    socket.on('editor:save', (p: unknown, ack: unknown) => {
      const reply = typeof ack === 'function' ? (ack as (r: unknown) => void) : () => undefined;
      const h = held.get(session.key);
      if (!validEditorSave(p)) return reply({ ok: false, message: 'E212: Can\'t open file for writing' });
      if (!h?.editor || h.editor.path !== p.path) return reply({ ok: false, message: 'E212: Can\'t open file for writing (the editor is not open on this file)' });
      session.lastActive = Date.now();
      const r = session.lab.saveFile(p.path, p.content, h.editor.purpose);
      if (r.exitCode === 0) hooks.onLabChanged?.(session);
      reply(r.exitCode === 0 ? { ok: true } : { ok: false, message: r.stderr.trim() });
    });
    socket.on('editor:close', (p: unknown) => {
      const h = held.get(session.key);
      if (!validEditorClose(p) || !h?.editor || h.editor.path !== p.path) return;
      const r = session.lab.closeEditor(p.path);
      // kubectl edit on a file that does not parse: the editor opens again, the prompt still waits.
      const again = r?.effects.find((e): e is CommandEffect & { type: 'open-editor' } => e.type === 'open-editor');
      if (again) {
        held.set(session.key, { events: h.events, editor: again });
        io.to(session.key).emit('effect', again as never);
        return;
      }
      held.delete(session.key);
      // Other tabs close their editor too.
      io.to(session.key).emit('effect', { type: 'close-editor', path: p.path } as never);
      const rest = h.events.slice(0, -1); // all but the prompt printed at the time
      emit(session, [...rest, ...session.discipline.afterEditor(r)]);
      readTypeAhead(session);
      hooks.onCommandsShown?.(session);
      if (r) hooks.onLabChanged?.(session);
      refreshMap(io, session);
    });
    socket.on('resize', (size: unknown) => {
      if (!validResize(size)) return;
      session.discipline.columns = size.cols;
    });
  });
}

export function parseCookie(header: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of header.split(';')) {
    const i = part.indexOf('=');
    if (i > 0) out[part.slice(0, i).trim()] = decodeURIComponent(part.slice(i + 1).trim());
  }
  return out;
}
