/**
 * `kubectl auth can-i` and `kubectl auth whoami` (kubectl 1.32's cmd/auth/cani.go and whoami.go),
 * answered by the lab's API server: a SelfSubjectAccessReview decided by the RBAC authorizer, a
 * SelfSubjectRulesReview listing the rules that apply in a namespace, a SelfSubjectReview.
 */
import { authorizeIn, rbacSourceOf, resolveResourceType, rulesFor, SYSTEM_MASTERS, type PolicyRule, type UserInfo } from '../../cluster/index.js';
import { boolFlag, flag, type FlagSpec, type ParsedArgs } from '../args.js';
import { Out, type Ctx } from '../context.js';
import { clientError } from '../errors.js';
import { toJson, toYaml } from '../printers/output.js';
import { TABLE_TABS, tabwriteRows } from '../printers/tabwriter.js';
import { requestUser } from './identity.js';
import { goList, policyRuleRows } from '../describe/policy-rules.js';

export const AUTH_FLAGS: FlagSpec[] = [
  { name: 'all-namespaces', short: 'A', kind: 'bool' },
  { name: 'quiet', short: 'q', kind: 'bool' },
  { name: 'subresource', kind: 'string' },
  { name: 'list', kind: 'bool' },
  { name: 'no-headers', kind: 'bool' },
  { name: 'output', short: 'o', kind: 'string' },
];

/** cani.go's resourceVerbs, nonResourceURLVerbs and nonStandardResourceNames. */
const RESOURCE_VERBS = new Set(['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection', 'use', 'bind', 'impersonate', '*', 'approve', 'sign', 'escalate', 'attest']);
const NON_RESOURCE_VERBS = new Set(['get', 'put', 'post', 'head', 'options', 'delete', 'patch', '*']);
const NON_STANDARD_RESOURCES = new Set(['users', 'groups']);

/** `kubectl auth`'s help (kubectl 1.32), printed when no subcommand is given. */
const AUTH_HELP = `Inspect authorization.

Available Commands:
  can-i         Check whether an action is allowed
  reconcile     Reconciles rules for RBAC role, role binding, cluster role, and cluster role binding objects
  whoami        Experimental: Check self subject attributes

Usage:
  kubectl auth [flags] [options]

Use "kubectl auth <command> --help" for more information about a given command.
Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

export function runAuth(p: ParsedArgs, ctx: Ctx): Out {
  const [sub, ...args] = p.positional;
  if (sub === 'can-i') return runCanI(args, p, ctx);
  if (sub === 'whoami') return runWhoami(p, ctx);
  if (sub === undefined) {
    // DefaultSubCommandRun: the group's help on stderr, exit status 1.
    const out = new Out().warn(AUTH_HELP);
    out.exitCode = 1;
    return out;
  }
  return new Out().fail(clientError(`kubectl auth ${sub} is not available in this lab yet`));
}

function runCanI(args: string[], p: ParsedArgs, ctx: Ctx): Out {
  const out = new Out();
  const user = requestUser(p, ctx.rawCluster ?? ctx.cluster);
  if (!user.ok) return out.fail(user.error);
  const list = boolFlag(p, 'list');
  const all = boolFlag(p, 'all-namespaces');
  const quiet = boolFlag(p, 'quiet');
  const subresource = flag(p, 'subresource') ?? '';
  const namespace = all ? '' : ctx.namespace;
  if (list) {
    if (args.length !== 0) return out.fail(clientError('list option must be specified with no arguments'));
    if (quiet || all || subresource) return out.fail(clientError("list option can't be specified with neither quiet, all-namespaces nor subresource options"));
    return printRules(out, user.value, namespace, boolFlag(p, 'no-headers'), ctx);
  }
  if (args.length !== 2) {
    return out.fail(clientError("you must specify two arguments: verb resource or verb resource/resourceName.\nSee 'kubectl auth can-i -h' for help and examples."));
  }
  const [verb, target] = args as [string, string];
  const warn = (m: string) => out.warn(`Warning: ${m}\n`);
  if (target.startsWith('/')) {
    if (subresource) return out.fail(clientError('--subresource can not be used with NonResourceURL'));
    if (!NON_RESOURCE_VERBS.has(verb)) warn(`verb '${verb}' is not a known verb`);
    if (boolFlag(p, 'no-headers')) return out.fail(clientError('--no-headers cannot be set without --list specified'));
    const d = authorizeIn(ctx.rawCluster ?? ctx.cluster, { user: user.value, verb, resourceRequest: false, path: target });
    return answer(out, d.allowed, d.reason, quiet);
  }
  const slash = target.indexOf('/');
  const typed = slash >= 0 ? target.slice(0, slash) : target;
  const name = slash >= 0 ? target.slice(slash + 1) : '';
  // resourceFor: `*` as is; else the RESTMapper's resource, or the text with a warning.
  let group = '';
  let resource = typed;
  let namespaced = true;
  if (typed !== '*') {
    const lower = typed.toLowerCase();
    const t = resolveResourceType(lower);
    if (t) {
      group = t.group;
      resource = t.resource;
      namespaced = t.namespaced;
    } else {
      const dot = lower.indexOf('.');
      const gr = { resource: dot >= 0 ? lower.slice(0, dot) : lower, group: dot >= 0 ? lower.slice(dot + 1) : '' };
      if (!NON_STANDARD_RESOURCES.has(dot >= 0 ? `${gr.resource}.${gr.group}` : gr.resource)) {
        warn(gr.group ? `the server doesn't have a resource type '${gr.resource}' in group '${gr.group}'` : `the server doesn't have a resource type '${gr.resource}'`);
      }
    }
  }
  if (!all && typed !== '*' && resolveResourceType(typed.toLowerCase()) && !namespaced) {
    warn(group ? `resource '${resource}' is not namespace scoped in group '${group}'` : `resource '${resource}' is not namespace scoped`);
  }
  if (!all && !RESOURCE_VERBS.has(verb)) warn(`verb '${verb}' is not a known verb`);
  if (boolFlag(p, 'no-headers')) return out.fail(clientError('--no-headers cannot be set without --list specified'));
  const d = authorizeIn(ctx.rawCluster ?? ctx.cluster, {
    user: user.value,
    verb,
    resourceRequest: true,
    apiGroup: group,
    resource,
    ...(subresource ? { subresource } : {}),
    ...(name ? { name } : {}),
    ...(namespace ? { namespace } : {}),
  });
  return answer(out, d.allowed, d.reason, quiet);
}

/** `yes`, or `no` with the authorizer's reason; exit status 1 when not allowed. */
function answer(out: Out, allowed: boolean, reason: string, quiet: boolean): Out {
  if (!quiet) out.print(allowed ? 'yes\n' : `no${reason ? ` - ${reason}` : ''}\n`);
  if (!allowed) out.exitCode = 1;
  return out;
}

/** The rules of a SelfSubjectRulesReview: system:masters' everything, then RBAC's. */
function reviewRules(user: UserInfo, namespace: string, ctx: Ctx): PolicyRule[] {
  const rules: PolicyRule[] = [];
  if (user.groups.includes(SYSTEM_MASTERS)) rules.push({ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }, { verbs: ['*'], nonResourceURLs: ['*'] });
  rules.push(...rulesFor(rbacSourceOf(ctx.rawCluster ?? ctx.cluster), user, namespace).rules);
  return rules;
}

function printRules(out: Out, user: UserInfo, namespace: string, noHeaders: boolean, ctx: Ctx): Out {
  const rows = policyRuleRows(reviewRules(user, namespace, ctx));
  if (!noHeaders) rows.unshift(['Resources', 'Non-Resource URLs', 'Resource Names', 'Verbs']);
  return out.print(`${tabwriteRows(rows, TABLE_TABS)}\n`);
}

function runWhoami(p: ParsedArgs, ctx: Ctx): Out {
  const out = new Out();
  const user = requestUser(p, ctx.rawCluster ?? ctx.cluster);
  if (!user.ok) return out.fail(user.error);
  const output = flag(p, 'output');
  const review = {
    apiVersion: 'authentication.k8s.io/v1',
    kind: 'SelfSubjectReview',
    metadata: { creationTimestamp: null },
    status: { userInfo: { groups: [...user.value.groups], username: user.value.name } },
  };
  if (output === 'yaml') return out.print(toYaml(review));
  if (output === 'json') return out.print(toJson(review));
  if (output !== undefined && output !== '') return out.fail(clientError(`unable to match a printer suitable for the output format "${output}", allowed formats are: json,yaml`));
  const rows = [
    ['ATTRIBUTE', 'VALUE'],
    ['Username', user.value.name],
    ['Groups', goList(user.value.groups)],
  ];
  return out.print(`${tabwriteRows(rows, TABLE_TABS)}\n`);
}
