/**
 * What `kubectl exec POD -- CMD` runs inside a simulated container. Network tools go to the
 * NetworkPolicy engine's probes; a few read-only commands people use to look around answer
 * from the pod; anything else gets the runtime's honest "not found" (the lab has no real
 * containers to run it in).
 */
import type { Pod } from '../api/index.js';
import { execNotFound, probe, type Engine } from '../netpol/index.js';
import type { CommandResult } from '../shell/index.js';

const out = (stdout: string, exitCode = 0): CommandResult => ({ stdout, stderr: '', exitCode });

export function execInContainer(engine: Engine, pod: Pod, container: string, argv: readonly string[]): CommandResult {
  const [cmd, ...args] = argv;
  if (cmd === undefined) return out('', 0);
  const base = cmd.split('/').pop()!;
  // `sh -c 'wget -qO- x'`: run the inner words once (no nesting, no shell grammar).
  if ((base === 'sh' || base === 'bash' || base === 'ash') && args[0] === '-c' && args[1] !== undefined) {
    return execInContainer(engine, pod, container, splitWords(args[1]));
  }
  const key = `${pod.metadata.namespace ?? 'default'}/${pod.metadata.name ?? ''}`;
  const probed = probe(engine, key, container, argv);
  if (probed) return probed;
  switch (base) {
    case 'hostname':
      return out(`${pod.metadata.name}\n`);
    case 'true':
      return out('');
    case 'false':
      return out('', 1);
    case 'echo':
      return out(`${args.join(' ')}\n`);
    case 'cat':
      if (args[0] === '/etc/hostname') return out(`${pod.metadata.name}\n`);
      if (args[0] === '/etc/resolv.conf') {
        const ns = pod.metadata.namespace ?? 'default';
        return out(`search ${ns}.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n`);
      }
      return { stdout: '', stderr: `cat: can't open '${args[0] ?? ''}': No such file or directory\n`, exitCode: 1 };
    default:
      return execNotFound(cmd);
  }
}

/** Whitespace splitting with single and double quotes: enough for `sh -c '...'` one-liners. */
function splitWords(s: string): string[] {
  const words: string[] = [];
  let cur = '';
  let quote: string | null = null;
  let has = false;
  for (const ch of s) {
    if (quote) {
      if (ch === quote) quote = null;
      else cur += ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      has = true;
    } else if (/\s/.test(ch)) {
      if (has || cur) words.push(cur);
      cur = '';
      has = false;
    } else cur += ch;
  }
  if (has || cur) words.push(cur);
  return words;
}
