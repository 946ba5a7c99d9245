/** What every probe tool shares: its context, the lab's timeout cap, and result helpers. */
import type { CommandResult } from '../deps.js';
import type { Engine } from '../engine.js';
import type { PodInfo } from '../world.js';

/**
 * A blocked connection waits for the tool's timeout on the simulated clock, capped for the lab:
 * a real curl without -m waits for the kernel's SYN retries (about 130 s), busybox wget 900 s.
 */
export const PROBE_TIMEOUT_CAP_MS = 5000;

export interface ProbeContext {
  engine: Engine;
  from: PodInfo;
  container: string;
  image: string;
}

export function result(stdout: string, stderr: string, exitCode: number, waitMs = 0): CommandResult {
  const r: CommandResult = { stdout, stderr, exitCode };
  if (waitMs > 0) r.effects = [{ type: 'wait', ms: waitMs }];
  return r;
}

export function capped(ms: number | undefined): number {
  return ms === undefined || !Number.isFinite(ms) || ms <= 0 ? PROBE_TIMEOUT_CAP_MS : Math.min(ms, PROBE_TIMEOUT_CAP_MS);
}

/** Seconds as curl/wget/nc accept them (`2`, `2.5`); undefined when not a number. */
export function seconds(s: string | undefined): number | undefined {
  if (s === undefined || !/^\d+(\.\d+)?$/.test(s)) return undefined;
  return Math.round(Number(s) * 1000);
}

/** host, port and path from a URL or `host:port` (scheme default http). */
export function parseUrl(url: string): { scheme: string; host: string; port: number; path: string } | undefined {
  const m = /^(?:([a-zA-Z][a-zA-Z0-9+.-]*):\/\/)?(\[[^\]]+\]|[^/:?#]*)(?::(\d+))?([/?#].*)?$/.exec(url);
  if (!m || !m[2]) return undefined;
  const scheme = (m[1] ?? 'http').toLowerCase();
  const port = m[3] !== undefined ? Number(m[3]) : scheme === 'https' ? 443 : 80;
  return { scheme, host: m[2].replace(/^\[|\]$/g, ''), port, path: m[4] ?? '/' };
}

/** Ports whose servers do not speak HTTP: curl reports HTTP/0.9, wget a bad header. */
export const NON_HTTP_PORTS = new Set([22, 25, 53, 3306, 5432, 6379, 11211, 27017]);

export function byteLength(s: string): number {
  return new TextEncoder().encode(s).length;
}
