/**
 * probe(world, pod, container, argv): a network tool run inside a pod's container, as
 * `kubectl exec POD [-c C] -- argv...` runs it. The tool must be in the image (images.ts);
 * otherwise the runtime's error and exit status 126, as containerd/runc report through kubectl exec.
 */
import type { CommandResult } from '../deps.js';
import { type Engine, createEngine, isEngine } from '../engine.js';
import { type Tool, imageHasTool } from '../images.js';
import type { NetpolWorld } from '../world.js';
import { type ProbeContext, result } from './common.js';
import { curl } from './curl.js';
import { nc, nslookup, ping, telnet } from './net-tools.js';
import { wget } from './wget.js';

const TOOLS: Record<Tool, (ctx: ProbeContext, args: readonly string[]) => CommandResult> = { curl, wget, nc, telnet, nslookup, ping };

export const PROBE_TOOLS: readonly Tool[] = Object.keys(TOOLS) as Tool[];

export function isProbeTool(name: string): name is Tool {
  return Object.prototype.hasOwnProperty.call(TOOLS, name.split('/').pop() ?? '');
}

/** kubectl exec's text when the command is not in the container (containerd + runc). */
export function execNotFound(command: string): CommandResult {
  // runc looks a bare name up in $PATH, and stats a path as given.
  const why = command.includes('/') ? `stat ${command}: no such file or directory` : 'executable file not found in $PATH';
  return result('', `OCI runtime exec failed: exec failed: unable to start container process: exec: "${command}": ${why}: unknown\n`, 126);
}

/**
 * Runs a probe tool. `pod` is `ns/name`; `container` defaults to the first. Returns undefined when
 * argv[0] is not a probe tool (the caller handles other commands) or the pod is unknown.
 */
export function probe(engineOrWorld: Engine | NetpolWorld, pod: string, container: string | undefined, argv: readonly string[]): CommandResult | undefined {
  const engine = isEngine(engineOrWorld) ? engineOrWorld : createEngine(engineOrWorld);
  const from = engine.indexed.podByKey.get(pod);
  if (!from || argv.length === 0) return undefined;
  const c = container === undefined ? from.containers[0] : from.containers.find((x) => x.name === container);
  if (!c) return undefined;
  const name = argv[0]!;
  const base = name.split('/').pop()!;
  if (!isProbeTool(base)) return undefined;
  if (!imageHasTool(c.image, base)) return execNotFound(name);
  return TOOLS[base]({ engine, from, container: c.name, image: c.image }, argv.slice(1));
}

export { PROBE_TIMEOUT_CAP_MS } from './common.js';
