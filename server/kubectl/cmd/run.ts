/** `kubectl run NAME --image=...`: a pod as kubectl's generator builds it; `--rm -it -- CMD` runs and deletes it. */
import { type Pod } from '../../api/index.js';
import { resolveResourceType } from '../../cluster/index.js';
import { boolFlag, flag, type FlagSpec, type ParsedArgs } from '../args.js';
import { Out, type Ctx } from '../context.js';
import { clientError, serverError } from '../errors.js';
import { toJsonInStructOrder as toJson, toYaml } from '../printers/output.js';
import { dryRunOf } from './apply.js';

export const RUN_FLAGS: FlagSpec[] = [
  { name: 'image', kind: 'string' },
  { name: 'labels', short: 'l', kind: 'string' },
  { name: 'port', kind: 'string' },
  { name: 'restart', kind: 'string' },
  { name: 'expose', kind: 'bool' },
  { name: 'command', kind: 'bool' },
  { name: 'rm', kind: 'bool' },
  { name: 'stdin', short: 'i', kind: 'bool' },
  { name: 'tty', short: 't', kind: 'bool' },
  { name: 'output', short: 'o', kind: 'string' },
  { name: 'dry-run', kind: 'string', noOptDefault: 'unchanged' },
  { name: 'env', kind: 'array' },
  { name: 'image-pull-policy', kind: 'string' },
  { name: 'quiet', short: 'q', kind: 'bool' },
];

export function buildPod(name: string, p: ParsedArgs): { ok: true; value: Record<string, any> } | { ok: false; message: string } {
  const image = flag(p, 'image');
  if (!image) return { ok: false, message: 'required flag(s) "image" not set' };
  let labels: Record<string, string> = { run: name };
  const l = flag(p, 'labels');
  if (l) {
    labels = {};
    for (const kv of l.split(',')) {
      const i = kv.indexOf('=');
      if (i <= 0) return { ok: false, message: `invalid label spec: ${kv}` };
      labels[kv.slice(0, i)] = kv.slice(i + 1);
    }
  }
  const args = p.rest.length ? p.rest : p.positional.slice(1);
  const container: Record<string, any> = {};
  if (args.length) container[boolFlag(p, 'command') ? 'command' : 'args'] = args;
  container.image = image;
  const pull = flag(p, 'image-pull-policy');
  if (pull) container.imagePullPolicy = pull;
  container.name = name;
  const port = flag(p, 'port');
  if (port) container.ports = [{ containerPort: Number(port) }];
  container.resources = {};
  const restart = flag(p, 'restart') ?? 'Always';
  if (!['Always', 'OnFailure', 'Never'].includes(restart)) return { ok: false, message: `invalid restart policy: ${restart}` };
  return {
    ok: true,
    value: {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { creationTimestamp: null, labels, name },
      spec: { containers: [container], dnsPolicy: 'ClusterFirst', restartPolicy: restart },
      status: {},
    },
  };
}

export function runRun(p: ParsedArgs, ctx: Ctx): Out {
  const out = new Out();
  const name = p.positional[0];
  if (!name) return out.fail(clientError('NAME is required for run'));
  const dry = dryRunOf(p, out);
  if (!dry) return out;
  const built = buildPod(name, p);
  if (!built.ok) return out.fail(clientError(built.message));
  const output = flag(p, 'output');
  if (dry === 'client') {
    if (output === 'yaml') return out.print(toYaml(built.value));
    if (output === 'json') return out.print(toJson(built.value));
    return out.print(`pod/${name} created (dry run)\n`);
  }
  const manifest = structuredClone(built.value);
  delete manifest.metadata.creationTimestamp;
  delete manifest.status;
  const r = ctx.cluster.create(manifest, { dryRun: dry === 'server', namespace: ctx.namespace });
  if (!r.ok) return out.fail(serverError(r.error));
  const attached = boolFlag(p, 'rm') || (boolFlag(p, 'stdin') && boolFlag(p, 'tty'));
  if (!attached) {
    if (output === 'yaml') return out.print(toYaml(r.value));
    out.print(`pod/${name} created${dry === 'server' ? ' (server dry run)' : ''}\n`);
    return out;
  }
  const pod = r.value as Pod;
  const cmd = (pod.spec.containers[0]!.args ?? pod.spec.containers[0]!.command ?? []) as string[];
  if (cmd.length && ctx.deps.runAttached) {
    const res = ctx.deps.runAttached(pod, name, cmd, { stdin: true, tty: true });
    out.print(res.stdout);
    out.warn(res.stderr);
    if (res.effects) out.effects.push(...res.effects);
    if (res.exitCode !== 0) out.exitCode = res.exitCode;
  } else {
    out.print("If you don't see a command prompt, try pressing enter.\n");
  }
  if (boolFlag(p, 'rm')) {
    ctx.cluster.delete(resolveResourceType('pods')!, ctx.namespace, name);
    out.print(`pod "${name}" deleted\n`);
  }
  if (out.exitCode !== 0) out.warn(`pod ${ctx.namespace}/${name} terminated (Error)\n`);
  return out;
}
