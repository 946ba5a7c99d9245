/**
 * `kubectl create role|clusterrole|rolebinding|clusterrolebinding`, as kubectl 1.32's
 * create_role.go, create_clusterrole.go, create_rolebinding.go and create_clusterrolebinding.go
 * build, validate and send them. Goldens: test/kubectl/golden/rbac-generators (recorded with the
 * upstream client, scripts/record-rbac-goldens.sh).
 */
import { resolveResourceType } from '../../cluster/index.js';
import { flag, flagAll, type FlagSpec, type ParsedArgs } from '../args.js';
import { Out, type Ctx } from '../context.js';
import { clientError, rawError, serverError, usageError } from '../errors.js';
import { toYaml } from '../printers/output.js';
import { dryRunOf } from './apply.js';

const RBAC_GROUP = 'rbac.authorization.k8s.io';
const API_VERSION = `${RBAC_GROUP}/v1`;

/** The flags these subcommands add to `create` (StringSlice splits at commas, StringArray keeps whole values). */
export const RBAC_CREATE_FLAGS: FlagSpec[] = [
  { name: 'verb', kind: 'array' },
  { name: 'resource', kind: 'array' },
  { name: 'resource-name', kind: 'string' },
  { name: 'non-resource-url', kind: 'array' },
  { name: 'aggregation-rule', kind: 'string' },
  { name: 'role', kind: 'string' },
  { name: 'clusterrole', kind: 'string' },
  { name: 'user', kind: 'string' },
  { name: 'group', kind: 'string' },
  { name: 'serviceaccount', kind: 'string' },
];

/** Each subcommand's own flags: any other RBAC flag is an unknown flag to it, as cobra says. */
const OWN_FLAGS: Record<string, readonly string[]> = {
  role: ['verb', 'resource', 'resource-name'],
  clusterrole: ['verb', 'resource', 'resource-name', 'non-resource-url', 'aggregation-rule'],
  rolebinding: ['role', 'clusterrole', 'user', 'group', 'serviceaccount'],
  clusterrolebinding: ['clusterrole', 'user', 'group', 'serviceaccount'],
};
const RBAC_FLAG_NAMES = RBAC_CREATE_FLAGS.map((f) => f.name);

/** validResourceVerbs, validNonResourceVerbs and specialVerbs of create_role.go / create_clusterrole.go. */
const VALID_RESOURCE_VERBS = ['*', 'get', 'delete', 'list', 'create', 'update', 'patch', 'watch', 'proxy', 'deletecollection', 'use', 'bind', 'escalate', 'impersonate'];
const VALID_NON_RESOURCE_VERBS = ['*', 'get', 'post', 'put', 'delete', 'patch', 'head', 'options'];
const SPECIAL_VERBS: Record<string, { group: string; resource: string }[]> = {
  use: [
    { group: 'policy', resource: 'podsecuritypolicies' },
    { group: 'extensions', resource: 'podsecuritypolicies' },
  ],
  bind: [
    { group: RBAC_GROUP, resource: 'roles' },
    { group: RBAC_GROUP, resource: 'clusterroles' },
  ],
  escalate: [
    { group: RBAC_GROUP, resource: 'roles' },
    { group: RBAC_GROUP, resource: 'clusterroles' },
  ],
  impersonate: [
    { group: '', resource: 'users' },
    { group: '', resource: 'serviceaccounts' },
    { group: '', resource: 'groups' },
    { group: 'authentication.k8s.io', resource: 'userextras' },
    { group: 'authentication.k8s.io', resource: 'uids' },
  ],
};

interface ResourceOption {
  group: string;
  resource: string;
  subResource: string;
}

type Obj = Record<string, unknown>;
type Built = { ok: true; obj: Obj; namespaced: boolean } | { ok: false; out: Out };

export const RBAC_CREATE_SUBCOMMANDS = ['role', 'clusterrole', 'rolebinding', 'clusterrolebinding'];

/** Runs `create <sub>` for one of the four RBAC subcommands. */
export function runCreateRbac(sub: string, p: ParsedArgs, ctx: Ctx): Out {
  const out = new Out();
  const own = OWN_FLAGS[sub]!;
  for (const name of RBAC_FLAG_NAMES) if (p.flags.has(name) && !own.includes(name)) return out.fail(usageError(`unknown flag: --${name}`, `create ${sub}`));
  if (sub === 'clusterrolebinding' && !p.flags.has('clusterrole')) return out.fail(clientError('required flag(s) "clusterrole" not set'));
  const names = p.positional.slice(1);
  if (names.length !== 1) return out.fail(clientError(`exactly one NAME is required, got ${names.length}\nSee 'kubectl create ${sub} -h' for help and examples`));
  const name = names[0]!;
  const built = sub === 'role' || sub === 'clusterrole' ? buildRole(sub, name, p, out) : buildBinding(sub, name, p, out);
  if (!built.ok) return built.out;
  const obj = built.obj;
  if (built.namespaced && flag(p, 'namespace')) (obj.metadata as Obj).namespace = ctx.namespace;
  return send(out, ctx, p, obj);
}

function send(out: Out, ctx: Ctx, p: ParsedArgs, obj: Obj): Out {
  const dry = dryRunOf(p, out);
  if (!dry) return out;
  const output = flag(p, 'output');
  const qualified = `${String(obj.kind).toLowerCase()}.${RBAC_GROUP}/${(obj.metadata as Obj).name as string}`;
  if (dry === 'client') {
    if (output === 'yaml') return out.print(toYaml(obj));
    if (output === 'json') return out.print(goStructJson(obj));
    if (output === 'name') return out.print(`${qualified}\n`);
    return out.print(`${qualified} created (dry run)\n`);
  }
  const manifest = structuredClone(obj);
  delete (manifest.metadata as Obj).creationTimestamp;
  const r = ctx.cluster.create(manifest as never, { dryRun: dry === 'server', namespace: ctx.namespace });
  if (!r.ok) return out.fail(serverError(r.error));
  if (output === 'yaml') return out.print(toYaml(r.value));
  if (output === 'name') return out.print(`${qualified}\n`);
  return out.print(`${qualified} created${dry === 'server' ? ' (server dry run)' : ''}\n`);
}

/** encoding/json of the typed object kubectl built: fields in struct order (as built), 4-space indent. */
function goStructJson(obj: Obj): string {
  return `${JSON.stringify(obj, null, 4).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}\n`;
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

/** create_role.go Complete: `--verb` with `*` anywhere is just `*`; duplicates dropped. */
function completeVerbs(raw: readonly string[]): string[] {
  return raw.includes('*') ? ['*'] : unique(raw);
}

/** create_role.go Complete: `pods/log` → subresource, `deployments.apps` → group; a lone `*` replaces the list. */
function completeResources(raw: readonly string[]): ResourceOption[] {
  const res: ResourceOption[] = [];
  for (const r of raw) {
    const slash = r.indexOf('/');
    const head = slash >= 0 ? r.slice(0, slash) : r;
    const subResource = slash >= 0 ? r.slice(slash + 1) : '';
    const dot = head.indexOf('.');
    const option = { resource: dot >= 0 ? head.slice(0, dot) : head, group: dot >= 0 ? head.slice(dot + 1) : '', subResource };
    if (option.resource === '*' && dot < 0 && slash < 0) return [option];
    res.push(option);
  }
  return res;
}

/** The RESTMapper's ResourceFor (with kubectl's short-name expansion): the full plural and group, or undefined. */
function mapResource(r: ResourceOption): { group: string; resource: string } | undefined {
  if (r.resource === '*') return undefined;
  const t = resolveResourceType(r.group ? `${r.resource}.${r.group}` : r.resource);
  return t ? { group: t.group, resource: t.resource } : undefined;
}

function notFoundResource(r: ResourceOption): string {
  return `the server doesn't have a resource type "${r.group ? `${r.resource}.${r.group}` : r.resource}"`;
}

/** create_role.go validateResource (its early return on `*` included). */
function validateResources(resources: readonly ResourceOption[], verbs: readonly string[]): string | { raw: string } | undefined {
  for (const r of resources) {
    if (!r.resource) return 'resource must be specified if apiGroup/subresource specified';
    if (r.resource === '*') return undefined;
    const mapped = mapResource(r);
    const resource = mapped ?? { group: r.group, resource: r.resource };
    let missing = !mapped;
    for (const v of verbs) {
      const special = SPECIAL_VERBS[v];
      if (!special) continue;
      if (!special.some((x) => x.resource === resource.resource && x.group === resource.group)) return `can not perform '${v}' on '${resource.resource}' in group '${resource.group}'`;
      missing = false;
    }
    if (missing) return { raw: notFoundResource(r) };
  }
  return undefined;
}

/** generateResourcePolicyRules: one rule per API group (sorted), then one for the non-resource URLs. */
function policyRules(verbs: string[], resources: readonly ResourceOption[], resourceNames: string[], nonResourceURLs: string[]): Obj[] {
  const byGroup = new Map<string, string[]>();
  for (const r of resources) {
    const mapped = mapResource(r) ?? { group: r.group, resource: r.resource };
    const name = r.subResource ? `${mapped.resource}/${r.subResource}` : mapped.resource;
    const list = byGroup.get(mapped.group) ?? [];
    if (!list.includes(name)) list.push(name);
    byGroup.set(mapped.group, list);
  }
  const rules: Obj[] = [...byGroup.keys()].sort().map((g) => ({
    verbs,
    apiGroups: [g],
    resources: byGroup.get(g)!,
    ...(resourceNames.length ? { resourceNames } : {}),
  }));
  if (nonResourceURLs.length) rules.push({ verbs, nonResourceURLs });
  return rules;
}

function buildRole(sub: 'role' | 'clusterrole', name: string, p: ParsedArgs, out: Out): Built {
  const fail = (m: string | { raw: string }): Built => ({ ok: false, out: out.fail(typeof m === 'string' ? clientError(m) : rawError(m.raw)) });
  const verbs = completeVerbs(flagAll(p, 'verb'));
  const resources = completeResources(flagAll(p, 'resource'));
  const resourceNames = unique(flagAll(p, 'resource-name'));
  const nonResourceURLs = unique(flagAll(p, 'non-resource-url'));
  const aggregation = flag(p, 'aggregation-rule');
  const metadata = { name, creationTimestamp: null };
  if (sub === 'clusterrole' && aggregation !== undefined && aggregation !== '') {
    // create_clusterrole.go Validate: an aggregated role has no rules of its own.
    if (verbs.length || resources.length || resourceNames.length || nonResourceURLs.length) {
      return fail('aggregation rule must be specified without nonResourceURLs, verbs, resources or resourceNames');
    }
    const matchLabels: Record<string, string> = {};
    for (const pair of aggregation.split(',')) {
      const eq = pair.indexOf('=');
      if (eq < 0) return fail(`${pair} must be formatted as key=value`);
      matchLabels[pair.slice(0, eq)] = pair.slice(eq + 1);
    }
    const sorted = Object.fromEntries(Object.keys(matchLabels).sort().map((k) => [k, matchLabels[k]!]));
    return { ok: true, namespaced: false, obj: { kind: 'ClusterRole', apiVersion: API_VERSION, metadata, rules: null, aggregationRule: { clusterRoleSelectors: [{ matchLabels: sorted }] } } };
  }
  if (verbs.length === 0) return fail('at least one verb must be specified');
  if (sub === 'clusterrole') {
    if (resources.length === 0 && nonResourceURLs.length === 0) return fail('one of resource or nonResourceURL must be specified');
    if (resources.length > 0) {
      const e = checkResourceVerbs(verbs, resources, out);
      if (e) return fail(e);
    }
    if (nonResourceURLs.length > 0) {
      for (const v of verbs) if (!VALID_NON_RESOURCE_VERBS.includes(v)) return fail(`invalid verb: '${v}' for nonResourceURL`);
      for (const u of nonResourceURLs) {
        if (u === '*') continue;
        if (!u.startsWith('/')) return fail('nonResourceURL should start with /');
        if (u.slice(0, -1).includes('*')) return fail('nonResourceURL only supports wildcard matches when \'*\' is at the end');
      }
    }
  } else {
    if (resources.length === 0) return fail('at least one resource must be specified');
    const e = checkResourceVerbs(verbs, resources, out);
    if (e) return fail(e);
  }
  return {
    ok: true,
    namespaced: sub === 'role',
    obj: { kind: sub === 'role' ? 'Role' : 'ClusterRole', apiVersion: API_VERSION, metadata, rules: policyRules(verbs, resources, resourceNames, nonResourceURLs) },
  };
}

/** The resource half of Validate: a warning per non-standard verb, then the resources checked. */
function checkResourceVerbs(verbs: readonly string[], resources: readonly ResourceOption[], out: Out): string | { raw: string } | undefined {
  for (const v of verbs) if (!VALID_RESOURCE_VERBS.includes(v)) out.warn(`Warning: '${v}' is not a standard resource verb\n`);
  return validateResources(resources, verbs);
}

function buildBinding(sub: string, name: string, p: ParsedArgs, out: Out): Built {
  const fail = (m: string): Built => ({ ok: false, out: out.fail(clientError(m)) });
  const role = flag(p, 'role') ?? '';
  const clusterRole = flag(p, 'clusterrole') ?? '';
  if (sub === 'rolebinding' && (role === '') === (clusterRole === '')) return fail('exactly one of clusterrole or role must be specified');
  const subjects: Obj[] = [];
  for (const user of flagAll(p, 'user')) subjects.push({ kind: 'User', apiGroup: RBAC_GROUP, name: user });
  for (const group of flagAll(p, 'group')) subjects.push({ kind: 'Group', apiGroup: RBAC_GROUP, name: group });
  for (const sa of flagAll(p, 'serviceaccount')) {
    const tokens = sa.split(':');
    if (tokens.length !== 2 || !tokens[0] || !tokens[1]) return fail('serviceaccount must be <namespace>:<name>');
    subjects.push({ kind: 'ServiceAccount', name: tokens[1], namespace: tokens[0] });
  }
  const roleRef = role ? { apiGroup: RBAC_GROUP, kind: 'Role', name: role } : { apiGroup: RBAC_GROUP, kind: 'ClusterRole', name: clusterRole };
  const kind = sub === 'rolebinding' ? 'RoleBinding' : 'ClusterRoleBinding';
  return {
    ok: true,
    namespaced: sub === 'rolebinding',
    obj: { kind, apiVersion: API_VERSION, metadata: { name, creationTimestamp: null }, ...(subjects.length ? { subjects } : {}), roleRef },
  };
}
