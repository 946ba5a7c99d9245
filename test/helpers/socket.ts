// A socket.io client for one lab, as the page would open it: it keeps the screen, the effects
// and the panel's last state and map, and waits on them (never on sleeps alone).
import assert from 'node:assert/strict';
import { io, type Socket } from 'socket.io-client';

export interface LabClient {
  socket: Socket;
  screen(): string;
  effects: any[];
  state(): any;
  /** Resolves once the screen matches (fails after 5 s with the screen's end). */
  waitFor(re: RegExp): Promise<void>;
  until(f: () => boolean, what?: string): Promise<void>;
  /** The next (or current) panel event that satisfies pred. */
  next(event: 'panel:state' | 'panel:map', pred?: (x: any) => boolean): Promise<any>;
  /** An acknowledged request. */
  call(event: string, payload: unknown): Promise<any>;
}

export function labClient(url: string, cookie: string, lab = 'network-policies'): LabClient {
  const socket = io(url, { query: { lab }, extraHeaders: { cookie }, transports: ['websocket'], forceNew: true });
  let buf = '';
  const effects: any[] = [];
  const last: Record<string, any> = {};
  socket.on('output', (d: string) => (buf += d));
  socket.on('effect', (e: any) => effects.push(e));
  for (const ev of ['panel:state', 'panel:map']) socket.on(ev, (x: any) => (last[ev] = x));
  const until = async (f: () => boolean, what = 'condition') => {
    for (let i = 0; i < 500 && !f(); i++) await new Promise((r) => setTimeout(r, 10));
    assert.ok(f(), `timed out waiting for ${what}; screen ends: ${JSON.stringify(buf.slice(-300))}`);
  };
  return {
    socket,
    screen: () => buf,
    effects,
    state: () => last['panel:state'],
    waitFor: (re) => until(() => re.test(buf), String(re)),
    until,
    next: async (event, pred = () => true) => {
      let seen: any;
      await until(() => {
        seen = last[event];
        return seen !== undefined && pred(seen);
      }, event);
      return seen;
    },
    call: (event, payload) => new Promise((done) => socket.emit(event, payload, done)),
  };
}
