/**
 * busybox nc, telnet, nslookup and ping (1.36). Texts from busybox's libbb/xconnect.c
 * (`can't connect to remote host (ip): Connection refused`, `bad address 'x'`), networking/nc_bloaty.c,
 * networking/nslookup.c (`;; connection timed out; no servers could be
 * reached`, `** server can't find x: NXDOMAIN`) and networking/ping.c (summary lines).
 * ICMP is not governed by port: a rule with `ports` never admits ping (see decide.ts).
 */
import type { CommandResult } from '../deps.js';
import { connect } from '../connect.js';
import { resolveName } from '../resolve.js';
import { KUBE_DNS_IP } from '../world.js';
import { type ProbeContext, byteLength, capped, result } from './common.js';

/**
 * busybox nc as the busybox image builds it (NC_110_COMPAT: networking/nc_bloaty.c): `-v` prints
 * `HOST (IP:PORT) open`; a failure exits 1 and is reported (`nc: HOST (IP:PORT): Connection timed
 * out`) only with -v, and a refusal only with -vv ("don't print refusals" at one -v). UDP has no
 * handshake: with -z it writes twice and fails only on an ICMP refusal (allowed, nothing listens).
 */
export function nc(ctx: ProbeContext, args: readonly string[]): CommandResult {
  let zero = false;
  let verbose = 0;
  let udp = false;
  let wait: number | undefined;
  const rest: string[] = [];
  const usage = 'BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: nc [OPTIONS] HOST PORT  - connect\nnc [OPTIONS] -l -p PORT [HOST] [PORT]  - listen\n';
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a.startsWith('-') && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const f = a[j]!;
        if (f === 'z') zero = true;
        else if (f === 'v') verbose++;
        else if (f === 'u') udp = true;
        else if (f === 'n') continue;
        else if (f === 'w') {
          const v = j + 1 < a.length ? a.slice(j + 1) : args[++i];
          if (v === undefined || !/^\d+$/.test(v)) return result('', `nc: invalid number '${v ?? ''}'\n`, 1);
          wait = Number(v) * 1000;
          break;
        } else return result('', `nc: invalid option -- '${f}'\n${usage}`, 1);
      }
    } else rest.push(a);
  }
  const [host, portText] = rest;
  if (!host || !portText || rest.length > 2) return result('', usage, 1);
  if (!/^\d+$/.test(portText) || Number(portText) > 65535) return result('', `nc: bad port '${portText}'\n`, 1);
  const port = Number(portText);
  const o = connect(ctx.engine, ctx.from, host, port, udp ? 'UDP' : 'TCP');
  if (o.status === 'dns-timeout') return result('', `nc: bad address '${host}'\n`, 1, capped(undefined));
  if (o.status === 'nxdomain') return result('', `nc: bad address '${host}'\n`, 1);
  const dotted = `${o.ip}:${port}`;
  const open = verbose ? `${host} (${dotted}) open\n` : '';
  const tally = (rcvd: number): string => (verbose > 1 ? `sent 0, rcvd ${rcvd}\n` : '');
  const failed = (errno: string, shown: boolean, waitMs = 0): CommandResult =>
    result('', (shown ? `nc: ${host} (${dotted}): ${errno}\n` : '') + tally(0), 1, waitMs);
  if (udp) {
    // udptest: sleep -w seconds between the writes, or time a TCP connect to port 31337 (5 s cap).
    const probeWait = wait ?? (o.status === 'timeout' ? 5000 : 0);
    if (o.status === 'refused') return failed('Connection refused', verbose > 1, zero ? Math.min(probeWait, capped(undefined)) : 0);
    const body = !zero && o.status === 'connected' ? o.response : '';
    return result(body, open + tally(byteLength(body)), 0, zero ? Math.min(probeWait, capped(undefined)) : 0);
  }
  switch (o.status) {
    case 'refused':
      return failed('Connection refused', verbose > 1);
    case 'timeout':
      return failed('Connection timed out', verbose > 0, capped(wait));
    case 'connected':
      return result(zero ? '' : o.response, open + tally(zero ? 0 : byteLength(o.response)), 0);
  }
}

export function telnet(ctx: ProbeContext, args: readonly string[]): CommandResult {
  const [host, portText] = args.filter((a) => !a.startsWith('-'));
  if (!host) return result('', 'BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: telnet [-a] [-l USER] HOST [PORT]\n\nConnect to telnet server\n', 1);
  const port = portText && /^\d+$/.test(portText) ? Number(portText) : 23;
  const o = connect(ctx.engine, ctx.from, host, port, 'TCP');
  switch (o.status) {
    case 'dns-timeout':
    case 'nxdomain':
      return result('', `telnet: bad address '${host}'\n`, 1, o.status === 'dns-timeout' ? capped(undefined) : 0);
    case 'refused':
      return result('', `telnet: can't connect to remote host (${o.ip}): Connection refused\n`, 1);
    case 'timeout':
      return result('', `telnet: can't connect to remote host (${o.ip}): Connection timed out\n`, 1, capped(undefined));
    case 'connected':
      return result(`Connected to ${host}\n`, 'Connection closed by foreign host\n', 1);
  }
}

export function nslookup(ctx: ProbeContext, args: readonly string[]): CommandResult {
  const names = args.filter((a) => !a.startsWith('-'));
  const name = names[0];
  if (!name) return result('', 'BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]\n\nQuery DNS about HOST\n', 1);
  const server = names[1] ?? KUBE_DNS_IP;
  const head = `Server:\t\t${server}\nAddress:\t${server}:53\n\n`;
  const a = resolveName(ctx.engine, ctx.from, name);
  switch (a.status) {
    case 'timeout':
      return result(';; connection timed out; no servers could be reached\n\n', '', 1, capped(undefined));
    case 'ip':
      return result(`${head}** server can't find ${name.split('.').reverse().join('.')}.in-addr.arpa: NXDOMAIN\n\n`, '', 1);
    case 'nxdomain':
      return result(`${head}** server can't find ${name}: NXDOMAIN\n\n`, '', 1);
    case 'name':
      return result(`${head}Name:\t${a.fqdn}\nAddress: ${a.ip}\n\n`, '', 0);
  }
}

export function ping(ctx: ProbeContext, args: readonly string[]): CommandResult {
  let count = 4; // without -c busybox pings until interrupted: the lab sends four
  let host: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-c') count = Math.max(1, Number(args[++i]) || 1);
    else if (a.startsWith('-c')) count = Math.max(1, Number(a.slice(2)) || 1);
    else if (a === '-W' || a === '-w' || a === '-i' || a === '-s') i++;
    else if (!a.startsWith('-')) host = a;
  }
  if (!host) return result('', 'BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: ping [OPTIONS] HOST\n\nSend ICMP ECHO_REQUESTs to HOST\n', 1);
  const o = connect(ctx.engine, ctx.from, host, 0, 'ICMP');
  if (o.status === 'dns-timeout' || o.status === 'nxdomain') return result('', `ping: bad address '${host}'\n`, 1, o.status === 'dns-timeout' ? capped(undefined) : 0);
  const headLine = `PING ${host} (${o.ip}): 56 data bytes\n`;
  const tail = (received: number): string =>
    `\n--- ${host} ping statistics ---\n${count} packets transmitted, ${received} packets received, ${received === count ? 0 : 100}% packet loss\n`;
  const waitMs = Math.min(count * 1000, 5000);
  if (o.status !== 'connected') return result(headLine + tail(0), '', 1, waitMs);
  let lines = '';
  for (let i = 0; i < count; i++) lines += `64 bytes from ${o.ip}: seq=${i} ttl=63 time=0.${100 + i * 7} ms\n`;
  const times = Array.from({ length: count }, (_, i) => 0.1 + i * 0.007);
  const avg = times.reduce((x, y) => x + y, 0) / count;
  return result(`${headLine}${lines}${tail(count)}round-trip min/avg/max = ${times[0]!.toFixed(3)}/${avg.toFixed(3)}/${times[count - 1]!.toFixed(3)} ms\n`, '', 0, Math.min((count - 1) * 1000, 5000));
}
