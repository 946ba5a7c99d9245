/**
 * The cron schedules a CronJob accepts: robfig/cron v3's ParseStandard (five fields, names for
 * months and weekdays, `*`, `?`, ranges, steps, lists, and the @descriptors), with its error texts
 * verbatim, since the API server puts them in `spec.schedule: Invalid value: ...`. Times are UTC
 * (the lab's kube-controller-manager runs in UTC; `spec.timeZone` is honoured for UTC only).
 */
import { err, ok, type Result } from '../core/index.js';

interface Bounds {
  min: number;
  max: number;
  names?: Record<string, number>;
}

const MINUTES: Bounds = { min: 0, max: 59 };
const HOURS: Bounds = { min: 0, max: 23 };
const DOM: Bounds = { min: 1, max: 31 };
const MONTHS: Bounds = { min: 1, max: 12, names: { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 } };
const DOW: Bounds = { min: 0, max: 6, names: { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 } };

/** A parsed schedule: the allowed values of each field; `*` marks for day-of-month/day-of-week (cron's OR rule). */
export interface CronSchedule {
  minute: Set<number>;
  hour: Set<number>;
  dom: Set<number>;
  month: Set<number>;
  dow: Set<number>;
  domStar: boolean;
  dowStar: boolean;
  /** `@every 1h30m`: a fixed period in seconds instead of fields. */
  every?: number;
}

const DESCRIPTORS: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

/** strconv.Atoi's acceptance: an optional sign and decimal digits. */
function atoi(s: string): Result<number, string> {
  if (!/^[+-]?\d+$/.test(s)) return err(`failed to parse int from ${s}: strconv.Atoi: parsing ${JSON.stringify(s)}: invalid syntax`);
  const n = Number(s);
  if (n < 0) return err(`negative number (${n}) not allowed: ${s}`);
  return ok(n);
}

function intOrName(s: string, b: Bounds): Result<number, string> {
  const named = b.names?.[s.toLowerCase()];
  return named !== undefined ? ok(named) : atoi(s);
}

function range(expr: string, b: Bounds, into: Set<number>): Result<boolean, string> {
  const rangeAndStep = expr.split('/');
  const lowAndHigh = rangeAndStep[0]!.split('-');
  const single = lowAndHigh.length === 1;
  let start: number;
  let end: number;
  let star = false;
  if (lowAndHigh[0] === '*' || lowAndHigh[0] === '?') {
    start = b.min;
    end = b.max;
    star = true;
  } else {
    const s = intOrName(lowAndHigh[0]!, b);
    if (!s.ok) return err(s.error);
    start = s.value;
    if (lowAndHigh.length === 1) end = start;
    else if (lowAndHigh.length === 2) {
      const e = intOrName(lowAndHigh[1]!, b);
      if (!e.ok) return err(e.error);
      end = e.value;
    } else return err(`too many hyphens: ${expr}`);
  }
  let step = 1;
  if (rangeAndStep.length === 2) {
    const s = atoi(rangeAndStep[1]!);
    if (!s.ok) return err(s.error);
    step = s.value;
    // "N/step" means "N-max/step".
    if (single) end = b.max;
    if (step > 1) star = false;
  } else if (rangeAndStep.length > 2) return err(`too many slashes: ${expr}`);
  if (start < b.min) return err(`beginning of range (${start}) below minimum (${b.min}): ${expr}`);
  if (end > b.max) return err(`end of range (${end}) above maximum (${b.max}): ${expr}`);
  if (start > end) return err(`beginning of range (${start}) beyond end of range (${end}): ${expr}`);
  if (step === 0) return err(`step of range should be a positive number: ${expr}`);
  for (let v = start; v <= end; v += step) into.add(v);
  return ok(star);
}

function field(text: string, b: Bounds): Result<{ values: Set<number>; star: boolean }, string> {
  const values = new Set<number>();
  let star = false;
  for (const part of text.split(',')) {
    const r = range(part, b, values);
    if (!r.ok) return err(r.error);
    star ||= r.value;
  }
  return ok({ values, star });
}

/** Go's time.ParseDuration for the units `@every` takes (h, m, s, ms), to whole seconds. */
function parseDuration(s: string): number | undefined {
  const m = /^(?:(\d+(?:\.\d+)?)(h|ms|m|s))+$/.test(s) ? [...s.matchAll(/(\d+(?:\.\d+)?)(h|ms|m|s)/g)] : undefined;
  if (!m) return undefined;
  const unit: Record<string, number> = { h: 3600, m: 60, s: 1, ms: 0.001 };
  return m.reduce((t, x) => t + Number(x[1]) * unit[x[2]!]!, 0);
}

/** cron.ParseStandard: the schedule, or robfig's error text. */
export function parseCronSchedule(spec: string): Result<CronSchedule, string> {
  if (spec.length === 0) return err('empty spec string');
  let text = spec;
  const tz = /^(?:CRON_)?TZ=(\S*)\s*(.*)$/s.exec(text);
  if (tz) {
    if (tz[1] !== 'UTC' && tz[1] !== 'Etc/UTC') return err(`provided bad location ${tz[1]}: unknown time zone ${tz[1]}`);
    text = tz[2]!;
  }
  if (text.startsWith('@')) {
    if (text.startsWith('@every ')) {
      const d = parseDuration(text.slice('@every '.length));
      if (d === undefined) return err(`failed to parse duration ${text}: time: invalid duration ${JSON.stringify(text.slice('@every '.length))}`);
      const empty = new Set<number>();
      return ok({ minute: empty, hour: empty, dom: empty, month: empty, dow: empty, domStar: false, dowStar: false, every: Math.max(1, Math.round(d)) });
    }
    const expanded = DESCRIPTORS[text];
    if (!expanded) return err(`unrecognized descriptor: ${text}`);
    text = expanded;
  }
  const fields = text.split(/[ \t\n\r\v\f]+/).filter((f) => f !== '');
  if (fields.length !== 5) return err(`expected exactly 5 fields, found ${fields.length}: [${fields.join(' ')}]`);
  const parts = [MINUTES, HOURS, DOM, MONTHS, DOW].map((b, i) => field(fields[i]!, b));
  for (const p of parts) if (!p.ok) return err(p.error);
  const [minute, hour, dom, month, dow] = parts.map((p) => (p as { ok: true; value: { values: Set<number>; star: boolean } }).value);
  return ok({ minute: minute!.values, hour: hour!.values, dom: dom!.values, month: month!.values, dow: dow!.values, domStar: dom!.star, dowStar: dow!.star });
}

function dayMatches(s: CronSchedule, d: Date): boolean {
  const domOk = s.dom.has(d.getUTCDate());
  const dowOk = s.dow.has(d.getUTCDay());
  // robfig: if either field is a star, both must match; otherwise either may.
  return s.domStar || s.dowStar ? domOk && dowOk : domOk || dowOk;
}

/**
 * The schedule's times in (after, until], oldest first, at most `limit` of them (epoch ms, whole
 * minutes). Walks minute by minute, skipping hours and days that cannot match.
 */
export function scheduleTimes(s: CronSchedule, after: number, until: number, limit: number): number[] {
  const out: number[] = [];
  if (s.every !== undefined) {
    const step = s.every * 1000;
    for (let t = after + step; t <= until && out.length < limit; t += step) out.push(t);
    return out;
  }
  let t = Math.floor(after / 60_000) * 60_000 + 60_000;
  while (t <= until && out.length < limit) {
    const d = new Date(t);
    if (!s.month.has(d.getUTCMonth() + 1) || !dayMatches(s, d)) {
      t = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1);
      continue;
    }
    if (!s.hour.has(d.getUTCHours())) {
      t = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCHours() + 1);
      continue;
    }
    if (s.minute.has(d.getUTCMinutes())) out.push(t);
    t += 60_000;
  }
  return out;
}
