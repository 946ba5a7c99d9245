/**
 * curl 7.88/8.x as the nginx (Debian bookworm) and curlimages/curl images ship it. Texts from curl's
 * lib/strerror.c and lib/connect.c: `curl: (6) Could not resolve host: x`, `curl: (7) Failed to connect
 * to x port 81 after 0 ms: Couldn't connect to server`, `curl: (28) Connection timed out after N
 * milliseconds`, `curl: (28) Resolving timed out after N milliseconds`, `curl: (1) Received HTTP/0.9
 * when not allowed`. -s hides errors unless -S; without -s a progress meter goes to stderr (stdout is
 * no terminal under kubectl exec).
 */
import type { CommandResult } from '../deps.js';
import { connect } from '../connect.js';
import { NON_HTTP_PORTS, type ProbeContext, byteLength, capped, parseUrl, result, seconds } from './common.js';

const USAGE = "curl: try 'curl --help' or 'curl --manual' for more information\n";
const METER_HEAD =
  '  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n' +
  '                                 Dload  Upload   Total   Spent    Left  Speed\n';

function meterLine(bytes: number): string {
  const pct = bytes > 0 ? '100' : '  0';
  const b = String(bytes).padStart(5);
  return `\r${pct} ${b}  ${pct} ${b}    0     0      0      0 --:--:-- --:--:-- --:--:--     0\n`;
}

export function curl(ctx: ProbeContext, args: readonly string[]): CommandResult {
  let silent = false;
  let showError = false;
  let verbose = false;
  let head = false;
  let maxTime: number | undefined;
  let connectTimeout: number | undefined;
  let url: string | undefined;
  let output: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const value = (): string | undefined => args[++i];
    if (a === '--silent') silent = true;
    else if (a === '--show-error') showError = true;
    else if (a === '--verbose') verbose = true;
    else if (a === '--head') head = true;
    else if (a === '--max-time' || a === '--connect-timeout') {
      const v = value();
      const ms = seconds(v);
      if (ms === undefined) return result('', `curl: option ${a}: expected a proper numerical parameter\n${USAGE}`, 2);
      if (a === '--max-time') maxTime = ms;
      else connectTimeout = ms;
    } else if (a === '--output') output = value();
    else if (['--location', '--insecure', '--fail', '--include', '--no-progress-meter'].includes(a)) {
      if (a === '--no-progress-meter') silent = silent || false;
    } else if (a.startsWith('--')) return result('', `curl: option ${a}: is unknown\n${USAGE}`, 2);
    else if (a.startsWith('-') && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const f = a[j]!;
        if (f === 's') silent = true;
        else if (f === 'S') showError = true;
        else if (f === 'v') verbose = true;
        else if (f === 'I') head = true;
        else if ('LkfiN'.includes(f)) continue;
        else if (f === 'm' || f === 'o') {
          const v = j + 1 < a.length ? a.slice(j + 1) : value();
          if (f === 'o') output = v;
          else {
            const ms = seconds(v);
            if (ms === undefined) return result('', `curl: option -m: expected a proper numerical parameter\n${USAGE}`, 2);
            maxTime = ms;
          }
          break;
        } else return result('', `curl: option -${f}: is unknown\n${USAGE}`, 2);
      }
    } else url = a;
  }
  if (url === undefined) return result('', `curl: no URL specified\n${USAGE}`, 2);
  const u = parseUrl(url);
  if (!u) return result('', silent && !showError ? '' : `curl: (3) URL using bad/illegal format or missing URL\n`, 3);
  const errors = !silent || showError;
  const meter = !silent && !verbose;
  const fail = (code: number, msg: string, waitMs = 0): CommandResult =>
    result('', (meter ? METER_HEAD + meterLine(0) : '') + (errors ? `curl: (${code}) ${msg}\n` : ''), code, waitMs);
  const o = connect(ctx.engine, ctx.from, u.host, u.port, 'TCP');
  const limit = Math.min(maxTime ?? Infinity, connectTimeout ?? Infinity);
  const vTrying = verbose && o.status !== 'dns-timeout' && o.status !== 'nxdomain' ? `*   Trying ${o.ip}:${u.port}...\n` : '';
  switch (o.status) {
    case 'dns-timeout':
      if (Number.isFinite(limit) && limit <= 5000) return fail(28, `Resolving timed out after ${limit} milliseconds`, limit);
      return fail(6, `Could not resolve host: ${u.host}`, capped(undefined));
    case 'nxdomain':
      return fail(6, `Could not resolve host: ${u.host}`);
    case 'refused':
      return withVerbose(fail(7, `Failed to connect to ${u.host} port ${u.port} after 0 ms: Couldn't connect to server`), vTrying);
    case 'timeout': {
      const wait = capped(Number.isFinite(limit) ? limit : undefined);
      const msg = Number.isFinite(limit)
        ? `Connection timed out after ${wait + 1} milliseconds`
        : `Failed to connect to ${u.host} port ${u.port} after ${wait} ms: Couldn't connect to server`;
      return withVerbose(fail(28, msg, wait), vTrying);
    }
    case 'connected': {
      if (NON_HTTP_PORTS.has(o.destination.kind === 'pod' ? o.destination.port : u.port))
        return withVerbose(fail(1, 'Received HTTP/0.9 when not allowed'), vTrying);
      const body = o.response;
      const server = o.destination.kind === 'pod' && o.response.includes('Welcome to nginx') ? 'Server: nginx/1.27.3\r\n' : '';
      const headers = `HTTP/1.1 200 OK\r\n${server}Content-Type: text/html\r\nContent-Length: ${byteLength(body)}\r\n\r\n`;
      const out = head ? headers : body;
      const stdout = output !== undefined && output !== '-' ? '' : out;
      let stderr = meter ? METER_HEAD + meterLine(byteLength(out)) : '';
      if (verbose) {
        stderr =
          `*   Trying ${o.ip}:${u.port}...\n* Connected to ${u.host} (${o.ip}) port ${u.port}\n` +
          `> ${head ? 'HEAD' : 'GET'} ${u.path} HTTP/1.1\n> Host: ${u.host}${u.port === 80 ? '' : `:${u.port}`}\n> User-Agent: curl/7.88.1\n> Accept: */*\n>\n` +
          headers.replace(/\r\n$/, '').split('\r\n').map((l) => (l ? `< ${l}\n` : '<\n')).join('') +
          `* Connection #0 to host ${u.host} left intact\n`;
      }
      return result(stdout, stderr, 0);
    }
  }
}

function withVerbose(r: CommandResult, trying: string): CommandResult {
  return trying ? { ...r, stderr: trying + r.stderr } : r;
}
