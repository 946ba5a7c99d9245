/** Why a browser session ended, and the words the page and the terminal show for it. */
export type SessionEndReason = 'signed-out' | 'replaced' | 'expired' | 'idle' | 'revoked' | 'role-changed' | 'password-changed' | 'guest-off' | 'deleted' | 'ended';

export const SESSION_END_MESSAGES: Record<SessionEndReason, string> = {
  'signed-out': 'You signed out.',
  replaced: 'You signed in again in this browser, which ended this session.',
  expired: 'Your session expired: sign in again.',
  idle: 'Your session timed out after a long time without activity: sign in again.',
  revoked: 'An administrator ended this session.',
  'role-changed': 'Your role changed: sign in again.',
  'password-changed': 'Your password was changed: sign in again.',
  'guest-off': 'An instructor turned guest access off, which ended every guest session. Sign in or create an account to go on.',
  deleted: 'Your account was deleted.',
  ended: 'Your session has ended: sign in again.',
};

export function sessionEndMessage(reason: string): string {
  return (SESSION_END_MESSAGES as Record<string, string>)[reason] ?? SESSION_END_MESSAGES.ended;
}
