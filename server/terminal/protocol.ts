/**
 * The terminal's socket.io events, named and typed once for server and client, each payload
 * with its validator. Anything else a client sends is dropped.
 */
export const MAX_INPUT_CHARS = 16 * 1024;

export const MAX_EDITOR_BYTES = 1024 * 1024;

export interface ClientToServer {
  input: (data: string) => void;
  resize: (size: { cols: number; rows: number }) => void;
  /** The editor writes its buffer (`:w`, ^O); the reply says whether the file was written. */
  'editor:save': (p: { path: string; content: string }, ack: (r: { ok: true } | { ok: false; message: string }) => void) => void;
  /** The editor quit: the terminal gets its prompt back. */
  'editor:close': (p: { path: string }) => void;
}

/** Why the session ended: the socket is closed right after, and the page says it is signed out. */
export interface SignedOut {
  reason: string;
  message: string;
}

export interface ServerToClient {
  output: (data: string) => void;
  effect: (effect: { type: string; [k: string]: unknown }) => void;
  'signed-out': (p: SignedOut) => void;
}

export function validInput(x: unknown): x is string {
  return typeof x === 'string' && x.length > 0 && x.length <= MAX_INPUT_CHARS;
}

export function validEditorSave(x: unknown): x is { path: string; content: string } {
  if (!x || typeof x !== 'object') return false;
  const { path, content } = x as Record<string, unknown>;
  return typeof path === 'string' && path.length > 0 && path.length <= 4096 && typeof content === 'string' && content.length <= MAX_EDITOR_BYTES;
}

export function validEditorClose(x: unknown): x is { path: string } {
  return !!x && typeof x === 'object' && typeof (x as { path?: unknown }).path === 'string';
}

export function validResize(x: unknown): x is { cols: number; rows: number } {
  if (!x || typeof x !== 'object') return false;
  const { cols, rows } = x as Record<string, unknown>;
  return Number.isInteger(cols) && Number.isInteger(rows) && (cols as number) >= 10 && (cols as number) <= 1000 && (rows as number) >= 2 && (rows as number) <= 500;
}
