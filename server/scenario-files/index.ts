/**
 * Reads the scenario files of a directory at the edge. For now a scenario is its header and its
 * starting cluster; steps, checks and the schema come with the scenarios issue. A broken file
 * is listed with its error and never takes the others down.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import type { LabSetup } from '../lab/index.js';

export interface ScenarioSummary {
  id: string;
  title: string;
  summary: string;
  difficulty: string;
  tags: string[];
  minutes: number;
}

export interface LoadedScenario extends ScenarioSummary {
  file: string;
  setup: LabSetup;
}

export interface BrokenScenario {
  file: string;
  error: string;
}

export function loadScenarioDir(dir: string): { scenarios: LoadedScenario[]; broken: BrokenScenario[] } {
  const scenarios: LoadedScenario[] = [];
  const broken: BrokenScenario[] = [];
  let names: string[] = [];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.yaml')).sort();
  } catch {
    return { scenarios, broken };
  }
  for (const name of names) {
    const file = join(dir, name);
    const r = loadScenarioFile(file);
    if ('error' in r) broken.push(r);
    else scenarios.push(r);
  }
  return { scenarios, broken };
}

export function loadScenarioFile(file: string): LoadedScenario | BrokenScenario {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    return { file, error: `cannot read: ${(e as NodeJS.ErrnoException).code}` };
  }
  if (text.length > 256 * 1024) return { file, error: 'larger than 256 KiB' };
  const doc = parseDocument(text, { uniqueKeys: true });
  if (doc.errors[0]) {
    const pos = doc.errors[0].linePos?.[0];
    return { file, error: `${pos ? `${pos.line}:${pos.col}: ` : ''}${doc.errors[0].message.split('\n')[0]}` };
  }
  const v = doc.toJS({ maxAliasCount: 50 }) as Record<string, any>;
  for (const key of ['id', 'title'] as const) if (typeof v?.[key] !== 'string') return { file, error: `${key}: expected a string` };
  const cluster = v.cluster ?? {};
  return {
    file,
    id: v.id,
    title: v.title,
    summary: String(v.summary ?? ''),
    difficulty: String(v.difficulty ?? 'easy'),
    tags: Array.isArray(v.tags) ? v.tags.map(String) : [],
    minutes: Number(v.minutes ?? 10),
    setup: {
      objects: Array.isArray(cluster.objects) ? cluster.objects : [],
      externalHosts: Array.isArray(cluster.externalHosts) ? cluster.externalHosts : [],
      appResponses: Array.isArray(cluster.appResponses) ? cluster.appResponses : [],
      files: Array.isArray(cluster.files) ? cluster.files : [],
    },
  };
}
