/**
 * `ckalab run [--scenario ID|FILE] [--cluster MANIFESTS.yaml ...] [-c LINE ...] [--script FILE|-] [--json]`:
 * shell lines against a fresh lab, without a browser. `runLines` is the logic (files come in
 * through deps); `registerRun` only wires commander and the process.
 */
import { resolve } from 'node:path';
import { installationPki } from '../pki.js';
import type { Pki } from '../../hosts/index.js';
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { seededRandom, type Clock } from '../../core/index.js';
import { readManifestFiles } from '../manifest-files.js';
import { Lab, runScript, EMPTY_SETUP, type LabSetup } from '../../lab/index.js';

export interface RunCliOptions {
  scenario?: string;
  cluster?: string[];
  command?: string[];
  script?: string;
  json?: boolean;
  seed?: string;
}

export interface RunDeps {
  readFile(path: string): string;
  readStdin(): string;
  clock: Clock;
  seed: number;
  /** A scenario's starting setup by id or file (wired by the composition root). */
  loadScenarioSetup?(idOrFile: string): { ok: true; value: LabSetup } | { ok: false; error: string };
  /** The installation's cluster PKI for the nodes' files, asked for on first need. */
  pki?: () => Pki;
}

export interface RunOutcome {
  stdout: string;
  stderr: string;
  exitCode: number;
}

export function runLines(opts: RunCliOptions, deps: RunDeps): RunOutcome {
  const fail = (msg: string): RunOutcome => ({ stdout: '', stderr: `error: ${msg}\n`, exitCode: 1 });
  let setup: LabSetup = EMPTY_SETUP;
  if (opts.scenario) {
    if (!deps.loadScenarioSetup) return fail('--scenario needs the scenario library');
    const r = deps.loadScenarioSetup(opts.scenario);
    if (!r.ok) return fail(r.error);
    setup = r.value;
  }
  const read = readManifestFiles(opts.cluster ?? [], deps.readFile);
  if (!read.ok) return fail(read.error);
  const objects = [...setup.objects, ...read.value];
  const lines: string[] = [...(opts.command ?? [])];
  if (opts.script !== undefined) {
    let text: string;
    try {
      text = opts.script === '-' ? deps.readStdin() : deps.readFile(opts.script);
    } catch (e) {
      return fail(`cannot read ${opts.script}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
    }
    lines.push(...text.replace(/\n$/, '').split('\n'));
  }
  const seed = opts.seed !== undefined ? Number(opts.seed) : deps.seed;
  if (!Number.isInteger(seed)) return fail(`invalid --seed "${opts.seed}"`);
  let lab: Lab;
  try {
    lab = Lab.create({ ...setup, objects }, { clock: deps.clock, random: seededRandom(seed), ...(deps.pki ? { pki: deps.pki } : {}) });
  } catch (e) {
    return fail(`cannot build the lab: ${e instanceof Error ? e.message : String(e)}`);
  }
  const steps = runScript(lab, lines);
  let stdout = '';
  let stderr = '';
  for (const s of steps) {
    if (opts.json) {
      stdout += `${JSON.stringify({ input: s.input, stdout: s.stdout, stderr: s.stderr, exitCode: s.exitCode })}\n`;
    } else {
      stdout += s.stdout;
      stderr += s.stderr;
    }
  }
  return { stdout, stderr, exitCode: steps.at(-1)?.exitCode ?? 0 };
}

const collect = (v: string, prev: string[] = []) => [...prev, v];

export function registerRun(program: Command, deps: Omit<RunDeps, 'readFile' | 'readStdin' | 'clock' | 'seed'> = {}): void {
  program
    .command('run')
    .description('run shell lines (kubectl, files, pipes) against a fresh lab, without a browser')
    .option('--scenario <id|file>', "start from a scenario's cluster and files")
    .option('--cluster <manifests.yaml>', 'seed the cluster from multi-document YAML (repeatable)', collect)
    .option('-c, --command <line>', 'a line to run (repeatable, in order)', collect)
    .option('--script <file|->', 'run the lines of a file, or of standard input with -')
    .option('--json', 'print one JSON object per executed line')
    .option('--seed <n>', 'seed for generated names and IPs (default: from the time)')
    .action((opts: RunCliOptions) => {
      const r = runLines(opts, {
        ...deps,
        readFile: (p) => readFileSync(p, 'utf8'),
        readStdin: () => readFileSync(0, 'utf8'),
        clock: { now: () => Date.now() },
        seed: Date.now() % 2147483647,
        pki: () => installationPki(resolve(process.env.CKALAB_DATA_DIR ?? 'data')),
      });
      process.stdout.write(r.stdout);
      process.stderr.write(r.stderr);
      process.exitCode = r.exitCode;
    });
}
