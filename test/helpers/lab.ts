import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
import { ManualClock, seededRandom } from '../../server/core/index.js';
import { Lab, scenarioLab, type LabSetup } from '../../server/lab/index.js';
import { formatProblem, parseScenario, type Scenario } from '../../server/scenarios/index.js';

export const SEED_TIME = Date.parse('2025-02-04T06:00:30Z');

export function manifests(file: string): unknown[] {
  return parseAllDocuments(readFileSync(new URL(`../fixtures/${file}`, import.meta.url), 'utf8')).map((d) => d.toJS());
}

/** A lab on a fixed clock and seed, from a fixture's manifests. */
export function makeLab(opts: { fixture?: string; setup?: Partial<LabSetup>; now?: number } = {}): { lab: Lab; clock: ManualClock } {
  const clock = new ManualClock(opts.now ?? SEED_TIME);
  const objects = opts.fixture ? manifests(opts.fixture) : [];
  const lab = Lab.create(
    { objects, externalHosts: [], appResponses: [], files: [], ...opts.setup },
    { clock, random: seededRandom(7) },
  );
  return { lab, clock };
}

/** A scenario of scenarios/ loaded by the pure loader (a test fails on any problem). */
export function loadScenario(id: string): Scenario {
  const file = new URL(`../../scenarios/${id}.yaml`, import.meta.url);
  const r = parseScenario(readFileSync(file, 'utf8'), `${id}.yaml`);
  if (!r.scenario) throw new Error(r.problems.map(formatProblem).join('\n'));
  return r.scenario;
}

/** A lab started from a scenario, on a fixed clock and seed. */
export function scenarioTestLab(s: Scenario): Lab {
  return scenarioLab(s, { clock: new ManualClock(SEED_TIME), random: seededRandom(7) });
}
