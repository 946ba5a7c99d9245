/**
 * The sockets of each browser session, so that a session that ends ends its terminals at once:
 * sign-out, an instructor turning guest mode off, a role change, a deleted account, a revoked or
 * expired session. The store announces what the server itself ends; a periodic check against the
 * store catches the rest (the `ckalab user` commands run in another process, timeouts pass).
 * Each socket is told why (`signed-out`) before it is closed; a handshake with a session that has
 * already ended is refused with the same words. Terminal activity keeps a session from idling out.
 */
import type { Server, Socket } from 'socket.io';
import type { ExtendedError } from 'socket.io';
import { sessionEndMessage, type SessionEndReason } from '../accounts/index.js';
import { hashToken, type Store } from '../store/index.js';
import type { SignedOut } from './protocol.js';

export class SocketSessions {
  private readonly sockets = new Map<string, Set<Socket>>();
  /** Sessions whose terminals were used since the last check. */
  private readonly used = new Set<string>();

  constructor(
    private readonly store: Store,
    private readonly now: () => number,
    private readonly tokenOf: (cookieHeader: string) => string | undefined,
  ) {
    store.onSessionsEnded(({ tokenHashes, reason }) => {
      for (const h of tokenHashes) this.end(h, reason);
    });
  }

  /** socket.io middleware: tracks the socket under its session; a session that ended is refused with its reason. */
  readonly middleware = (socket: Socket, next: (err?: ExtendedError) => void): void => {
    const token = this.tokenOf(socket.handshake.headers.cookie ?? '');
    // No session at all: the gateway refuses it as before.
    if (!token) return next();
    let s = this.store.sessionState(token, this.now());
    if (s?.state === 'active' && s.user.guest && this.store.setting('guest_mode') === 'off') {
      this.store.endSessionByHash(s.tokenHash, 'guest-off', this.now());
      s = { state: 'ended', reason: 'guest-off', tokenHash: s.tokenHash };
    }
    if (s?.state === 'ended') {
      const err: ExtendedError = new Error('signed-out');
      err.data = signedOut(s.reason);
      return next(err);
    }
    if (!s) return next();
    const hash = s.tokenHash;
    let set = this.sockets.get(hash);
    if (!set) this.sockets.set(hash, (set = new Set()));
    set.add(socket);
    socket.onAny(() => this.used.add(hash));
    socket.on('disconnect', () => {
      const cur = this.sockets.get(hash);
      cur?.delete(socket);
      if (cur?.size === 0) this.sockets.delete(hash);
    });
    next();
  };

  attach(io: Server): void {
    io.use(this.middleware);
  }

  /** Tells every socket of the session why it ends, and closes it (the client does not reconnect). */
  end(tokenHash: string, reason: SessionEndReason): number {
    const set = this.sockets.get(tokenHash);
    if (!set) return 0;
    this.sockets.delete(tokenHash);
    this.used.delete(tokenHash);
    for (const socket of set) {
      socket.emit('signed-out', signedOut(reason));
      socket.disconnect(true);
    }
    return set.size;
  }

  /** Checks every session with an open socket against the store; returns how many sockets it ended. */
  check(): number {
    const now = this.now();
    let n = 0;
    for (const hash of [...this.sockets.keys()]) {
      if (this.used.delete(hash)) this.store.touchSession(hash, now);
      const s = this.store.sessionStateByHash(hash, now);
      if (s?.state === 'active' && s.user.guest && this.store.setting('guest_mode') === 'off') this.store.endSessionByHash(hash, 'guest-off', now);
      else if (s?.state !== 'active') n += this.end(hash, s?.reason ?? 'ended');
    }
    return n;
  }

  /** Sockets open per session (for tests and the log). */
  get size(): number {
    let n = 0;
    for (const s of this.sockets.values()) n += s.size;
    return n;
  }
}

export const signedOut = (reason: SessionEndReason): SignedOut => ({ reason, message: sessionEndMessage(reason) });

export { hashToken };
