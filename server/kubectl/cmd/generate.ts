/**
 * The object generators behind `create namespace|deployment|service`, `expose` and `scale`,
 * producing what kubectl's generators send (their `--dry-run=client -o yaml` output).
 */
import { type KubeObject } from '../../api/index.js';
import { resolveResourceType } from '../../cluster/index.js';
import { boolFlag, flag, flagAll, type FlagSpec, type ParsedArgs } from '../args.js';
import { Out, type Ctx } from '../context.js';
import { clientError, rawError, serverError } from '../errors.js';
import { objectName, toJsonInStructOrder as toJson, toYaml } from '../printers/output.js';
import { dryRunOf, runFromFiles, WRITE_FLAGS } from './apply.js';
import { createCronJob, createJob } from './create-batch.js';
import { CONFIG_CREATE_SUBCOMMANDS, configCreateCommand, configCreateFlags } from './create-config.js';
import { RBAC_CREATE_FLAGS, RBAC_CREATE_SUBCOMMANDS, runCreateRbac } from './create-rbac.js';

export const CREATE_FLAGS: FlagSpec[] = [
  ...WRITE_FLAGS,
  { name: 'image', kind: 'array' },
  { name: 'replicas', short: 'r', kind: 'string' },
  { name: 'port', kind: 'string' },
  { name: 'tcp', kind: 'array' },
  { name: 'node-port', kind: 'string' },
  { name: 'clusterip', kind: 'string' },
  { name: 'external-name', kind: 'string' },
  { name: 'target-port', kind: 'string' },
  { name: 'name', kind: 'string' },
  { name: 'protocol', kind: 'string' },
  { name: 'type', kind: 'string' },
  { name: 'selector', short: 'l', kind: 'string' },
  { name: 'from', kind: 'string' },
  { name: 'schedule', kind: 'string' },
  { name: 'restart', kind: 'string' },
  ...RBAC_CREATE_FLAGS,
];

function finish(out: Out, ctx: Ctx, p: ParsedArgs, obj: Record<string, any>, action: string, wrapServerError?: string): Out {
  const dry = dryRunOf(p, out);
  if (!dry) return out;
  const output = flag(p, 'output');
  if (dry === 'client') {
    if (output === 'yaml') return out.print(toYaml(obj));
    if (output === 'json') return out.print(toJson(obj));
    return out.print(`${objectName(obj as KubeObject)} ${action} (dry run)\n`);
  }
  const manifest = structuredClone(obj);
  delete manifest.metadata.creationTimestamp;
  delete manifest.status;
  const r = ctx.cluster.create(manifest, { dryRun: dry === 'server', namespace: ctx.namespace });
  if (!r.ok) return out.fail(wrapServerError ? clientError(`${wrapServerError}: ${r.error.message}`) : serverError(r.error));
  if (output === 'yaml') return out.print(toYaml(r.value));
  if (output === 'name') return out.print(`${objectName(r.value)}\n`);
  return out.print(`${objectName(r.value)} ${action}${dry === 'server' ? ' (server dry run)' : ''}\n`);
}

export function runCreate(p: ParsedArgs, ctx: Ctx): Out {
  if (flagAll(p, 'filename').length > 0 || flag(p, 'kustomize') !== undefined) return runFromFiles('create', p, ctx);
  const out = new Out();
  const [what, ...rest] = p.positional;
  const nsMeta = flag(p, 'namespace') ? { namespace: ctx.namespace } : {};
  switch (what) {
    case 'namespace':
    case 'ns': {
      const name = rest[0];
      if (!name) return out.fail(clientError('exactly one NAME is required, got 0'));
      return finish(out, ctx, p, { apiVersion: 'v1', kind: 'Namespace', metadata: { creationTimestamp: null, name }, spec: {}, status: {} }, 'created');
    }
    case 'deployment':
    case 'deploy': {
      const name = rest[0];
      if (!name) return out.fail(clientError('exactly one NAME is required, got 0'));
      const images = flagAll(p, 'image');
      if (images.length === 0) return out.fail(clientError('required flag(s) "image" not set'));
      const containerName = (img: string) => img.split('/').pop()!.split(/[:@]/)[0]!;
      const args = p.rest;
      const containers = images.map((image) => {
        const c: Record<string, unknown> = {};
        if (args.length && images.length === 1) c.command = args;
        c.image = image;
        c.name = containerName(image);
        if (flag(p, 'port')) c.ports = [{ containerPort: Number(flag(p, 'port')) }];
        c.resources = {};
        return c;
      });
      const labels = { app: name };
      return finish(
        out,
        ctx,
        p,
        {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata: { creationTimestamp: null, labels, name, ...nsMeta },
          spec: {
            replicas: Number(flag(p, 'replicas') ?? 1),
            selector: { matchLabels: labels },
            strategy: {},
            template: { metadata: { creationTimestamp: null, labels }, spec: { containers } },
          },
          status: {},
        },
        'created',
      );
    }
    case 'service':
    case 'svc': {
      const [type, name] = rest;
      const types: Record<string, string> = { clusterip: 'ClusterIP', nodeport: 'NodePort', loadbalancer: 'LoadBalancer', externalname: 'ExternalName' };
      if (!type || !types[type]) return out.fail(clientError(`Unknown service type "${type ?? ''}": use clusterip, nodeport, loadbalancer or externalname`));
      if (!name) return out.fail(clientError(`exactly one NAME is required, got 0\nSee 'kubectl create service ${type} -h' for help and examples`));
      // create_service.go Validate.
      const clusterIP = flag(p, 'clusterip') ?? '';
      const externalName = flag(p, 'external-name') ?? '';
      if (clusterIP === 'None' && types[type] !== 'ClusterIP') return out.fail(clientError('ClusterIP=None can only be used with ClusterIP service type'));
      const tcp = flagAll(p, 'tcp');
      if (clusterIP !== 'None' && tcp.length === 0 && types[type] !== 'ExternalName') return out.fail(clientError('at least one tcp port specifier must be provided'));
      if (types[type] === 'ExternalName' && !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(externalName))
        return out.fail(clientError(`invalid service external name ${externalName}`));
      const ports = tcp.map((spec) => {
        const [port, target] = spec.split(':');
        const entry: Record<string, unknown> = { name: spec.replaceAll(':', '-'), port: Number(port), protocol: 'TCP', targetPort: Number(target ?? port) };
        if (types[type] === 'NodePort' && flag(p, 'node-port')) entry.nodePort = Number(flag(p, 'node-port'));
        return entry;
      });
      const spec: Record<string, unknown> = {};
      if (clusterIP) spec.clusterIP = clusterIP;
      if (externalName) spec.externalName = externalName;
      if (ports.length) spec.ports = ports;
      spec.selector = { app: name };
      spec.type = types[type];
      return finish(
        out,
        ctx,
        p,
        {
          apiVersion: 'v1',
          kind: 'Service',
          metadata: { creationTimestamp: null, labels: { app: name }, name, ...nsMeta },
          spec,
          status: { loadBalancer: {} },
        },
        'created',
      );
    }
    case 'job':
      return createJob(p, ctx, (o, obj, opts) => finish(o, ctx, p, obj, 'created', opts?.wrapServerError));
    case 'cronjob':
    case 'cj':
      return createCronJob(p, ctx, (o, obj) => finish(o, ctx, p, obj, 'created'));
    case undefined:
      return out.fail(clientError('must specify one of -f and -k'));
    default:
      if (CONFIG_CREATE_SUBCOMMANDS[what]) return CONFIG_CREATE_SUBCOMMANDS[what]!.run(p, ctx);
      if (RBAC_CREATE_SUBCOMMANDS.includes(what)) return runCreateRbac(what, p, ctx);
      return out.fail(clientError(`kubectl create ${what} is not available in this lab yet`));
  }
}

/** The flag set of `kubectl create ...`: a subcommand's own (cobra gives each its flags), else the shared one. */
export function createFlagsFor(args: readonly string[]): FlagSpec[] {
  const [w0, w1] = createWords(args);
  if (w0 === 'service' || w0 === 'svc') {
    // Each service type has its own flags (create_service.go): --clusterip for clusterip only,
    // --node-port for nodeport, --external-name for externalname.
    const own: Record<string, string> = { clusterip: 'clusterip', nodeport: 'node-port', externalname: 'external-name' };
    const typeOnly = ['clusterip', 'node-port', 'external-name'];
    return CREATE_FLAGS.filter((f) => !typeOnly.includes(f.name) || own[w1 ?? ''] === f.name);
  }
  return (w0 ? configCreateFlags(w0, w1) : undefined) ?? CREATE_FLAGS;
}

/** The command path of `kubectl create ...` that a flag error names (`create configmap`). */
export function createUsageName(args: readonly string[]): string {
  const [w0, w1] = createWords(args);
  if ((w0 === 'service' || w0 === 'svc') && ['clusterip', 'nodeport', 'loadbalancer', 'externalname'].includes(w1 ?? '')) return `create service ${w1}`;
  const sub = w0 ? configCreateCommand(w0, w1) : undefined;
  return sub ? `create ${sub}` : 'create';
}

function createWords(args: readonly string[]): string[] {
  const words: string[] = [];
  for (let i = 0; i < args.length && words.length < 2; i++) {
    const a = args[i]!;
    if (a === '--') break;
    if (a === '-n' || a === '--namespace' || a === '-f' || a === '--filename') i++;
    else if (!a.startsWith('-')) words.push(a);
  }
  return words;
}

export const EXPOSE_FLAGS: FlagSpec[] = [...CREATE_FLAGS];

export function runExpose(p: ParsedArgs, ctx: Ctx): Out {
  const out = new Out();
  const [t, n] = p.positional[0]?.includes('/') ? p.positional[0].split('/') : [p.positional[0], p.positional[1]];
  if (!t || !n) return out.fail(clientError('You must provide one or more resources by argument or filename.'));
  const type = resolveResourceType(t);
  if (!type) return out.fail(clientError(`the server doesn't have a resource type "${t}"`));
  const src = ctx.cluster.get(type, ctx.namespace, n) as Record<string, any> | undefined;
  if (!src) return out.fail(serverError(statusNotFound(type.group ? `${type.resource}.${type.group}` : type.resource, n)));
  let selector: Record<string, string> | undefined;
  if (type.kind === 'Pod') selector = src.metadata.labels;
  else if (type.kind === 'Service') selector = src.spec.selector;
  else if (type.kind === 'Deployment' || type.kind === 'ReplicaSet') selector = src.spec.selector?.matchLabels;
  else return out.fail(clientError(`cannot expose a ${type.kind}`));
  if (!selector || Object.keys(selector).length === 0) return out.fail(clientError(`couldn't retrieve selectors via --selector flag or introspection: the ${type.kind.toLowerCase()} has no labels`));
  let port = flag(p, 'port');
  if (!port) {
    const containers = type.kind === 'Pod' ? src.spec.containers : src.spec.template?.spec?.containers ?? [];
    const first = containers?.[0]?.ports?.[0]?.containerPort;
    if (first === undefined) return out.fail(clientError(`couldn't find port via --port flag or introspection`));
    port = String(first);
  }
  const target = flag(p, 'target-port');
  const ports: Record<string, unknown>[] = [{ port: Number(port), protocol: flag(p, 'protocol') ?? 'TCP', targetPort: target === undefined ? Number(port) : /^\d+$/.test(target) ? Number(target) : target }];
  const spec: Record<string, unknown> = { ports, selector: { ...selector } };
  const svcType = flag(p, 'type');
  if (svcType) spec.type = svcType;
  return finish(
    out,
    ctx,
    p,
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { creationTimestamp: null, labels: { ...(src.metadata.labels ?? {}) }, name: flag(p, 'name') ?? n },
      spec,
      status: { loadBalancer: {} },
    },
    'exposed',
  );
}

export const SCALE_FLAGS: FlagSpec[] = [{ name: 'replicas', kind: 'string' }, { name: 'current-replicas', kind: 'string' }, ...WRITE_FLAGS.filter((f) => f.name !== 'selector')];

/** The kinds with a scale subresource (kubectl scale's targets). */
const SCALABLE = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'ReplicationController']);

export function runScale(p: ParsedArgs, ctx: Ctx): Out {
  const out = new Out();
  const replicas = flag(p, 'replicas');
  if (replicas === undefined || !/^\d+$/.test(replicas)) return out.fail(clientError('The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0'));
  const current = flag(p, 'current-replicas');
  if (current !== undefined && (!/^-?\d+$/.test(current) || Number(current) < -1)) return out.fail(clientError('The --current-replicas must specify an integer of -1 or greater'));
  const [t, n] = p.positional[0]?.includes('/') ? p.positional[0].split('/') : [p.positional[0], p.positional[1]];
  const type = t ? resolveResourceType(t) : undefined;
  if (!t || !n) return out.fail(clientError('resource(s) were provided, but no name was specified'));
  if (!type) return out.fail(clientError(`the server doesn't have a resource type "${t}"`));
  const gr = type.group ? `${type.resource}.${type.group}` : type.resource;
  // A kind without a scale subresource: the API server has no such path.
  if (!SCALABLE.has(type.kind)) return out.fail(rawError('Error from server (NotFound): the server could not find the requested resource'));
  const obj = ctx.cluster.get(type, ctx.namespace, n);
  if (!obj) return out.fail(serverError(statusNotFound(gr, n)));
  const next = structuredClone(obj) as Record<string, any>;
  const actual = next.spec.replicas ?? 1;
  // scale.go's precondition: --current-replicas must match what the scale subresource says.
  if (current !== undefined && Number(current) !== -1 && Number(current) !== actual) return out.fail(clientError(`Expected replicas to be ${current}, was ${actual}`));
  next.spec.replicas = Number(replicas);
  const r = ctx.cluster.update(next);
  if (!r.ok) return out.fail(serverError(r.error));
  void boolFlag;
  return out.print(`${objectName(r.value)} scaled\n`);
}

import { StatusError } from '../../cluster/index.js';
const statusNotFound = (gr: string, name: string) => StatusError.notFound(gr, name);
