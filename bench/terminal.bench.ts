// Keystroke-to-echo round trip over socket.io on loopback (issue 2), with 1 and 500 sessions,
// and server memory per idle session.
import { io, type Socket } from 'socket.io-client';
import { performance } from 'node:perf_hooks';
import { startTestServer } from '../test/helpers/server.js';

const server = await startTestServer();
async function open(i: number): Promise<Socket> {
  const s = io(server.url, { query: { lab: 'playground' }, extraHeaders: { cookie: server.cookie(`bench-${i}`) }, transports: ['websocket'], forceNew: true });
  await new Promise<void>((ok) => s.once('output', () => ok()));
  return s;
}
async function roundTrips(sockets: Socket[], n: number): Promise<number[]> {
  const xs: number[] = [];
  for (let k = 0; k < n; k++) {
    const s = sockets[k % sockets.length]!;
    const t = performance.now();
    await new Promise<void>((ok) => {
      s.once('output', () => ok());
      s.emit('input', 'x');
    });
    xs.push(performance.now() - t);
  }
  return xs.sort((a, b) => a - b);
}
const stat = (xs: number[]) => `median ${xs[Math.floor(xs.length / 2)]!.toFixed(2)} ms, p99 ${xs[Math.floor(xs.length * 0.99)]!.toFixed(2)} ms`;
const one = await open(0);
console.log(`keystroke→echo, 1 session: ${stat(await roundTrips([one], 500))}`);
global.gc?.();
const before = process.memoryUsage().heapUsed;
const many: Socket[] = [one];
for (let i = 1; i < 500; i++) many.push(await open(i));
global.gc?.();
const per = (process.memoryUsage().heapUsed - before) / 499;
console.log(`keystroke→echo, 500 sessions (all on loopback, client in the same process): ${stat(await roundTrips(many, 1000))}`);
console.log(`memory per idle session (lab + socket, server and client in one process): ≈ ${(per / 1024).toFixed(0)} KB`);
for (const s of many) s.close();
await server.stop();
