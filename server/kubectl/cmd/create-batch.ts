/**
 * `kubectl create job` (with `--from=cronjob/NAME`) and `kubectl create cronjob`: the objects of
 * kubectl 1.32's create_job.go and create_cronjob.go, and their errors verbatim.
 */
import { flag, flagAll, type ParsedArgs } from '../args.js';
import { Out, type Ctx } from '../context.js';
import { clientError, rawError, serverError } from '../errors.js';
import { resolveResourceType, StatusError } from '../../cluster/index.js';

/** NameFromCommandArgs's usage error: cmdutil.UsageErrorf's hint names `-h`. */
const nameCount = (n: number, what: string) => rawError(`error: exactly one NAME is required, got ${n}\nSee 'kubectl create ${what} -h' for help and examples`);

type Finish = (out: Out, obj: Record<string, any>, opts?: { wrapServerError?: string }) => Out;

export function createJob(p: ParsedArgs, ctx: Ctx, finish: Finish): Out {
  const out = new Out();
  const names = p.positional.slice(1);
  const name = names[0];
  if (names.length !== 1 || !name) return out.fail(nameCount(names.length, 'job'));
  const image = flagAll(p, 'image').pop() ?? '';
  const from = flag(p, 'from') ?? '';
  const command = p.rest;
  if ((image === '' && from === '') || (image !== '' && from !== '')) return out.fail(clientError('either --image or --from must be specified'));
  if (command.length > 0 && from !== '') return out.fail(clientError('cannot specify --from and command'));
  const nsMeta = flag(p, 'namespace') ? { namespace: ctx.namespace } : {};
  if (image) {
    const container: Record<string, unknown> = { ...(command.length ? { command } : {}), image, name, resources: {} };
    return finish(out, {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { creationTimestamp: null, name, ...nsMeta },
      spec: { template: { metadata: { creationTimestamp: null }, spec: { containers: [container], restartPolicy: 'Never' } } },
      status: {},
    }, { wrapServerError: 'failed to create job' });
  }
  const [t, n] = from.includes('/') ? from.split('/', 2) : [from, undefined];
  const type = t ? resolveResourceType(t) : undefined;
  if (!type) return out.fail(clientError(`the server doesn't have a resource type "${t ?? ''}"`));
  if (!n) return out.fail(clientError('from must be an existing cronjob'));
  const src = ctx.cluster.get(type, ctx.namespace, n) as Record<string, any> | undefined;
  if (!src) return out.fail(serverError(StatusError.notFound(type.group ? `${type.resource}.${type.group}` : type.resource, n)));
  if (type.kind !== 'CronJob') return out.fail(clientError(`unknown object type *v1.${type.kind}`));
  const tmpl = src.spec?.jobTemplate ?? {};
  return finish(out, {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      annotations: { 'cronjob.kubernetes.io/instantiate': 'manual', ...(tmpl.metadata?.annotations ?? {}) },
      creationTimestamp: null,
      ...(tmpl.metadata?.labels ? { labels: { ...tmpl.metadata.labels } } : {}),
      name,
      ...nsMeta,
      ownerReferences: [{ apiVersion: 'batch/v1', controller: true, kind: 'CronJob', name: src.metadata.name, uid: src.metadata.uid }],
    },
    spec: structuredClone(tmpl.spec ?? {}),
    status: {},
  }, { wrapServerError: 'failed to create job' });
}

export function createCronJob(p: ParsedArgs, ctx: Ctx, finish: Finish): Out {
  const out = new Out();
  const names = p.positional.slice(1);
  const image = flagAll(p, 'image').pop();
  const schedule = flag(p, 'schedule');
  // cobra checks required flags first, in the order they were marked (image, then schedule).
  if (image === undefined) return out.fail(clientError('required flag(s) "image" not set'));
  if (schedule === undefined) return out.fail(clientError('required flag(s) "schedule" not set'));
  if (names.length !== 1) return out.fail(nameCount(names.length, 'cronjob'));
  const name = names[0]!;
  const command = p.rest;
  const restart = flag(p, 'restart') || 'OnFailure';
  const nsMeta = flag(p, 'namespace') ? { namespace: ctx.namespace } : {};
  const container: Record<string, unknown> = { ...(command.length ? { command } : {}), image, name, resources: {} };
  return finish(out, {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { creationTimestamp: null, name, ...nsMeta },
    spec: {
      jobTemplate: { metadata: { creationTimestamp: null, name }, spec: { template: { metadata: { creationTimestamp: null }, spec: { containers: [container], restartPolicy: restart } } } },
      schedule,
    },
    status: {},
  });
}
