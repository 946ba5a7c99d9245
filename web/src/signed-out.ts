// When the server ends the session (sign-out elsewhere, guest mode off, a revoked or expired
// session, a role change), the terminal stops taking keys and the page says so, with the reason
// and a way back in. The socket is not reconnected: the server closed it on purpose.
import type { Terminal } from '@xterm/xterm';

export function showSignedOut(message: string, term: Terminal): void {
  term.options.disableStdin = true;
  let box = document.getElementById('signed-out');
  if (!box) {
    box = document.createElement('div');
    box.id = 'signed-out';
    box.className = 'signed-out';
    box.setAttribute('role', 'alertdialog');
    box.setAttribute('aria-labelledby', 'signed-out-title');
    document.body.appendChild(box);
  }
  box.replaceChildren();
  const h = document.createElement('h2');
  h.id = 'signed-out-title';
  h.textContent = 'You are signed out';
  const p = document.createElement('p');
  p.id = 'signed-out-reason';
  p.textContent = message;
  const a = document.createElement('a');
  a.href = `/signin?next=${encodeURIComponent(location.pathname)}`;
  a.textContent = 'Sign in again';
  a.className = 'button primary';
  box.append(h, p, a);
}
