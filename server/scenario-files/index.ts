/**
 * The scenario files of a directory, at the edge: read, parsed by the pure loader, kept in a
 * catalog that reloads a file when it changes. A broken file is listed with its problems and
 * never takes the others down.
 */
import { readdirSync, readFileSync, statSync, watch, type FSWatcher } from 'node:fs';
import { basename, join } from 'node:path';
import { formatProblem, parseScenario, SCENARIO_LIMITS, type Scenario, type ScenarioProblem } from '../scenarios/index.js';

export interface CatalogEntry {
  file: string;
  scenario?: Scenario;
  problems: ScenarioProblem[];
  /** What could be read of a file with problems, for `scenario check`'s self-test (never served). */
  draft?: Scenario;
  objectPaths?: (string | number)[][];
  /** The version that loaded before the file broke: still served, so that learners in it go on. */
  lastGood?: Scenario;
}

export interface BrokenScenario {
  file: string;
  error: string;
  problems: ScenarioProblem[];
  /** The id of the last good version still served while the file is broken. */
  servingLastGood?: string;
}

export function loadScenarioFile(file: string): CatalogEntry {
  let text: string;
  try {
    if (statSync(file).size > SCENARIO_LIMITS.maxBytes) return { file, problems: [{ file, message: `the file is larger than ${SCENARIO_LIMITS.maxBytes / 1024} KiB` }] };
    text = readFileSync(file, 'utf8');
  } catch (e) {
    return { file, problems: [{ file, message: `cannot read the file (${(e as NodeJS.ErrnoException).code ?? 'error'})` }] };
  }
  const r = parseScenario(text, file);
  if (r.scenario && `${r.scenario.id}.yaml` !== basename(file)) {
    return { file, problems: [{ file, line: 1, column: 1, path: 'id', message: `id "${r.scenario.id}" differs from the file name (expected ${r.scenario.id}.yaml)` }] };
  }
  return { file, ...(r.scenario ? { scenario: r.scenario } : {}), ...(r.draft ? { draft: r.draft } : {}), ...(r.objectPaths ? { objectPaths: r.objectPaths } : {}), problems: r.problems };
}

export function scenarioFiles(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((n) => n.endsWith('.yaml') || n.endsWith('.yml'))
      .sort()
      .map((n) => join(dir, n));
  } catch {
    return [];
  }
}

/** Every scenario of a directory, loaded; a second file with an id already taken is a problem. */
export class ScenarioCatalog {
  private entries = new Map<string, CatalogEntry>();
  private watcher: FSWatcher | undefined;
  private timers = new Map<string, NodeJS.Timeout>();
  /** Increases on every reload: pages and sessions can tell a scenario changed. */
  version = 0;

  constructor(readonly dir: string) {
    this.reloadAll();
  }

  reloadAll(): void {
    this.entries.clear();
    for (const f of scenarioFiles(this.dir)) this.entries.set(f, loadScenarioFile(f));
    this.version++;
  }

  reload(file: string): void {
    let exists = true;
    try {
      statSync(file);
    } catch {
      exists = false;
    }
    if (exists) {
      const next = loadScenarioFile(file);
      const prev = this.entries.get(file);
      // A file broken while it is being edited (or saved half-way) keeps its last good version served.
      const good = prev?.scenario && prev.problems.length === 0 ? prev.scenario : prev?.lastGood;
      if (!next.scenario && good) next.lastGood = good;
      this.entries.set(file, next);
    } else this.entries.delete(file);
    this.version++;
  }

  /** Valid scenarios, in file order; an id taken by an earlier file makes the later one broken. */
  scenarios(): Scenario[] {
    return this.resolved().ok;
  }

  broken(): BrokenScenario[] {
    return this.resolved().broken;
  }

  get(id: string): Scenario | undefined {
    return this.scenarios().find((s) => s.id === id);
  }

  private resolved(): { ok: Scenario[]; broken: BrokenScenario[] } {
    const ok: Scenario[] = [];
    const broken: BrokenScenario[] = [];
    const ids = new Map<string, string>();
    for (const e of [...this.entries.values()].sort((a, b) => (a.file < b.file ? -1 : 1))) {
      let problems = e.problems;
      if (e.scenario && ids.has(e.scenario.id)) problems = [{ file: e.file, path: 'id', message: `duplicate scenario id "${e.scenario.id}" (also in ${ids.get(e.scenario.id)})` }];
      if (e.scenario && problems.length === 0) {
        ids.set(e.scenario.id, e.file);
        ok.push(e.scenario);
      } else if (!e.scenario && e.lastGood && !ids.has(e.lastGood.id)) {
        ids.set(e.lastGood.id, e.file);
        ok.push(e.lastGood);
        const note = `${basename(e.file)}: the last good version of "${e.lastGood.id}" is served until this is fixed`;
        broken.push({ file: e.file, error: [...problems.map(formatProblem), note].join('\n'), problems, servingLastGood: e.lastGood.id });
      } else broken.push({ file: e.file, error: problems.map(formatProblem).join('\n'), problems });
    }
    return { ok, broken };
  }

  /** Reloads a file shortly after it changes (editors write in several steps). */
  watch(onReload?: (file: string) => void): void {
    if (this.watcher) return;
    try {
      this.watcher = watch(this.dir, (_event, name) => {
        if (!name || !(name.endsWith('.yaml') || name.endsWith('.yml'))) return;
        const file = join(this.dir, name.toString());
        clearTimeout(this.timers.get(file));
        this.timers.set(
          file,
          setTimeout(() => {
            this.timers.delete(file);
            this.reload(file);
            onReload?.(file);
          }, 50),
        );
      });
      this.watcher.on('error', () => this.close());
    } catch {
      this.watcher = undefined;
    }
  }

  close(): void {
    this.watcher?.close();
    this.watcher = undefined;
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }
}

/** One-shot load of a directory (the CLI). */
export function loadScenarioDir(dir: string): { scenarios: Scenario[]; broken: BrokenScenario[] } {
  const c = new ScenarioCatalog(dir);
  return { scenarios: c.scenarios(), broken: c.broken() };
}
