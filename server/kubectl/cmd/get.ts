/** `kubectl get`: tables with the server's columns, -o yaml|json|name|wide|jsonpath|custom-columns. */
import { formatLabels, qualifiedName, requirementsMatch, type KubeObject, type Requirement } from '../../api/index.js';
import { StatusError } from '../../cluster/index.js';
import { boolFlag, flag, flagAll, type FlagSpec, type ParsedArgs } from '../args.js';
import { Out, type Ctx } from '../context.js';
import { clientError, serverError } from '../errors.js';
import { columnsFor } from '../printers/columns/index.js';
import { asList, objectName, toJson, toYaml } from '../printers/output.js';
import { TABLE_TABS, tabwrite, tabwriteRows } from '../printers/tabwriter.js';
import { renderJsonPath } from '../printers/jsonpath.js';
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
  let reqs: Requirement[] = [];
  const sel = flag(p, 'selector');
  if (sel !== undefined) {
    const r = parseSelector(sel);
    if (!r.ok) return out.fail(clientError(r.message));
    reqs = r.value;
  }
  if (p.positional.length === 0) {
    return out.fail(
      clientError(
        'You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\nerror: Required resource not specified.\nUse "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).\nSee \'kubectl get -h\' for help and examples',
      ),
    );
  }
  const targets = resolveTargets(p.positional);
  if (!targets.ok) return out.fail(targets.error);
  const ns = all ? undefined : ctx.namespace;
  const found: KubeObject[][] = [];
  const errors: string[] = [];
  for (const t of targets.value) {
    // A resource whose storage cannot be read (bindings, the *reviews): the API server's 405.
    const verb = t.names.length > 0 ? 'get' : 'list';
    if (!(t.type.verbs as readonly string[]).includes(verb)) return out.fail(serverError(StatusError.methodNotAllowed('the server does not allow this method on the requested resource')));
    if (t.names.length > 0) {
      const objs: KubeObject[] = [];
      for (const name of t.names) {
        const o = ctx.cluster.get(t.type, t.type.namespaced ? ctx.namespace : undefined, name);
        if (o) objs.push(o);
        else errors.push(`Error from server (NotFound): ${StatusError.notFound(qualifiedName(t.type, 'resource'), name).message}\n`);
      }
      found.push(objs);
    } else {
      found.push(ctx.cluster.list(t.type, t.type.namespaced ? ns : undefined).filter((o) => requirementsMatch(reqs, o.metadata.labels)));
    }
  }
  const objects = found.flat();
  const named = targets.value.some((t) => t.names.length > 0);
  if (format === 'yaml' || format === 'json') {
    const value = objects.length === 1 && named && targets.value.length === 1 && targets.value[0]!.names.length === 1 ? objects[0] : asList(objects);
    if (objects.length > 0 || !named) out.print(format === 'yaml' ? toYaml(value) : toJson(value));
  } else if (format === 'name') {
    for (const o of objects) out.print(`${objectName(o)}\n`);
  } else if (format === 'jsonpath') {
    const expr = output.slice('jsonpath='.length);
    const value = objects.length === 1 && named ? objects[0] : asList(objects);
    const r = renderJsonPath(expr, value);
    if (!r.ok) return out.fail(clientError(r.message));
    out.print(r.value);
  } else if (format === 'custom-columns') {
    const spec = output.slice('custom-columns='.length);
    const cols = spec.split(',').map((c) => {
      const i = c.indexOf(':');
      return { name: c.slice(0, i), path: c.slice(i + 1) };
    });
    if (cols.some((c) => !c.name || !c.path)) return out.fail(clientError(`custom-columns format specified but no custom columns given`));
    const lines = boolFlag(p, 'no-headers') ? [] : [cols.map((c) => c.name).join('\t')];
    for (const o of objects) {
      lines.push(
        cols
          .map((c) => {
            const r = renderJsonPath(`{${c.path.startsWith('.') ? c.path : `.${c.path}`}}`, o);
            return r.ok && r.value !== '' ? r.value : '<none>';
          })
          .join('\t'),
      );
    }
    if (objects.length) out.print(`${tabwrite(lines.join('\n'), TABLE_TABS)}\n`);
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
