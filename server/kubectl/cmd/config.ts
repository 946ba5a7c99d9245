/**
 * `kubectl config`: the lab's kubeconfig is kubeadm's admin.conf (one cluster, one user, one
 * context); `set-context --current --namespace=X` changes the namespace in effect, as on the exam.
 * Texts compared with the real kubectl 1.32 on such a kubeconfig.
 */
import { boolFlag, flag, type FlagSpec, type ParsedArgs } from '../args.js';
import { Out, type Ctx } from '../context.js';
import { clientError } from '../errors.js';
import { TABLE_TABS, tabwrite } from '../printers/tabwriter.js';
import { toYaml } from '../printers/output.js';
import { renderJsonPath } from '../printers/jsonpath.js';

export const CONTEXT = 'kubernetes-admin@kubernetes';

export const CONFIG_FLAGS: FlagSpec[] = [
  { name: 'current', kind: 'bool' },
  { name: 'output', short: 'o', kind: 'string' },
  { name: 'minify', kind: 'bool' },
  { name: 'raw', kind: 'bool' },
  { name: 'cluster', kind: 'string' },
  { name: 'user', kind: 'string' },
];

function kubeconfig(namespace: string | undefined): Record<string, unknown> {
  return {
    apiVersion: 'v1',
    clusters: [{ cluster: { 'certificate-authority-data': 'DATA+OMITTED', server: 'https://controlplane:6443' }, name: 'kubernetes' }],
    contexts: [{ context: { cluster: 'kubernetes', ...(namespace ? { namespace } : {}), user: 'kubernetes-admin' }, name: CONTEXT }],
    'current-context': CONTEXT,
    kind: 'Config',
    preferences: {},
    users: [{ name: 'kubernetes-admin', user: { 'client-certificate-data': 'DATA+OMITTED', 'client-key-data': 'DATA+OMITTED' } }],
  };
}

export function runConfig(p: ParsedArgs, ctx: Ctx): Out {
  const out = new Out();
  const [sub, ...args] = p.positional;
  const kc = ctx.io.kubeconfig;
  switch (sub) {
    case 'current-context':
      return out.print(`${CONTEXT}\n`);
    case 'get-contexts': {
      if (args[0] !== undefined && args[0] !== CONTEXT) {
        return out.print('CURRENT   NAME   CLUSTER   AUTHINFO   NAMESPACE\n').fail(clientError(`context ${args[0]} not found`));
      }
      if (flag(p, 'output') === 'name') return out.print(`${CONTEXT}\n`);
      const rows = ['CURRENT\tNAME\tCLUSTER\tAUTHINFO\tNAMESPACE', `*\t${CONTEXT}\tkubernetes\tkubernetes-admin\t${kc?.namespace ?? ''}`];
      return out.print(`${tabwrite(rows.join('\n'), TABLE_TABS)}\n`);
    }
    case 'use-context':
      if (args[0] === CONTEXT) return out.print(`Switched to context "${CONTEXT}".\n`);
      return out.fail(clientError(`no context exists with the name: "${args[0] ?? ''}"`));
    case 'set-context': {
      const name = boolFlag(p, 'current') ? CONTEXT : args[0];
      if (!name) return out.fail(clientError('you must specify a non-empty context name or --current'));
      if (name !== CONTEXT) return out.fail(clientError(`this lab's kubeconfig has one context, ${CONTEXT}`));
      const ns = flag(p, 'namespace');
      if (ns !== undefined && kc) kc.namespace = ns === '' ? undefined : ns;
      return out.print(`Context "${CONTEXT}" modified.\n`);
    }
    case 'view': {
      const o = flag(p, 'output');
      const value = kubeconfig(kc?.namespace);
      if (o?.startsWith('jsonpath=')) {
        const r = renderJsonPath(o.slice('jsonpath='.length), value);
        return r.ok ? out.print(r.value) : out.fail(clientError(r.message));
      }
      return out.print(o === 'json' ? `${JSON.stringify(value, null, 4)}\n` : toYaml(value));
    }
    default:
      return out.fail(clientError(sub ? `kubectl config ${sub} is not available in this lab yet` : 'kubectl config needs a subcommand: current-context, get-contexts, set-context, use-context or view'));
  }
}
