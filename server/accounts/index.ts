/**
 * Account rules, pure: what a name and a password must be, and the words for each refusal.
 * Hashing and sessions happen at the edge (server/http/auth.ts, server/store).
 */
export const NAME_MAX = 40;
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 200;

/** A display name: trimmed, 2 to 40 characters, no control characters (markup is escaped where shown). */
export function checkName(raw: unknown): { ok: true; name: string } | { ok: false; message: string } {
  if (typeof raw !== 'string') return { ok: false, message: 'Enter a name.' };
  const name = raw.trim().replace(/\s+/g, ' ');
  if (name.length < 2) return { ok: false, message: 'The name needs at least 2 characters.' };
  if ([...name].length > NAME_MAX) return { ok: false, message: `The name can have at most ${NAME_MAX} characters.` };
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(name)) return { ok: false, message: 'The name cannot contain control characters.' };
  return { ok: true, name };
}

export function checkPassword(raw: unknown): { ok: true; password: string } | { ok: false; message: string } {
  if (typeof raw !== 'string' || raw.length < PASSWORD_MIN) return { ok: false, message: `The password needs at least ${PASSWORD_MIN} characters.` };
  if (raw.length > PASSWORD_MAX) return { ok: false, message: `The password can have at most ${PASSWORD_MAX} characters.` };
  return { ok: true, password: raw };
}

/** One message for an unknown name and a wrong password: a sign-in form must not tell them apart. */
export const SIGN_IN_FAILED = 'Wrong name or password.';
