// The lab page's terminal: xterm.js fitted to its pane, talking to the server's line discipline.
import { Terminal } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import { io, type Socket } from 'socket.io-client';
import '@xterm/xterm/css/xterm.css';
import './lab.css';
import { startLabPage } from './lab-page.js';
import { openEditor, type EditorRequest } from './editor.js';
import { showSignedOut } from './signed-out.js';
import type { ClientToServer, ServerToClient } from '../../server/terminal/protocol.js';

const host = document.getElementById('terminal');
if (host) {
  const term = new Terminal({ cursorBlink: true, fontFamily: 'ui-monospace, Menlo, Consolas, monospace', fontSize: 15, scrollback: 5000 });
  const fit = new FitAddon();
  term.loadAddon(fit);
  term.open(host);
  fit.fit();
  const socket: Socket<ServerToClient, ClientToServer> = io({ query: { lab: host.dataset.lab ?? '' } });
  const sendSize = () => socket.emit('resize', { cols: term.cols, rows: term.rows });
  socket.on('connect', sendSize);
  socket.on('output', (data) => term.write(data));
  socket.on('signed-out', (p) => showSignedOut(p.message, term));
  // A handshake with a session that already ended is refused with the reason.
  socket.on('connect_error', (err) => {
    if (err.message === 'signed-out') showSignedOut((err as Error & { data?: { message?: string } }).data?.message ?? 'Your session has ended: sign in again.', term);
  });
  // The editor opens over the terminal; quitting gives the terminal its focus (and prompt) back.
  let closeEditor: { path: string; close: () => void } | undefined;
  socket.on('effect', (e) => {
    // Written in order with the output (term.clear() would run ahead of queued writes and keep
    // the current line: a Reset showed two prompts): home, erase the screen and the scrollback.
    if (e.type === 'clear') term.write('\x1b[H\x1b[2J\x1b[3J');
    if (e.type === 'reload') window.location.reload();
    if (e.type === 'open-editor') {
      closeEditor?.close();
      const req = e as unknown as EditorRequest;
      const close = openEditor(host.parentElement ?? document.body, req, {
        save: (path, content) =>
          new Promise((resolve) =>
            socket.timeout(10000).emit('editor:save', { path, content }, (err: Error | null, r: { ok: true } | { ok: false; message: string }) =>
              resolve(err ? { ok: false, message: "E212: Can't open file for writing (no answer from the lab)" } : r),
            ),
          ),
        close: (path) => {
          closeEditor = undefined;
          socket.emit('editor:close', { path });
          term.focus();
        },
        fontSize: () => term.options.fontSize ?? 15,
        theme: () => (document.documentElement.dataset.theme === 'light' ? 'light' : 'dark'),
      });
      closeEditor = { path: req.path, close };
    }
    if (e.type === 'close-editor' && closeEditor && closeEditor.path === (e as unknown as { path: string }).path) {
      closeEditor.close();
      closeEditor = undefined;
      term.focus();
    }
  });
  term.onData((data) => socket.emit('input', data));
  new ResizeObserver(() => {
    fit.fit();
    sendSize();
  }).observe(host);
  (window as unknown as { ckalab: unknown }).ckalab = { term, socket };
  if (document.getElementById('scenario-data')) startLabPage(socket as never, term, fit);
  term.focus();
}
