/**
 * `ckalab grade --scenario ID|FILE [--step ID] (--script FILE|-) [--json]`: a learner's lines
 * run on a fresh lab of the scenario, then each task step (or the one named) graded as Check
 * would, with every explanation. For authors (what does my grader say to this answer?) and CI.
 * `gradeLines` is the logic; `registerGrade` only wires commander and the process.
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { seededRandom, type Clock } from '../../core/index.js';
import { gradeStep, runScript, scenarioLab } from '../../lab/index.js';
import type { Scenario } from '../../scenarios/index.js';

export interface GradeCliOptions {
  scenario?: string;
  step?: string;
  script?: string;
  json?: boolean;
}

export interface GradeDeps {
  readFile(path: string): string;
  readStdin(): string;
  clock: Clock;
  loadScenario(idOrFile: string): { ok: true; value: Scenario } | { ok: false; error: string };
}

export interface GradeOutcome {
  stdout: string;
  stderr: string;
  exitCode: number;
}

function indent(text: string, by: string): string {
  return text
    .split('\n')
    .map((l) => `${by}${l}`)
    .join('\n');
}

export function gradeLines(opts: GradeCliOptions, deps: GradeDeps): GradeOutcome {
  const fail = (msg: string): GradeOutcome => ({ stdout: '', stderr: `error: ${msg}\n`, exitCode: 2 });
  if (!opts.scenario) return fail('--scenario is required');
  if (opts.script === undefined) return fail('--script FILE (or - for standard input) is required');
  const loaded = deps.loadScenario(opts.scenario);
  if (!loaded.ok) return fail(loaded.error);
  const s = loaded.value;
  const tasks = s.steps.map((step, index) => ({ step, index })).filter((x) => x.step.body.kind === 'task');
  const chosen = opts.step === undefined ? tasks : tasks.filter((x) => x.step.id === opts.step);
  if (chosen.length === 0) {
    const ids = tasks.map((x) => x.step.id).join(', ');
    return fail(opts.step === undefined ? `scenario ${s.id} has no task step` : `scenario ${s.id} has no task step "${opts.step}" (its tasks: ${ids || 'none'})`);
  }
  let text: string;
  try {
    text = opts.script === '-' ? deps.readStdin() : deps.readFile(opts.script);
  } catch (e) {
    return fail(`cannot read ${opts.script}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  const lab = scenarioLab(s, { clock: deps.clock, random: seededRandom(1) });
  runScript(lab, text.replace(/\n$/, '').split('\n'));
  const steps = chosen.map(({ step, index }) => {
    const r = gradeStep(lab, s, index);
    return { id: step.id, passed: r.passed, checks: r.checks.map((c) => ({ text: c.title, passed: c.passed, explanation: c.explanation })) };
  });
  const passed = steps.every((x) => x.passed);
  if (opts.json) return { stdout: `${JSON.stringify({ steps })}\n`, stderr: '', exitCode: passed ? 0 : 1 };
  let stdout = '';
  for (const st of steps) {
    const ok = st.checks.filter((c) => c.passed).length;
    stdout += `step ${st.id}: ${st.passed ? 'passed' : 'failed'} (${ok} of ${st.checks.length} checks pass)\n`;
    for (const c of st.checks) stdout += `  ${c.passed ? '✓' : '✗'} ${c.text}\n${indent(c.explanation, '      ')}\n`;
  }
  return { stdout, stderr: '', exitCode: passed ? 0 : 1 };
}

export function registerGrade(program: Command, deps: Pick<GradeDeps, 'loadScenario'>): void {
  program
    .command('grade')
    .description("run a learner's lines on a fresh lab of a scenario and grade its task steps, with every explanation")
    .option('--scenario <id|file>', 'the scenario (required)')
    .option('--step <id>', 'grade only this task step')
    .option('--script <file|->', "the learner's lines: a file, or standard input with -")
    .option('--json', 'print {"steps":[{"id","passed","checks":[{"text","passed","explanation"}]}]}')
    .action((opts: GradeCliOptions) => {
      const r = gradeLines(opts, { ...deps, readFile: (p) => readFileSync(p, 'utf8'), readStdin: () => readFileSync(0, 'utf8'), clock: { now: () => Date.now() } });
      process.stdout.write(r.stdout);
      process.stderr.write(r.stderr);
      process.exitCode = r.exitCode;
    });
}
