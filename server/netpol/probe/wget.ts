/**
 * busybox wget (1.36, networking/wget.c): `Connecting to host (ip:port)` and the progress bar on
 * stderr unless -q; `wget: bad address 'x'` when the name does not resolve (or DNS is blocked);
 * `wget: can't connect to remote host (ip): Connection refused`; `wget: download timed out` after -T
 * (without -T the kernel's connect timeout comes first: `Connection timed out`); waits capped for the lab.
 */
import type { CommandResult } from '../deps.js';
import { connect } from '../connect.js';
import { type ProbeContext, byteLength, capped, parseUrl, result, seconds } from './common.js';

const USAGE = 'BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n\t[--post-data STR | --post-file FILE] [-Y on/off]\n\t[--no-check-certificate] [-P DIR] [-U AGENT] [-T SEC] URL...\n\nRetrieve files via HTTP or FTP\n';

function bar(name: string, bytes: number): string {
  return `${name.padEnd(20)} 100% |********************************| ${String(bytes).padStart(5)}  0:00:00 ETA\n`;
}

export function wget(ctx: ProbeContext, args: readonly string[]): CommandResult {
  let quiet = false;
  let out: string | undefined;
  let timeout: number | undefined;
  let spider = false;
  let url: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--spider') spider = true;
    else if (a === '--quiet') quiet = true;
    else if (a.startsWith('--timeout=')) timeout = seconds(a.slice(10));
    else if (a === '--timeout') timeout = seconds(args[++i]);
    else if (a.startsWith('--output-document=')) out = a.slice(18);
    else if (a === '--output-document') out = args[++i];
    else if (a.startsWith('--')) return result('', `wget: unrecognized option '${a}'\n${USAGE}`, 1);
    else if (a.startsWith('-') && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const f = a[j]!;
        if (f === 'q') quiet = true;
        else if (f === 'S' || f === 'c') continue;
        else if (f === 'O' || f === 'T') {
          const v = j + 1 < a.length ? a.slice(j + 1) : args[++i];
          if (f === 'O') out = v;
          else timeout = seconds(v);
          break;
        } else return result('', `wget: invalid option -- '${f}'\n${USAGE}`, 1);
      }
    } else url = a;
  }
  if (url === undefined) return result('', USAGE, 1);
  const u = parseUrl(url);
  if (!u) return result('', `wget: bad address '${url}'\n`, 1);
  const o = connect(ctx.engine, ctx.from, u.host, u.port, 'TCP');
  // busybox keeps an explicit `:port` in the host it prints.
  const hostText = /^(?:[a-zA-Z][a-zA-Z0-9+.-]*:\/\/)?[^/]*:\d+/.test(url) ? `${u.host}:${u.port}` : u.host;
  const connecting = (ip: string): string => (quiet ? '' : `Connecting to ${hostText} (${ip}:${u.port})\n`);
  switch (o.status) {
    // libbb's str2sockaddr names the host as given, `:port` included.
    case 'dns-timeout':
      return result('', `wget: bad address '${hostText}'\n`, 1, capped(undefined));
    case 'nxdomain':
      return result('', `wget: bad address '${hostText}'\n`, 1);
    case 'refused':
      return result('', `${connecting(o.ip)}wget: can't connect to remote host (${o.ip}): Connection refused\n`, 1);
    case 'timeout':
      // -T arms an alarm; without it (900 s) the kernel gives up on the SYNs first (~127 s).
      return timeout !== undefined
        ? result('', `${connecting(o.ip)}wget: download timed out\n`, 1, capped(timeout))
        : result('', `${connecting(o.ip)}wget: can't connect to remote host (${o.ip}): Connection timed out\n`, 1, capped(undefined));
    case 'connected': {
      const body = o.response;
      if (spider) return result('', quiet ? '' : `${connecting(o.ip)}remote file exists\n`, 0);
      if (out === '-') {
        return result(body, quiet ? '' : `${connecting(o.ip)}writing to stdout\n${bar('-', byteLength(body))}written to stdout\n`, 0);
      }
      const file = out ?? (u.path.replace(/[?#].*$/, '').split('/').pop() || 'index.html');
      return result('', quiet ? '' : `${connecting(o.ip)}saving to '${file}'\n${bar(file, byteLength(body))}'${file}' saved\n`, 0);
    }
  }
}
