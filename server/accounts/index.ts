/**
 * Account rules, pure: what a name and a password must be, when two names look alike, why a
 * session ended, and the words for each refusal. Hashing and sessions happen at the edge
 * (server/http/auth.ts, server/store).
 */
export { NAME_MAX, checkName, skeleton, nameKeys, NAME_TAKEN, NAME_CONFUSABLE, type NameCheck } from './names.js';
export { PASSWORD_MIN, PASSWORD_MAX, checkPassword, type PasswordCheck, type PasswordContext } from './passwords.js';
export { SESSION_END_MESSAGES, sessionEndMessage, type SessionEndReason } from './sessions.js';

/** One message for an unknown name and a wrong password: a sign-in form must not tell them apart. */
export const SIGN_IN_FAILED = 'Wrong name or password.';
