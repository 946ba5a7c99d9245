/**
 * `kubectl edit TYPE NAME`: the object as YAML in the editor, under kubectl's header; when the
 * editor closes, the edited object replaces the live one (finishKubectlEdit). The texts are
 * kubectl 1.32's (staging/src/k8s.io/kubectl/pkg/cmd/util/editor/editoptions.go). A file that
 * does not parse reopens the editor with kubectl's reason at the top (`# The edited file had a
 * syntax error: ...`, go-yaml's wording through the resource builder's "error parsing
 * edited-file: ..."); closing that reopened editor unchanged cancels the edit. Where kubectl
 * reopens the editor on an object the API server refuses, the lab reports the error and keeps
 * the copy, as kubectl does when that reopened editor is closed unchanged.
 */
import { parse } from 'yaml';
import { qualifiedName, type KubeObject } from '../../api/index.js';
import { resolveResourceType } from '../../cluster/index.js';
import { StatusError, type ClusterApi } from '../../cluster/index.js';
import type { CommandResult } from '../../shell/index.js';
import { flag, type FlagSpec, type ParsedArgs } from '../args.js';
import { Out, type Ctx } from '../context.js';
import { clientError, formatError, serverError } from '../errors.js';
import { decode } from '../manifests.js';
import { objectName, toJson, toYaml } from '../printers/output.js';
import { resolveTargets } from '../resolve.js';

export const EDIT_FLAGS: FlagSpec[] = [
  { name: 'output', short: 'o', kind: 'string' },
  { name: 'filename', short: 'f', kind: 'array' },
  { name: 'save-config', kind: 'bool' },
  { name: 'validate', kind: 'string' },
  { name: 'windows-line-endings', kind: 'bool' },
  { name: 'output-patch', kind: 'bool' },
];

export const EDIT_HEADER = `# Please edit the object below. Lines beginning with a '#' will be ignored,
# and an empty file will abort the edit. If an error occurs while saving this file will be
# reopened with the relevant failures.
#
`;

export function runEdit(p: ParsedArgs, ctx: Ctx): Out {
  const out = new Out();
  if (p.positional.length === 0) return out.fail(clientError('You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   \'-f rsrc.yaml\'\n   \'--filename=rsrc.json\'\n   \'<resource> <name>\'\n   \'<resource>\''));
  const targets = resolveTargets(p.positional);
  if (!targets.ok) return out.fail(targets.error);
  const t = targets.value[0]!;
  const name = t.names[0];
  if (!name) return out.fail(clientError('this lab edits one object at a time: kubectl edit TYPE NAME'));
  const ns = t.type.namespaced ? ctx.namespace : undefined;
  const obj = ctx.cluster.get(t.type, ns, name);
  if (!obj) return out.fail(serverError(StatusError.notFound(qualifiedName(t.type, 'resource'), name)));
  const json = flag(p, 'output') === 'json';
  const body = json ? toJson(obj) : toYaml(obj);
  // kubectl names the temp file with random digits; the clock's digits do as well here.
  const path = `/tmp/kubectl-edit-${String(ctx.now).slice(-10)}.${json ? 'json' : 'yaml'}`;
  out.effects.push({ type: 'open-editor', editor: 'vim', path, content: EDIT_HEADER + body, purpose: 'kubectl-edit' });
  return out;
}

/** cmdutil.ManualStrip: the file without its comment lines (`#!` kept). */
export function stripComments(text: string): string {
  return text
    .split('\n')
    .filter((l) => !(l.trimStart().startsWith('#') && !l.trimStart().startsWith('#!')))
    .join('\n');
}

/** editoptions.go's hashOnLineBreak: a reason spanning lines stays a comment. */
function hashOnLineBreak(s: string): string {
  return s.replace(/\n(?!#)/g, '\n# ');
}

/** The file kubectl reopens after a failed save: its header, the reason, then the learner's text. */
export function reopenedEditFile(reason: string, edited: string): string {
  return `${EDIT_HEADER}# ${hashOnLineBreak(reason)}\n#\n${stripComments(edited)}`;
}

/**
 * The editor closed on a `kubectl edit` file: apply it, say why not, or (a syntax error) ask
 * for the editor again with the reason at the top. `retryOf` is the text of the edit that had
 * the error, when this is the reopened editor.
 */
export function finishKubectlEdit(path: string, original: string, edited: string, cluster: ClusterApi, retryOf?: string): CommandResult & { reopen?: string } {
  const out = new Out();
  const body = stripComments(edited);
  // Reopened after an error and closed without a change: kubectl gives up, keeping the copy.
  if (retryOf !== undefined && body === stripComments(retryOf)) {
    out.warn(`A copy of your changes has been stored to "${path}"\n`);
    return out.fail(clientError('Edit cancelled, no valid changes were saved.')).result();
  }
  if (body === stripComments(original)) return out.warn('Edit cancelled, no changes made.\n').result();
  if (body.trim() === '') return out.warn('Edit cancelled, saved file was empty.\n').result();
  const docs = decode(edited, 'edited-file');
  const bad = docs.find((d) => d.error);
  if (bad?.error) return { ...out.result(), reopen: reopenedEditFile(`The edited file had a syntax error: ${formatError(bad.error).replace(/^error: /, '').trimEnd()}`, edited) };
  let obj: Record<string, unknown>;
  try {
    obj = parse(body, { maxAliasCount: 100 }) as Record<string, unknown>;
  } catch (e) {
    return { ...out.result(), reopen: reopenedEditFile(`The edited file had a syntax error: error parsing edited-file: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`, edited) };
  }
  const before = parse(stripComments(original)) as KubeObject;
  if (!obj || typeof obj !== 'object' || obj.kind !== before.kind || (obj.metadata as { name?: string } | undefined)?.name !== before.metadata.name) {
    out.fail(clientError('At least one of apiVersion, kind and name was changed'));
    out.warn(`A copy of your changes has been stored to "${path}"\n`);
    return out.fail(clientError('Edit cancelled, no valid changes were saved.')).result();
  }
  const r = cluster.update(obj, { namespace: before.metadata.namespace ?? 'default' });
  if (!r.ok) {
    const type = resolveResourceType(before.kind);
    out.warn(formatError(serverError(r.error)).replace(/^The .*? is invalid: [\s\S]*$/, `error: ${type ? qualifiedName(type, 'resource') : before.kind} "${before.metadata.name}" is invalid\n`));
    out.exitCode = 1;
    out.warn(`A copy of your changes has been stored to "${path}"\n`);
    return out.fail(clientError('Edit cancelled, no valid changes were saved.')).result();
  }
  if (r.value.metadata.resourceVersion === before.metadata.resourceVersion) return out.warn('Edit cancelled, no changes made.\n').result();
  return out.print(`${objectName(r.value)} edited\n`).result();
}
