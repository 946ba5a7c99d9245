/**
 * `kubectl get`: tables with the server's columns, -o yaml|json|name|wide|jsonpath|
 * jsonpath-as-json|go-template|custom-columns (and their -file forms), --field-selector.
 * `-w` prints the current state and returns: the lab's terminal does not stream yet.
 */
import { formatLabels, qualifiedName, requirementsMatch, type KubeObject, type Requirement } from '../../api/index.js';
import { kindFor, type KindStrategy } from '../../cluster/index.js';
import { readManifests } from '../manifests.js';
import { StatusError } from '../../cluster/index.js';
import { boolFlag, flag, flagAll, type FlagSpec, type ParsedArgs } from '../args.js';
import { Out, type Ctx } from '../context.js';
import { clientError, rawError, serverError } from '../errors.js';
import { columnsFor } from '../printers/columns/index.js';
import { asList, objectName, toJson, toYaml } from '../printers/output.js';
import { TABLE_TABS, tabwriteRows } from '../printers/tabwriter.js';
import { evalJsonPath, renderJsonPath } from '../printers/jsonpath.js';
import { printGoTemplate } from '../printers/go-template.js';
import { goSprint } from '../printers/go-format.js';
import { fieldSelectorMatches, parseFieldSelector, type FieldRequirement } from '../field-selector.js';
import { resolveTargets } from '../resolve.js';
import { parseSelector } from '../selector.js';

export const GET_FLAGS: FlagSpec[] = [
  { name: 'all-namespaces', short: 'A', kind: 'bool' },
  { name: 'output', short: 'o', kind: 'string' },
  { name: 'selector', short: 'l', kind: 'string' },
  { name: 'show-labels', kind: 'bool' },
  { name: 'label-columns', short: 'L', kind: 'array' },
  { name: 'no-headers', kind: 'bool' },
  { name: 'filename', short: 'f', kind: 'array' },
  { name: 'watch', short: 'w', kind: 'bool' },
  { name: 'sort-by', kind: 'string' },
  { name: 'field-selector', kind: 'string' },
  { name: 'show-kind', kind: 'bool' },
  { name: 'template', kind: 'string' },
];

const OUTPUTS = ['json', 'yaml', 'name', 'wide', 'go-template', 'go-template-file', 'template', 'templatefile', 'jsonpath', 'jsonpath-as-json', 'jsonpath-file', 'custom-columns', 'custom-columns-file'];

export function runGet(p: ParsedArgs, ctx: Ctx): Out {
  const out = new Out();
  const all = boolFlag(p, 'all-namespaces');
  const output = flag(p, 'output') ?? '';
  const format = output.split('=')[0]!;
  if (output && !OUTPUTS.includes(format)) {
    return out.fail(clientError(`unable to match a printer suitable for the output format "${output}", allowed formats are: ${OUTPUTS.join(',')}`));
  }
  const template = templateOf(output, format, ctx, flag(p, 'template'));
  if (template && !template.ok) return out.fail(clientError(template.message));
  const fieldSel = flag(p, 'field-selector');
  const parsedFields = parseFieldSelector(fieldSel ?? '');
  const fieldReqs: FieldRequirement[] = parsedFields.ok ? parsedFields.value : [];
  let reqs: Requirement[] = [];
  const sel = flag(p, 'selector');
  if (sel !== undefined) {
    const r = parseSelector(sel);
    if (!r.ok) return out.fail(clientError(r.message));
    reqs = r.value;
  }
  // -f: the objects a file names, each looked up in its own namespace.
  const files = flagAll(p, 'filename');
  const fileNamespace = new Map<string, string>();
  let targets: ReturnType<typeof resolveTargets>;
  if (files.length > 0) {
    if (p.positional.length > 0) return out.fail(clientError('when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well'));
    const read = readManifests(files, ctx.io.fs, ctx.io.stdin, 'get');
    const list: { type: KindStrategy; names: string[] }[] = [];
    for (const m of read.manifests) {
      if (m.error) return out.fail(m.error);
      const o = m.object as Record<string, any>;
      const type = typeof o.apiVersion === 'string' ? kindFor(o.apiVersion, String(o.kind)) : undefined;
      if (!type) {
        return out.fail(clientError(`resource mapping not found for name: "${o.metadata?.name ?? ''}" namespace: "${o.metadata?.namespace ?? ''}" from "${m.source}": no matches for kind "${o.kind}" in version "${o.apiVersion}"\nensure CRDs are installed first`));
      }
      const name = String(o.metadata?.name ?? '');
      if (type.namespaced) fileNamespace.set(`${type.kind}/${name}`, typeof o.metadata?.namespace === 'string' ? o.metadata.namespace : ctx.namespace);
      const t = list.find((x) => x.type === type);
      if (t) t.names.push(name);
      else list.push({ type, names: [name] });
    }
    if (read.error) return out.fail(read.error);
    targets = { ok: true, value: list };
  } else {
    if (p.positional.length === 0) {
      return out.fail(
        rawError(
          'You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\nerror: Required resource not specified.\nUse "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).\nSee \'kubectl get -h\' for help and examples',
        ),
      );
    }
    targets = resolveTargets(p.positional);
  }
  if (!targets.ok) return out.fail(targets.error);
  const ns = all ? undefined : ctx.namespace;
  const found: KubeObject[][] = [];
  const errors: string[] = [];
  for (const t of targets.value) {
    // A resource whose storage cannot be read (bindings, the *reviews): the API server's 405.
    const verb = t.names.length > 0 ? 'get' : 'list';
    if (!(t.type.verbs as readonly string[]).includes(verb)) return out.fail(serverError(StatusError.methodNotAllowed('the server does not allow this method on the requested resource')));
    if (fieldSel) {
      // The API server parses and checks the field selector; kubectl's resource builder words the error.
      const bad = parsedFields.ok ? fieldSelectorMatches(t.type, fieldReqs, {}) : parsedFields;
      if (!bad.ok) {
        const gvr = `${t.type.group ? `${t.type.group}/` : '/'}${t.type.version}, Resource=${t.type.resource}`;
        return out.fail(serverError(StatusError.badRequest(`Unable to find "${gvr}" that match label selector "${sel ?? ''}", field selector "${fieldSel}": ${bad.message}`)));
      }
    }
    const byFields = (o: KubeObject) => fieldReqs.length === 0 || (fieldSelectorMatches(t.type, fieldReqs, o) as { ok: true; value: boolean }).value;
    if (t.names.length > 0) {
      const objs: KubeObject[] = [];
      for (const name of t.names) {
        const o = ctx.cluster.get(t.type, t.type.namespaced ? (fileNamespace.get(`${t.type.kind}/${name}`) ?? ctx.namespace) : undefined, name);
        if (o && byFields(o)) objs.push(o);
        else errors.push(`Error from server (NotFound): ${StatusError.notFound(qualifiedName(t.type, 'resource'), name).message}\n`);
      }
      found.push(objs);
    } else {
      found.push(ctx.cluster.list(t.type, t.type.namespaced ? ns : undefined).filter((o) => requirementsMatch(reqs, o.metadata.labels) && byFields(o)));
    }
  }
  const objects = found.flat();
  const named = targets.value.some((t) => t.names.length > 0);
  if (format === 'yaml' || format === 'json') {
    const value = objects.length === 1 && named && targets.value.length === 1 && targets.value[0]!.names.length === 1 ? objects[0] : asList(objects);
    if (objects.length > 0 || !named) out.print(format === 'yaml' ? toYaml(value) : toJson(value));
  } else if (format === 'name') {
    for (const o of objects) out.print(`${objectName(o)}\n`);
  } else if (template) {
    const value = objects.length === 1 && named ? objects[0] : asList(objects);
    if (template.kind === 'jsonpath') {
      const r = renderJsonPath(template.text, value, { json: format.startsWith('jsonpath-as-json') });
      if (!r.ok) return out.fail(clientError(r.message));
      out.print(r.value);
    } else {
      const r = printGoTemplate(template.text, value);
      out.print(r.stdout);
      if (r.error) return out.fail(clientError(r.error));
    }
  } else if (format === 'custom-columns') {
    const spec = output.slice('custom-columns='.length);
    const cols = spec.split(',').map((c) => {
      const i = c.indexOf(':');
      return { name: i < 0 ? c : c.slice(0, i), path: i < 0 ? '' : c.slice(i + 1) };
    });
    if (!spec) return out.fail(clientError('custom-columns format specified but no custom columns given'));
    const badCol = cols.find((c) => !c.path);
    if (badCol) return out.fail(clientError(`unexpected custom-columns spec: ${badCol.name}, expected <header>:<json-path-expr>`));
    const lines = boolFlag(p, 'no-headers') ? [] : [cols.map((c) => c.name)];
    for (const o of objects) {
      const row: string[] = [];
      for (const c of cols) {
        // custom-columns prints each value with fmt.Sprint and joins several with commas.
        const path = c.path.replace(/^\{(.*)\}$/s, '$1');
        const r = evalJsonPath(path.startsWith('.') || path.startsWith('$') ? path : `.${path}`, o);
        if (!r.ok) return out.fail(clientError(`error parsing jsonpath ${path}, ${r.message}`));
        row.push(r.value.length === 0 ? '<none>' : r.value.map(goSprint).join(','));
      }
      lines.push(row);
    }
    if (objects.length) out.print(`${tabwriteRows(lines, TABLE_TABS)}\n`);
  } else {
    const multi = targets.value.length > 1 || (p.positional[0] ?? '').split(',')[0] === 'all';
    const blocks: string[] = [];
    targets.value.forEach((t, i) => {
      const objs = found[i]!;
      if (objs.length === 0) return;
      blocks.push(table(objs, t.type.kind, { ctx, wide: format === 'wide', allNs: all && t.type.namespaced, withKind: multi || boolFlag(p, 'show-kind'), p }));
    });
    out.print(blocks.join('\n'));
  }
  out.stderr += errors.join('');
  if (errors.length) out.exitCode = 1;
  if (objects.length === 0 && errors.length === 0 && !['yaml', 'json'].includes(format)) {
    out.warn(all || targets.value.every((t) => !t.type.namespaced) ? 'No resources found\n' : `No resources found in ${ctx.namespace} namespace.\n`);
  }
  return out;
}

function table(objs: KubeObject[], kind: string, o: { ctx: Ctx; wide: boolean; allNs: boolean; withKind: boolean; p: ParsedArgs }): string {
  const cols = columnsFor(kind, o.wide);
  const labelCols = flagAll(o.p, 'label-columns');
  const showLabels = boolFlag(o.p, 'show-labels');
  const header = [...(o.allNs ? ['NAMESPACE'] : []), ...cols.map((c) => c.name), ...labelCols.map((l) => l.toUpperCase()), ...(showLabels ? ['LABELS'] : [])];
  const rows = objs.map((obj) => {
    const cells = cols.map((c) => c.cell(obj, o.ctx.now));
    if (o.withKind) cells[0] = `${objectName(obj).split('/')[0]}/${cells[0]}`;
    const labels = obj.metadata.labels ?? {};
    return [
      ...(o.allNs ? [obj.metadata.namespace ?? ''] : []),
      ...cells,
      ...labelCols.map((l) => labels[l] ?? ''),
      ...(showLabels ? [formatLabels(labels) || '<none>'] : []),
    ];
  });
  return `${tabwriteRows(boolFlag(o.p, 'no-headers') ? rows : [header, ...rows], TABLE_TABS)}\n`;
}

type Template = { ok: true; kind: 'jsonpath' | 'go-template'; text: string } | { ok: false; message: string };

/** The template of -o jsonpath=|jsonpath-as-json=|go-template=|template= and their -file forms. */
function templateOf(output: string, format: string, ctx: Ctx, flagTemplate: string | undefined): Template | undefined {
  const kinds: Record<string, 'jsonpath' | 'go-template'> = {
    jsonpath: 'jsonpath', 'jsonpath-as-json': 'jsonpath', 'jsonpath-file': 'jsonpath',
    'go-template': 'go-template', template: 'go-template', 'go-template-file': 'go-template', templatefile: 'go-template',
  };
  const kind = kinds[format];
  if (!kind) return undefined;
  // `-o go-template=T`, or `-o go-template --template=T` (the flag kubectl's printer flags add).
  const arg = output.includes('=') ? output.slice(output.indexOf('=') + 1) : (flagTemplate ?? '');
  if (!arg) return { ok: false, message: 'template format specified but no template given' };
  if (format.endsWith('file')) {
    const r = ctx.io.fs.readFile(arg);
    if (!r.ok) return { ok: false, message: `error reading --template ${arg}, open ${arg}: ${r.error === 'EISDIR' ? 'is a directory' : 'no such file or directory'}` };
    return { ok: true, kind, text: r.value };
  }
  return { ok: true, kind, text: arg };
}
