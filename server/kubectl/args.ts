/**
 * kubectl's command line as cobra/pflag parse it: flags anywhere among the arguments,
 * `--flag=value`, `--flag value`, `-n value`, `-nvalue`, grouped booleans (`-it`), repeatable
 * flags, and `--` ending the flags (what follows goes to exec/run verbatim).
 */
/** `array` is pflag's StringSlice (values split at commas), `stringArray` its StringArray (kept whole). */
export type FlagKind = 'bool' | 'string' | 'array' | 'stringArray';

export interface FlagSpec {
  name: string;
  short?: string;
  kind: FlagKind;
  /** The value a bare string flag takes (pflag's NoOptDefVal), e.g. --dry-run. */
  noOptDefault?: string;
}

export interface ParsedArgs {
  positional: string[];
  /** Everything after `--`. */
  rest: string[];
  dashDash: boolean;
  flags: Map<string, string[]>;
}

export type ParseOutcome = { ok: true; value: ParsedArgs } | { ok: false; message: string };

export const GLOBAL_FLAGS: FlagSpec[] = [
  { name: 'namespace', short: 'n', kind: 'string' },
  { name: 'context', kind: 'string' },
  { name: 'kubeconfig', kind: 'string' },
  { name: 'help', short: 'h', kind: 'bool' },
  { name: 'v', short: 'v', kind: 'string' },
  { name: 'request-timeout', kind: 'string' },
  { name: 'as', kind: 'string' },
  { name: 'as-group', kind: 'string' },
];

export function parseArgs(argv: readonly string[], specs: readonly FlagSpec[]): ParseOutcome {
  const all = [...GLOBAL_FLAGS, ...specs];
  const byName = new Map(all.map((s) => [s.name, s]));
  const byShort = new Map(all.filter((s) => s.short).map((s) => [s.short!, s]));
  const out: ParsedArgs = { positional: [], rest: [], dashDash: false, flags: new Map() };
  const set = (s: FlagSpec, v: string) => {
    const prev = out.flags.get(s.name) ?? [];
    out.flags.set(s.name, s.kind === 'array' ? [...prev, ...v.split(',')] : [...prev, v]);
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      out.dashDash = true;
      out.rest = argv.slice(i + 1);
      break;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq >= 0 ? a.slice(2, eq) : a.slice(2);
      const s = byName.get(name);
      if (!s) return { ok: false, message: `unknown flag: --${name}` };
      if (eq >= 0) {
        const v = a.slice(eq + 1);
        if (s.kind === 'bool' && !['true', 'false', '1', '0', 't', 'f', 'TRUE', 'FALSE', 'True', 'False'].includes(v)) {
          return { ok: false, message: `invalid argument "${v}" for "--${name}" flag: strconv.ParseBool: parsing "${v}": invalid syntax` };
        }
        set(s, v);
      } else if (s.kind === 'bool') set(s, 'true');
      else if (s.noOptDefault !== undefined) set(s, s.noOptDefault);
      else {
        if (i + 1 >= argv.length) return { ok: false, message: `flag needs an argument: --${name}` };
        set(s, argv[++i]!);
      }
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      // Grouped shorthands: -it, -nfoo, -n foo.
      for (let j = 1; j < a.length; j++) {
        const c = a[j]!;
        const s = byShort.get(c);
        if (!s) return { ok: false, message: `unknown shorthand flag: '${c}' in ${a}` };
        if (s.kind === 'bool') {
          if (a[j + 1] === '=') {
            set(s, a.slice(j + 2));
            break;
          }
          set(s, 'true');
          continue;
        }
        const restOf = a.slice(j + 1);
        if (restOf.length > 0) set(s, restOf.startsWith('=') ? restOf.slice(1) : restOf);
        else if (s.noOptDefault !== undefined) set(s, s.noOptDefault);
        else {
          if (i + 1 >= argv.length) return { ok: false, message: `flag needs an argument: '${c}' in -${c}` };
          set(s, argv[++i]!);
        }
        break;
      }
      continue;
    }
    out.positional.push(a);
  }
  return { ok: true, value: out };
}

export function flag(p: ParsedArgs, name: string): string | undefined {
  return p.flags.get(name)?.at(-1);
}

export function flagAll(p: ParsedArgs, name: string): string[] {
  return p.flags.get(name) ?? [];
}

export function boolFlag(p: ParsedArgs, name: string): boolean {
  const v = flag(p, name);
  return v !== undefined && ['true', '1', 't', 'TRUE', 'True'].includes(v);
}
