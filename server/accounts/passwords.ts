/**
 * Passwords as NIST SP 800-63B (5.1.1.2) asks: at least 8 characters (code points), long
 * passphrases welcome (up to 200), no composition rules, and a refusal for what attackers try
 * first: the most common passwords, one character repeated, and the account's own name or the
 * service's. The list comes in as a set (server/http/password-list.ts reads the shipped file).
 */
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 200;

export type PasswordCheck = { ok: true; password: string } | { ok: false; message: string };

export interface PasswordContext {
  /** The account's name: the password may not be it. */
  name?: string;
  /** Lower-case common passwords. */
  common?: ReadonlySet<string>;
}

const squash = (s: string) => s.normalize('NFKC').toLowerCase().replace(/\s+/gu, '');

export function checkPassword(raw: unknown, ctx: PasswordContext = {}): PasswordCheck {
  if (typeof raw !== 'string') return { ok: false, message: `The password needs at least ${PASSWORD_MIN} characters.` };
  const chars = [...raw];
  if (chars.length < PASSWORD_MIN) return { ok: false, message: `The password needs at least ${PASSWORD_MIN} characters.` };
  if (chars.length > PASSWORD_MAX) return { ok: false, message: `The password can have at most ${PASSWORD_MAX} characters.` };
  if (chars.every((c) => c === chars[0])) return { ok: false, message: 'The password cannot be one character repeated.' };
  const lower = raw.toLowerCase();
  if (ctx.common?.has(lower) || ctx.common?.has(lower.trim())) return { ok: false, message: 'That password is one of the most common ones: choose another.' };
  const s = squash(raw);
  if ((ctx.name && s === squash(ctx.name)) || s === 'ckalab') return { ok: false, message: 'The password cannot be your name.' };
  return { ok: true, password: raw };
}
