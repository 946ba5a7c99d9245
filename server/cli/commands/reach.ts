/**
 * `ckalab reach [--scenario ID|FILE] [--cluster MANIFESTS.yaml ...] [--probe PORT/PROTO ...]
 *  [--explain FROM TO PORT/PROTO] [--json]`: the NetworkPolicy engine's truth tables from the
 * command line. The logic is `runReach` (files come in through `readFile`) over the pure
 * `reachReport` in server/netpol; `registerReach` only wires commander and the process.
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { readManifestFiles } from '../manifest-files.js';
import { type NetpolWorld, type Probe, parseProbe, reachReport, worldFromManifests } from '../../netpol/index.js';

export interface ReachCliOptions {
  scenario?: string;
  cluster?: string[];
  probe?: string[];
  explain?: string[];
  json?: boolean;
}

export interface ReachDeps {
  /** Reads a file; a thrown error's message is reported. */
  readFile(path: string): string;
  /** The scenario's starting cluster as a world (wired once the scenario loader exists). */
  loadScenario?(idOrFile: string): { ok: true; value: NetpolWorld } | { ok: false; error: string };
  /** Seeds manifests through the cluster (keeps status.podIP); default: worldFromManifests. */
  worldFromObjects?(objects: unknown[]): NetpolWorld;
}

export function runReach(opts: ReachCliOptions, deps: ReachDeps): { stdout: string; stderr: string; exitCode: number } {
  const fail = (msg: string) => ({ stdout: '', stderr: `error: ${msg}\n`, exitCode: 1 });
  const probes: Probe[] = [];
  for (const p of opts.probe ?? []) {
    const parsed = parseProbe(p);
    if (!parsed) return fail(`invalid --probe "${p}": expected PORT or PORT/PROTOCOL (TCP, UDP or SCTP)`);
    probes.push(parsed);
  }
  let explainOpt: { from: string; to: string; probe: Probe } | undefined;
  if (opts.explain) {
    if (opts.explain.length !== 3) return fail('--explain takes three values: FROM TO PORT/PROTO');
    const [from, to, p] = opts.explain as [string, string, string];
    const probe = parseProbe(p);
    if (!probe) return fail(`invalid port "${p}": expected PORT or PORT/PROTOCOL`);
    explainOpt = { from, to, probe };
  }
  let world: NetpolWorld | undefined;
  if (opts.scenario) {
    if (!deps.loadScenario) return fail('--scenario is not available yet in this build');
    const r = deps.loadScenario(opts.scenario);
    if (!r.ok) return fail(r.error);
    world = r.value;
  }
  const read = readManifestFiles(opts.cluster ?? [], deps.readFile);
  if (!read.ok) return fail(read.error);
  const objects = read.value;
  if (objects.length > 0) {
    const fromFiles = (deps.worldFromObjects ?? worldFromManifests)(objects);
    world = world
      ? {
          ...world,
          namespaces: [...world.namespaces, ...fromFiles.namespaces.filter((n) => !world!.namespaces.some((m) => m.metadata.name === n.metadata.name))],
          pods: [...world.pods, ...fromFiles.pods],
          services: [...world.services, ...fromFiles.services],
          policies: [...world.policies, ...fromFiles.policies],
        }
      : fromFiles;
  }
  if (!world) return fail('nothing to analyse: give --scenario or --cluster');
  return reachReport(world, { ...(probes.length ? { probes } : {}), ...(explainOpt ? { explain: explainOpt } : {}), ...(opts.json ? { json: true } : {}) });
}

const collect = (v: string, prev: string[] = []): string[] => [...prev, v];

export function registerReach(program: Command, deps: Partial<ReachDeps> = {}): void {
  program
    .command('reach')
    .description('Print who can reach whom under the NetworkPolicies of a scenario or of manifests')
    .option('--scenario <id|file>', 'a scenario id or file: its starting cluster')
    .option('--cluster <manifests.yaml>', 'multi-document YAML of Namespaces, Pods, Services and NetworkPolicies (repeatable)', collect)
    .option('--probe <port/proto>', 'probe this port on every destination (repeatable; default: each destination\'s container ports)', collect)
    .option('--explain <from to port/proto...>', 'explain one connection, e.g. --explain default/internal default/mysql 3306/TCP')
    .option('--json', 'print {"results": [...]} as JSON')
    .action((opts: ReachCliOptions) => {
      const out = runReach(opts, { readFile: (p) => readFileSync(p, 'utf8'), ...deps });
      if (out.stdout) process.stdout.write(out.stdout);
      if (out.stderr) process.stderr.write(out.stderr);
      process.exitCode = out.exitCode;
    });
}
