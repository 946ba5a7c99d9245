/**
 * `kubectl cluster-info`, from kubectl 1.32 (pkg/cmd/clusterinfo/clusterinfo.go: printService
 * colours the name green and the URL yellow with go-colortext, whatever the output is).
 */
import type { FlagSpec, ParsedArgs } from '../args.js';
import { Out, type Ctx } from '../context.js';
import { clientError } from '../errors.js';
import { resolveResourceType } from '../../cluster/index.js';

export const CLUSTER_INFO_FLAGS: FlagSpec[] = [];

const HOST = 'https://controlplane:6443';
const green = (s: string) => `\x1b[0;32m${s}\x1b[0m`;
const yellow = (s: string) => `\x1b[0;33m${s}\x1b[0m`;

export function runClusterInfo(p: ParsedArgs, ctx: Ctx): Out {
  const out = new Out();
  if (p.positional[0] === 'dump') return out.fail(clientError('kubectl cluster-info dump is not available in this lab yet'));
  const line = (name: string, link: string) => `${green(name)} is running at ${yellow(link)}\n`;
  out.print(line('Kubernetes control plane', HOST));
  const svcType = resolveResourceType('svc')!;
  for (const s of ctx.cluster.list(svcType, 'kube-system')) {
    if (s.metadata.labels?.['kubernetes.io/cluster-service'] !== 'true') continue;
    const port = (s as { spec?: { ports?: { name?: string; port: number }[] } }).spec?.ports?.[0];
    const scheme = port && (port.name === 'https' || port.port === 443) ? 'https' : '';
    const name = port ? [scheme, s.metadata.name, port.name ?? ''].filter((x, i) => i === 1 || x !== '').join(':') : s.metadata.name!;
    out.print(line(s.metadata.labels?.['kubernetes.io/name'] ?? s.metadata.name!, `${HOST}/api/v1/namespaces/kube-system/services/${name}/proxy`));
  }
  return out.print("\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n");
}
