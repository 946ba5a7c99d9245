// The lab page's terminal: xterm.js fitted to its pane, talking to the server's line discipline.
import { Terminal } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import { io, type Socket } from 'socket.io-client';
import '@xterm/xterm/css/xterm.css';
import './lab.css';
import { startLabPage } from './lab-page.js';
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
  socket.on('effect', (e) => {
    if (e.type === 'clear') term.clear();
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
