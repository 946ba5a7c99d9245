/**
 * `ckalab scenario check [FILE ...]`, `scenario new ID`, `scenario list`: the author's tools.
 * `runScenarioCheck` is the logic (files in through the catalog, output as text); the
 * register function only wires commander and the process.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { formatProblem, locateInText, scenarioSkeleton, type Scenario } from '../../scenarios/index.js';
import { selfCheck } from '../../lab/index.js';
import { loadScenarioFile, scenarioFiles, ScenarioCatalog } from '../../scenario-files/index.js';
import { pathText } from '../../scenarios/index.js';

export interface CliOutput {
  stdout: string;
  stderr: string;
  exitCode: number;
}

function counts(s: Scenario): string {
  const tasks = s.steps.filter((x) => x.body.kind === 'task');
  const checks = tasks.reduce((n, t) => n + (t.body.kind === 'task' ? t.body.checks.length : 0), 0);
  return `${s.steps.length} step${s.steps.length === 1 ? '' : 's'}, ${tasks.length} task${tasks.length === 1 ? '' : 's'}, ${checks} check${checks === 1 ? '' : 's'}`;
}

/** Validates and self-tests each file; one line per problem, `ok` lines for the good ones. */
export function runScenarioCheck(files: readonly string[]): CliOutput {
  let stdout = '';
  let stderr = '';
  let bad = 0;
  const ids = new Map<string, string>();
  for (const file of files) {
    const entry = loadScenarioFile(file);
    const problems = [...entry.problems];
    // A file with schema or reference mistakes is self-tested too, as far as it could be read.
    const s = entry.scenario ?? entry.draft;
    const warnings: string[] = [];
    if (s) {
      const seen = ids.get(s.id);
      if (seen) problems.push({ file, path: 'id', message: `duplicate scenario id "${s.id}" (also in ${seen})` });
      else ids.set(s.id, file);
      let text = '';
      try {
        text = readFileSync(file, 'utf8');
      } catch {
        /* reported by the loader already */
      }
      let found: ReturnType<typeof selfCheck> = [];
      try {
        found = selfCheck(s, entry.objectPaths);
      } catch (e) {
        // Only a draft (a file with problems already reported) may be too broken to run.
        if (entry.scenario) throw e;
      }
      const known = new Set(problems.map((p) => `${p.path ?? ''}|${p.message}`));
      for (const p of found) {
        const path = pathText(p.path);
        if (p.warning) warnings.push(formatProblem({ file, ...(locateInText(text, p.path) ?? {}), path, message: `warning: ${p.message}` }));
        else if (!known.has(`${path}|${p.message}`)) problems.push({ file, ...(locateInText(text, p.path) ?? {}), path, message: p.message });
      }
    }
    problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
    const lines = problems.map(formatProblem);
    stderr += warnings.map((l) => `${l}\n`).join('');
    if (lines.length) {
      bad++;
      stderr += lines.map((l) => `${l}\n`).join('');
    } else stdout += `ok  ${file} (${counts(s!)}${warnings.length ? `, ${warnings.length} warning${warnings.length === 1 ? '' : 's'}` : ''})\n`;
  }
  if (files.length === 0) return { stdout: '', stderr: 'error: no scenario files\n', exitCode: 1 };
  stdout += `${files.length - bad} of ${files.length} scenario${files.length === 1 ? '' : 's'} ok\n`;
  return { stdout, stderr, exitCode: bad ? 1 : 0 };
}

export function runScenarioList(dir: string): CliOutput {
  const c = new ScenarioCatalog(dir);
  const rows = c.scenarios().map((s) => [s.id, s.difficulty, `${s.minutes} min`, `${s.steps.length} step${s.steps.length === 1 ? '' : 's'}`, s.title]);
  const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => r[i]!.length), 0));
  let stdout = rows.map((r) => `${r.map((c, i) => (i < 4 ? c.padEnd(widths[i]!) : c)).join('  ')}\n`).join('');
  let stderr = '';
  for (const b of c.broken()) stderr += `broken  ${b.file}: ${b.problems.length} problem${b.problems.length === 1 ? '' : 's'} (ckalab scenario check ${b.file})\n`;
  if (!rows.length && !stderr) stdout = `no scenarios in ${dir}\n`;
  return { stdout, stderr, exitCode: 0 };
}

export function runScenarioNew(dir: string, id: string): CliOutput {
  if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(id)) return { stdout: '', stderr: `error: invalid id "${id}": use lowercase letters, digits and dashes\n`, exitCode: 1 };
  const file = join(dir, `${id}.yaml`);
  if (existsSync(file)) return { stdout: '', stderr: `error: ${file} already exists\n`, exitCode: 1 };
  writeFileSync(file, scenarioSkeleton(id), { flag: 'wx' });
  return { stdout: `wrote ${file}\nnext: edit it, then run: ckalab scenario check ${file}\n`, stderr: '', exitCode: 0 };
}

export function registerScenario(program: Command, scenariosDir: string): void {
  const emit = (o: CliOutput) => {
    process.stdout.write(o.stdout);
    process.stderr.write(o.stderr);
    process.exitCode = o.exitCode;
  };
  const cmd = program.command('scenario').description('author scenarios: check, new, list');
  cmd
    .command('check')
    .description('validate and self-test scenario files (default: every file in scenarios/)')
    .argument('[files...]', 'scenario files')
    .action((files: string[]) => emit(runScenarioCheck(files.length ? files.map((f) => resolve(f)) : scenarioFiles(scenariosDir))));
  cmd
    .command('new')
    .description('write a commented skeleton scenario to scenarios/ID.yaml')
    .argument('<id>', 'scenario id (lowercase letters, digits, dashes)')
    .option('--dir <dir>', 'directory to write to', scenariosDir)
    .action((id: string, o: { dir: string }) => emit(runScenarioNew(o.dir, id)));
  cmd
    .command('list')
    .description('list the scenarios and any broken files')
    .option('--dir <dir>', 'scenario directory', scenariosDir)
    .action((o: { dir: string }) => emit(runScenarioList(o.dir)));
}
