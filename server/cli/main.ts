/** The ckalab command: the composition root, and the only place that touches the process. */
import { Command } from 'commander';
import { fileURLToPath } from 'node:url';
import { loadScenarioDir, loadScenarioFile } from '../scenario-files/index.js';
import { worldFromCluster } from '../netpol/index.js';
import { Lab } from '../lab/index.js';
import { seededRandom } from '../core/index.js';
import { formatProblem } from '../scenarios/index.js';
import { registerServe } from './commands/serve.js';
import { registerRun } from './commands/run.js';
import { registerReach } from './commands/reach.js';
import { registerScenario } from './commands/scenario.js';
import { registerAccounts } from './commands/accounts.js';
import { registerGrade } from './commands/grade.js';

const scenariosDir = fileURLToPath(new URL('../../scenarios', import.meta.url));

function loadScenario(idOrFile: string) {
  const s = idOrFile.endsWith('.yaml') ? loadScenarioFile(idOrFile) : loadScenarioDir(scenariosDir).scenarios.find((x) => x.id === idOrFile);
  if (!s) return { ok: false as const, error: `no scenario "${idOrFile}"` };
  if ('problems' in s && !s.scenario) return { ok: false as const, error: s.problems.map(formatProblem).join('\n') };
  const scenario = 'setup' in s ? s : s.scenario!;
  return { ok: true as const, value: scenario };
}

function scenarioSetup(idOrFile: string) {
  const s = loadScenario(idOrFile);
  return s.ok ? { ok: true as const, value: s.value.setup } : s;
}

const program = new Command('ckalab').description('CKA practice lab on a simulated cluster');
registerServe(program, scenariosDir);
registerScenario(program, scenariosDir);
registerAccounts(program);
registerRun(program, { loadScenarioSetup: scenarioSetup });
registerGrade(program, { loadScenario });
registerReach(program, {
  loadScenario: (id) => {
    const s = scenarioSetup(id);
    if (!s.ok) return s;
    const lab = Lab.create(s.value, { clock: { now: () => Date.now() }, random: seededRandom(1) });
    return { ok: true, value: worldFromCluster(lab.cluster) };
  },
  worldFromObjects: (objects) => worldFromCluster(Lab.create({ objects, externalHosts: [], appResponses: [], files: [] }, { clock: { now: () => Date.now() }, random: seededRandom(1) }).cluster),
});

program.parseAsync(process.argv).catch((e: unknown) => {
  process.stderr.write(`error: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
});
