/**
 * The configuration generators of `kubectl create`: configmap, secret generic|tls|docker-registry,
 * serviceaccount, quota, priorityclass, poddisruptionbudget (kubectl 1.32
 * staging/src/k8s.io/kubectl/pkg/cmd/create/create_*.go). Each builds the object as the client
 * does — fields in the Go structs' order, so `-o json` reads as kubectl's — with its flags and its
 * errors; files come from the learner's virtual filesystem.
 */
import { formatQuantity, parseQuantity, type KubeObject } from '../../api/index.js';
import { boolFlag, flag, flagAll, type FlagSpec, type ParsedArgs } from '../args.js';
import { Out, type Ctx } from '../context.js';
import { clientError, usageError } from '../errors.js';
import { objectName, toJson, toYaml } from '../printers/output.js';
import { dryRunOf } from './apply.js';

type Obj = Record<string, unknown>;

/** A Go map as encoding/json writes it: keys sorted. */
const sortedMap = <V>(m: Record<string, V>): Record<string, V> => Object.fromEntries(Object.entries(m).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

export interface CreateSubcommand {
  /** The flags of `kubectl create <name>` (cobra's per-command flag set). */
  flags: FlagSpec[];
  run(p: ParsedArgs, ctx: Ctx): Out;
}

const OUTPUT_FLAGS: FlagSpec[] = [
  { name: 'output', short: 'o', kind: 'string' },
  { name: 'dry-run', kind: 'string', noOptDefault: 'unchanged' },
];
const SOURCE_FLAGS: FlagSpec[] = [
  { name: 'from-file', kind: 'array' },
  { name: 'from-literal', kind: 'stringArray' },
  { name: 'from-env-file', kind: 'array' },
];

/** `exactly one NAME is required` with cobra's hint, as every create subcommand prints it. */
function nameOf(p: ParsedArgs, command: string, out: Out): string | undefined {
  const names = p.positional.slice(command.split(' ').length);
  if (names.length === 1) return names[0];
  out.fail(clientError(`exactly one NAME is required, got ${names.length}\nSee 'kubectl create ${command} -h' for help and examples`));
  return undefined;
}

/** Prints or creates the generated object, as each create_*.go's Run does. */
function finish(out: Out, ctx: Ctx, p: ParsedArgs, obj: Obj, failPrefix: string): Out {
  const dry = dryRunOf(p, out);
  if (!dry) return out;
  const output = flag(p, 'output');
  let result = obj as unknown as KubeObject;
  if (dry !== 'client') {
    const manifest = structuredClone(obj) as Obj & { metadata: Obj };
    delete manifest.metadata.creationTimestamp;
    const r = ctx.cluster.create(manifest, { dryRun: dry === 'server', namespace: ctx.namespace });
    if (!r.ok) return out.fail(clientError(`${failPrefix}${r.error.message}`));
    result = r.value;
  }
  if (output === 'yaml') return out.print(toYaml(result));
  if (output === 'json') return out.print(dry === 'client' ? jsonAsBuilt(result) : toJson(result));
  if (output === 'name') return out.print(`${objectName(result)}\n`);
  if (output !== undefined && output !== '') return out.fail(clientError(`unable to match a printer suitable for the output format "${output}", allowed formats are: json,name,yaml`));
  return out.print(`${objectName(result)} created${dry === 'client' ? ' (dry run)' : dry === 'server' ? ' (server dry run)' : ''}\n`);
}

/**
 * A generator's object as kubectl's encoding/json prints it: these objects are built with their
 * fields in the Go structs' order and their maps sorted, so they print as built (with
 * encoding/json's HTML escapes).
 */
const jsonAsBuilt = (obj: unknown) => `${JSON.stringify(obj, null, 4).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}\n`;

const meta = (name: string, p: ParsedArgs, ctx: Ctx, namespaced = true): Obj => ({
  name,
  ...(namespaced && flag(p, 'namespace') ? { namespace: ctx.namespace } : {}),
  creationTimestamp: null,
});

// ---- data sources (--from-literal, --from-file, --from-env-file) ----

const CONFIG_KEY = /^[-._a-zA-Z0-9]+$/;
const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;
function chdirProblems(key: string): string[] {
  if (key === '.') return ["must not be '.'"];
  if (key === '..') return ["must not be '..'"];
  if (key.startsWith('..')) return ["must not start with '..'"];
  return [];
}
/** apimachinery IsConfigMapKey. */
export function isConfigMapKey(key: string): string[] {
  const errs: string[] = [];
  if (key.length > 253) errs.push('must be no more than 253 characters');
  if (!CONFIG_KEY.test(key))
    errs.push("a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')");
  return [...errs, ...chdirProblems(key)];
}
/** apimachinery IsEnvVarName. */
export function isEnvVarName(key: string): string[] {
  const errs: string[] = [];
  if (!ENV_NAME.test(key))
    errs.push(
      "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')",
    );
  return [...errs, ...chdirProblems(key)];
}

type Add = (key: string, value: string) => string | undefined;
const ERRNO: Record<string, string> = { ENOENT: 'no such file or directory', ENOTDIR: 'not a directory', EISDIR: 'is a directory' };

/** util.ParseLiteralSource. */
function parseLiteral(source: string): [string, string] | string {
  const i = source.indexOf('=');
  if (i <= 0) return `invalid literal source ${source}, expected key=value`;
  return [source.slice(0, i), source.slice(i + 1)];
}

/** util.ParseFileSource: `path` (key = its base name) or `key=path`. */
function parseFileSource(source: string): [string, string] | string {
  const n = source.split('=').length - 1;
  if (n === 0) return [source.replace(/\/+$/, '').split('/').pop() || '/', source];
  if (n === 1 && source.startsWith('=')) return `key name for file path ${source.slice(1)} missing`;
  if (n === 1 && source.endsWith('=')) return `file path for key name ${source.slice(0, -1)} missing`;
  if (n > 1) return "key names or file paths cannot contain '='";
  const [k, v] = source.split('=') as [string, string];
  return [k, v];
}

function addSources(p: ParsedArgs, ctx: Ctx, add: Add, envDirMessage: string, literalFirst: boolean): string | undefined {
  const fs = ctx.io.fs;
  const literals = (): string | undefined => {
    for (const s of flagAll(p, 'from-literal')) {
      const kv = parseLiteral(s);
      if (typeof kv === 'string') return kv;
      const e = add(kv[0], kv[1]);
      if (e) return e;
    }
    return undefined;
  };
  const files = (): string | undefined => {
    for (const s of flagAll(p, 'from-file')) {
      const kp = parseFileSource(s);
      if (typeof kp === 'string') return kp;
      const [key, path] = kp;
      if (fs.isDirectory(path)) {
        if (s.includes('=')) return 'cannot give a key name for a directory path';
        const list = fs.readDir(path);
        if (!list.ok) return `error listing files in ${path}: ${ERRNO[list.error]}`;
        for (const name of list.value) {
          const item = `${path.replace(/\/+$/, '')}/${name}`;
          if (fs.isDirectory(item)) continue;
          const r = fs.readFile(item);
          if (!r.ok) continue;
          const e = add(name, r.value);
          if (e) return e;
        }
        continue;
      }
      const r = fs.readFile(path);
      if (!r.ok) return `error reading ${path}: ${ERRNO[r.error]}`;
      const e = add(key, r.value);
      if (e) return e;
    }
    return undefined;
  };
  const envFiles = (): string | undefined => {
    for (const path of flagAll(p, 'from-env-file')) {
      if (fs.isDirectory(path)) return envDirMessage;
      const r = fs.readFile(path);
      if (!r.ok) return `error reading ${path}: ${ERRNO[r.error]}`;
      // cmdutil.AddFromEnvFile: bufio lines, a leading BOM dropped, leading space trimmed, # comments.
      const lines = r.value.split('\n');
      if (lines.at(-1) === '') lines.pop();
      for (let i = 0; i < lines.length; i++) {
        let line = lines[i]!.replace(/\r$/, '');
        if (i === 0) line = line.replace(/^\uFEFF/, '');
        line = line.trimStart();
        if (line === '' || line.startsWith('#')) continue;
        const eq = line.indexOf('=');
        const key = eq < 0 ? line : line.slice(0, eq);
        const errs = isEnvVarName(key);
        if (errs.length) return `${JSON.stringify(key)} is not a valid key name: ${errs.join(';')}`;
        const e = add(key, eq < 0 ? '' : line.slice(eq + 1));
        if (e) return e;
      }
    }
    return undefined;
  };
  const order = literalFirst ? [literals, files, envFiles] : [files, literals, envFiles];
  for (const step of order) {
    const e = step();
    if (e) return e;
  }
  return undefined;
}

function envFileConflict(p: ParsedArgs): boolean {
  return flagAll(p, 'from-env-file').length > 0 && (flagAll(p, 'from-file').length > 0 || flagAll(p, 'from-literal').length > 0);
}

// ---- configmap ----

function runConfigMap(p: ParsedArgs, ctx: Ctx): Out {
  const out = new Out();
  const name = nameOf(p, 'configmap', out);
  if (name === undefined) return out;
  if (envFileConflict(p)) return out.fail(clientError('from-env-file cannot be combined with from-file or from-literal'));
  const data: Record<string, string> = {};
  const add: Add = (key, value) => {
    const errs = isConfigMapKey(key);
    if (errs.length) return `${JSON.stringify(key)} is not a valid key name for a ConfigMap: ${errs.join(',')}`;
    if (key in data) return `cannot add key ${JSON.stringify(key)}, another key by that name already exists in Data for ConfigMap ${JSON.stringify(name)}`;
    data[key] = value;
    return undefined;
  };
  const e = addSources(p, ctx, add, 'env config file cannot be a directory', false);
  if (e) return out.fail(clientError(e));
  const cm: Obj = { kind: 'ConfigMap', apiVersion: 'v1', metadata: meta(name, p, ctx) };
  if (Object.keys(data).length) cm.data = sortedMap(data);
  return finish(out, ctx, p, cm, 'failed to create configmap: ');
}

// ---- secret generic | tls | docker-registry ----

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

function secretObj(name: string, p: ParsedArgs, ctx: Ctx, data: Record<string, string>, type: string): Obj {
  const s: Obj = { kind: 'Secret', apiVersion: 'v1', metadata: meta(name, p, ctx) };
  if (Object.keys(data).length) s.data = sortedMap(Object.fromEntries(Object.entries(data).map(([k, v]) => [k, b64(v)])));
  if (type) s.type = type;
  return s;
}

function secretAdder(data: Record<string, string>): Add {
  return (key, value) => {
    const errs = isConfigMapKey(key);
    if (errs.length) return `${JSON.stringify(key)} is not valid key name for a Secret ${errs.join(';')}`;
    if (key in data) return `cannot add key ${key}, another key by that name already exists`;
    data[key] = value;
    return undefined;
  };
}

function runSecretGeneric(p: ParsedArgs, ctx: Ctx): Out {
  const out = new Out();
  const name = nameOf(p, 'secret generic', out);
  if (name === undefined) return out;
  if (envFileConflict(p)) return out.fail(clientError('from-env-file cannot be combined with from-file or from-literal'));
  const data: Record<string, string> = {};
  const e = addSources(p, ctx, secretAdder(data), 'env secret file cannot be a directory', true);
  if (e) return out.fail(clientError(e));
  return finish(out, ctx, p, secretObj(name, p, ctx, data, flag(p, 'type') ?? ''), 'failed to create secret ');
}

function runSecretTls(p: ParsedArgs, ctx: Ctx): Out {
  const out = new Out();
  const name = nameOf(p, 'secret tls', out);
  if (name === undefined) return out;
  const certPath = flag(p, 'cert') ?? '';
  const keyPath = flag(p, 'key') ?? '';
  if (!certPath || !keyPath) return out.fail(clientError('key and cert must be specified'));
  const read = (path: string): string | { error: string } => {
    const r = ctx.io.fs.readFile(path);
    return r.ok ? r.value : { error: `Cannot read file ${path}, open ${path}: ${ERRNO[r.error]}` };
  };
  const cert = read(certPath);
  if (typeof cert !== 'string') return out.fail(clientError(cert.error));
  const key = read(keyPath);
  if (typeof key !== 'string') return out.fail(clientError(key.error));
  // tls.X509KeyPair's first checks: a PEM block in each input (the lab does not parse the DER inside).
  if (!/-----BEGIN [A-Z ]*CERTIFICATE-----/.test(cert)) return out.fail(clientError('tls: failed to find any PEM data in certificate input'));
  if (!/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(key)) return out.fail(clientError('tls: failed to find any PEM data in key input'));
  return finish(out, ctx, p, secretObj(name, p, ctx, { 'tls.crt': cert, 'tls.key': key }, 'kubernetes.io/tls'), 'failed to create secret ');
}

function runSecretDockerRegistry(p: ParsedArgs, ctx: Ctx): Out {
  const out = new Out();
  const name = nameOf(p, 'secret docker-registry', out);
  if (name === undefined) return out;
  const user = flag(p, 'docker-username') ?? '';
  const password = flag(p, 'docker-password') ?? '';
  const email = flag(p, 'docker-email') ?? '';
  const server = flag(p, 'docker-server') ?? 'https://index.docker.io/v1/';
  const files = flagAll(p, 'from-file');
  if (files.length === 0 && (!user || !password || !server))
    return out.fail(clientError('either --from-file or the combination of --docker-username, --docker-password and --docker-server is required'));
  const data: Record<string, string> = {};
  if (files.length) {
    const e = addSources(p, ctx, secretAdder(data), 'env secret file cannot be a directory', false);
    if (e) return out.fail(clientError(e));
  } else {
    // DockerConfigJSON marshalled by encoding/json: fields in struct order, email omitted when empty.
    const entry: Obj = { username: user, password };
    if (email) entry.email = email;
    entry.auth = b64(`${user}:${password}`);
    data['.dockerconfigjson'] = JSON.stringify({ auths: { [server]: entry } });
  }
  return finish(out, ctx, p, secretObj(name, p, ctx, data, 'kubernetes.io/dockerconfigjson'), 'failed to create secret ');
}

function runSecret(p: ParsedArgs, ctx: Ctx): Out {
  const sub = p.positional[1];
  if (sub === 'generic') return runSecretGeneric(p, ctx);
  if (sub === 'tls') return runSecretTls(p, ctx);
  if (sub === 'docker-registry') return runSecretDockerRegistry(p, ctx);
  // `kubectl create secret` alone prints its help; an unknown subcommand is cobra's error.
  if (sub === undefined) return new Out().fail(clientError('must specify one of generic, tls or docker-registry'));
  return new Out().fail(clientError(`unknown command "${sub}" for "kubectl create secret"`));
}

// ---- serviceaccount ----

function runServiceAccount(p: ParsedArgs, ctx: Ctx): Out {
  const out = new Out();
  const name = nameOf(p, 'serviceaccount', out);
  if (name === undefined) return out;
  return finish(out, ctx, p, { kind: 'ServiceAccount', apiVersion: 'v1', metadata: meta(name, p, ctx) }, 'failed to create serviceaccount: ');
}

// ---- quota ----

const QUANTITY_RE = /^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$/;

function runQuota(p: ParsedArgs, ctx: Ctx): Out {
  const out = new Out();
  const name = nameOf(p, 'quota', out);
  if (name === undefined) return out;
  const spec: Obj = {};
  const hardFlag = flag(p, 'hard') ?? '';
  if (hardFlag) {
    const hard: Record<string, string> = {};
    for (const statement of hardFlag.split(',')) {
      const parts = statement.split('=');
      if (parts.length !== 2) return out.fail(clientError(`Invalid argument syntax ${statement}, expected <resource>=<value>`));
      if (!QUANTITY_RE.test(parts[1]!)) return out.fail(clientError(`quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`));
      const q = parseQuantity(parts[1]!);
      if (!q) return out.fail(clientError("unable to parse quantity's suffix"));
      hard[parts[0]!] = formatQuantity(q);
    }
    spec.hard = sortedMap(hard);
  }
  const scopesFlag = flag(p, 'scopes') ?? '';
  if (scopesFlag) {
    const scopes = scopesFlag.split(',');
    if (scopes.includes('')) return out.fail(clientError('invalid resource quota scope ""'));
    spec.scopes = scopes;
  }
  return finish(out, ctx, p, { kind: 'ResourceQuota', apiVersion: 'v1', metadata: meta(name, p, ctx), spec, status: {} }, 'failed to create quota: ');
}

// ---- priorityclass ----

function runPriorityClass(p: ParsedArgs, ctx: Ctx): Out {
  const out = new Out();
  const name = nameOf(p, 'priorityclass', out);
  if (name === undefined) return out;
  const raw = flag(p, 'value') ?? '0';
  const value = /^[+-]?\d+$/.test(raw) ? Number(raw) : NaN;
  // An Int32 flag: pflag's parse error is a usage error.
  if (Number.isNaN(value)) return out.fail(usageError(`invalid argument "${raw}" for "--value" flag: strconv.ParseInt: parsing "${raw}": invalid syntax`, 'create priorityclass'));
  if (value > 2147483647 || value < -2147483648)
    return out.fail(usageError(`invalid argument "${raw}" for "--value" flag: strconv.ParseInt: parsing "${raw}": value out of range`, 'create priorityclass'));
  const pc: Obj = { kind: 'PriorityClass', apiVersion: 'scheduling.k8s.io/v1', metadata: meta(name, p, ctx, false), value };
  if (boolFlag(p, 'global-default')) pc.globalDefault = true;
  const description = flag(p, 'description');
  if (description) pc.description = description;
  pc.preemptionPolicy = flag(p, 'preemption-policy') ?? 'PreemptLowerPriority';
  return finish(out, ctx, p, pc, 'failed to create priorityclass: ');
}

// ---- poddisruptionbudget ----

/** metav1.ParseToLabelSelector for the forms a learner types: `k=v`, `k==v`, `k`, `!k`, `k in (a,b)`, `k notin (a,b)` (it refuses `!=`). */
export function parseToLabelSelector(text: string): Obj | string {
  const matchLabels: Record<string, string> = {};
  const matchExpressions: Obj[] = [];
  const terms = text.match(/(?:[^,(]+(?:\([^)]*\))?)+/g) ?? [];
  for (const raw of terms) {
    const t = raw.trim();
    let m: RegExpExecArray | null;
    if ((m = /^([^\s!=]+)\s*(?:==|=)\s*([^\s,]*)$/.exec(t))) matchLabels[m[1]!] = m[2]!;
    else if (/^[^\s!=]+\s*!=/.test(t)) return '"!=" is not a valid label selector operator';
    else if ((m = /^([^\s!=]+)\s+(in|notin)\s*\(([^)]*)\)$/.exec(t)))
      matchExpressions.push({ key: m[1], operator: m[2] === 'in' ? 'In' : 'NotIn', values: m[3]!.split(',').map((v) => v.trim()).sort() });
    else if ((m = /^!([^\s!=]+)$/.exec(t))) matchExpressions.push({ key: m[1], operator: 'DoesNotExist' });
    else if ((m = /^([^\s!=]+)$/.exec(t))) matchExpressions.push({ key: m[1], operator: 'Exists' });
    else return `unable to parse requirement: found '${t}', expected: identifier`;
  }
  const sel: Obj = {};
  if (Object.keys(matchLabels).length) sel.matchLabels = sortedMap(matchLabels);
  if (matchExpressions.length) sel.matchExpressions = matchExpressions;
  return sel;
}

const intOrString = (s: string): number | string => (/^\d+$/.test(s) ? Number(s) : s);

function runPodDisruptionBudget(p: ParsedArgs, ctx: Ctx): Out {
  const out = new Out();
  const name = nameOf(p, 'poddisruptionbudget', out);
  if (name === undefined) return out;
  const selector = flag(p, 'selector') ?? '';
  const minAvailable = flag(p, 'min-available') ?? '';
  const maxUnavailable = flag(p, 'max-unavailable') ?? '';
  if (!selector) return out.fail(clientError('a selector must be specified'));
  if (!minAvailable && !maxUnavailable) return out.fail(clientError('one of min-available or max-unavailable must be specified'));
  if (minAvailable && maxUnavailable) return out.fail(clientError('min-available and max-unavailable cannot be both specified'));
  if (minAvailable && !/^[0-9]+%?$/.test(minAvailable)) return out.fail(clientError('invalid format specified for min-available'));
  if (maxUnavailable && !/^[0-9]+%?$/.test(maxUnavailable)) return out.fail(clientError('invalid format specified for max-unavailable'));
  const sel = parseToLabelSelector(selector);
  if (typeof sel === 'string') return out.fail(clientError(sel));
  const spec: Obj = {};
  if (minAvailable) spec.minAvailable = intOrString(minAvailable);
  spec.selector = sel;
  if (maxUnavailable) spec.maxUnavailable = intOrString(maxUnavailable);
  return finish(
    out,
    ctx,
    p,
    {
      kind: 'PodDisruptionBudget',
      apiVersion: 'policy/v1',
      metadata: meta(name, p, ctx),
      spec,
      status: { disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 },
    },
    'failed to create poddisruptionbudgets: ',
  );
}

// ---- token ----

const UNITS: Record<string, number> = { ns: 1e-9, us: 1e-6, 'µs': 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600 };

/** time.ParseDuration, in seconds (fractions kept), or undefined when Go would refuse it. */
export function parseGoDuration(text: string): number | undefined {
  if (text === '0') return 0;
  const m = /^([-+]?)((?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|ms|s|m|h))+$/.exec(text);
  if (!m) return undefined;
  let total = 0;
  for (const part of text.replace(/^[-+]/, '').matchAll(/(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/g)) total += Number(part[1]) * UNITS[part[2]!]!;
  return m[1] === '-' ? -total : total;
}

function runToken(p: ParsedArgs, ctx: Ctx): Out {
  const out = new Out();
  const name = nameOf(p, 'token', out);
  if (name === undefined) return out;
  const rawDuration = flag(p, 'duration') ?? '0s';
  const duration = parseGoDuration(rawDuration);
  if (duration === undefined) return out.fail(usageError(`invalid argument "${rawDuration}" for "--duration" flag: time: invalid duration ${JSON.stringify(rawDuration)}`, 'create token'));
  // TokenOptions.Validate.
  if (duration < 0) return out.fail(clientError('--duration must be greater than or equal to 0'));
  if (!Number.isInteger(duration)) return out.fail(clientError('--duration cannot be expressed in units less than seconds'));
  const audiences = flagAll(p, 'audience');
  if (audiences.includes('')) return out.fail(clientError('--audience must not be an empty string'));
  const kind = flag(p, 'bound-object-kind') ?? '';
  const boundName = flag(p, 'bound-object-name') ?? '';
  const uid = flag(p, 'bound-object-uid') ?? '';
  if (!kind) {
    if (boundName) return out.fail(clientError('--bound-object-name can only be set if --bound-object-kind is provided'));
    if (uid) return out.fail(clientError('--bound-object-uid can only be set if --bound-object-kind is provided'));
  } else {
    if (!['Node', 'Pod', 'Secret'].includes(kind)) return out.fail(clientError('supported --bound-object-kind values are Node, Pod, Secret'));
    if (!boundName) return out.fail(clientError('--bound-object-name is required if --bound-object-kind is provided'));
  }
  const r = ctx.cluster.createToken(ctx.namespace, name, {
    ...(audiences.length ? { audiences } : {}),
    ...(duration > 0 ? { expirationSeconds: duration } : {}),
    ...(kind ? { boundObjectRef: { kind, apiVersion: 'v1', name: boundName, ...(uid ? { uid } : {}) } } : {}),
  });
  if (!r.ok) return out.fail(clientError(`failed to create token: ${r.error.message}`));
  const output = flag(p, 'output');
  if (output === 'yaml') return out.print(toYaml(r.value));
  if (output === 'json') return out.print(toJson(r.value));
  if (output === 'name') return out.print(`tokenrequest.authentication.k8s.io/${name}\n`);
  // kubectl ends the token with a newline only on a terminal; the lab's terminal is one.
  return out.print(`${r.value.status.token}\n`);
}

// ---- the table ----

const configMap: CreateSubcommand = { flags: [...OUTPUT_FLAGS, ...SOURCE_FLAGS], run: runConfigMap };
const serviceAccount: CreateSubcommand = { flags: OUTPUT_FLAGS, run: runServiceAccount };
const quota: CreateSubcommand = { flags: [...OUTPUT_FLAGS, { name: 'hard', kind: 'string' }, { name: 'scopes', kind: 'string' }], run: runQuota };
const priorityClass: CreateSubcommand = {
  flags: [
    ...OUTPUT_FLAGS,
    { name: 'value', kind: 'string' },
    { name: 'global-default', kind: 'bool' },
    { name: 'description', kind: 'string' },
    { name: 'preemption-policy', kind: 'string' },
  ],
  run: runPriorityClass,
};
const pdb: CreateSubcommand = {
  flags: [...OUTPUT_FLAGS, { name: 'selector', kind: 'string' }, { name: 'min-available', kind: 'string' }, { name: 'max-unavailable', kind: 'string' }],
  run: runPodDisruptionBudget,
};

/** The flags of `create secret <type>`: each type its own. */
function secretFlags(type: string | undefined): FlagSpec[] {
  if (type === 'tls') return [...OUTPUT_FLAGS, { name: 'cert', kind: 'string' }, { name: 'key', kind: 'string' }];
  if (type === 'docker-registry')
    return [
      ...OUTPUT_FLAGS,
      { name: 'docker-username', kind: 'string' },
      { name: 'docker-password', kind: 'string' },
      { name: 'docker-email', kind: 'string' },
      { name: 'docker-server', kind: 'string' },
      { name: 'from-file', kind: 'array' },
    ];
  if (type === 'generic') return [...OUTPUT_FLAGS, ...SOURCE_FLAGS, { name: 'type', kind: 'string' }];
  return [];
}

/** `kubectl create <name>` for the configuration kinds, by name and alias. */
export const CONFIG_CREATE_SUBCOMMANDS: Readonly<Record<string, CreateSubcommand>> = {
  configmap: configMap,
  cm: configMap,
  serviceaccount: serviceAccount,
  sa: serviceAccount,
  quota,
  resourcequota: quota,
  priorityclass: priorityClass,
  pc: priorityClass,
  poddisruptionbudget: pdb,
  pdb,
  secret: { flags: [], run: runSecret },
  token: {
    flags: [
      { name: 'output', short: 'o', kind: 'string' },
      { name: 'audience', kind: 'stringArray' },
      { name: 'duration', kind: 'string' },
      { name: 'bound-object-kind', kind: 'string' },
      { name: 'bound-object-name', kind: 'string' },
      { name: 'bound-object-uid', kind: 'string' },
    ],
    run: runToken,
  },
};

/** The command path cobra names in a usage error (`create secret generic`, `create configmap` for `cm`). */
export function configCreateCommand(sub: string, next: string | undefined): string | undefined {
  const names: Record<string, string> = { cm: 'configmap', sa: 'serviceaccount', resourcequota: 'quota', pc: 'priorityclass', pdb: 'poddisruptionbudget' };
  if (sub === 'secret') return ['generic', 'tls', 'docker-registry'].includes(next ?? '') ? `secret ${next}` : 'secret';
  return CONFIG_CREATE_SUBCOMMANDS[sub] ? (names[sub] ?? sub) : undefined;
}

/** The flag set of a configuration subcommand (`secret` by its type), or undefined for the others. */
export function configCreateFlags(sub: string, next: string | undefined): FlagSpec[] | undefined {
  if (sub === 'secret') return secretFlags(next);
  return CONFIG_CREATE_SUBCOMMANDS[sub]?.flags;
}
