/**
 * Reading `-f FILE|DIR|-` as kubectl's resource builder does: a directory's .yaml/.yml/.json
 * files in name order, each file split into documents, each document decoded on its own so a
 * bad one is reported with its file while the others go through.
 */
import { parseAllDocuments } from 'yaml';
import type { FileAccess } from '../shell/index.js';
import { clientError, type KubectlError } from './errors.js';

export interface Manifest {
  /** The source as kubectl names it in messages (the path as typed, or STDIN). */
  source: string;
  object?: Record<string, unknown>;
  error?: KubectlError;
}

const MAX_BYTES = 1024 * 1024;

/**
 * `validate` is kubectl's client-side schema check (on unless --validate=false|ignore): it
 * catches a document that is not an object, or lacks apiVersion or kind, before anything is
 * decoded; without it the decoder's own `unable to decode` errors show.
 */
export function readManifests(
  paths: readonly string[],
  fs: FileAccess,
  stdin: string,
  verb = 'create',
  validate = true,
): { manifests: Manifest[]; error?: KubectlError } {
  const decode = (text: string, source: string) => decodeDocuments(text, source, validate);
  const manifests: Manifest[] = [];
  for (const p of paths) {
    if (p === '-') {
      manifests.push(...decode(stdin, 'STDIN'));
      continue;
    }
    if (fs.isDirectory(p)) {
      const dir = fs.readDir(p);
      if (!dir.ok) return { manifests, error: clientError(`the path "${p}" does not exist`) };
      for (const name of dir.value.filter((n) => /\.(ya?ml|json)$/.test(n))) {
        const file = `${p.replace(/\/$/, '')}/${name}`;
        const r = fs.readFile(file);
        if (r.ok) manifests.push(...decode(r.value, file));
      }
      continue;
    }
    const r = fs.readFile(p);
    if (!r.ok) return { manifests, error: clientError(`the path "${p}" does not exist`) };
    if (r.value.length > MAX_BYTES) return { manifests, error: clientError(`${p}: file is larger than ${MAX_BYTES} bytes`) };
    manifests.push(...decode(r.value, p));
  }
  if (manifests.length === 0) {
    return { manifests, error: verb === 'delete' ? undefined : clientError(`no objects passed to ${verb}`) };
  }
  return { manifests };
}

/** go-yaml's message for the errors learners make, with the line as kubectl reports it. */
function yamlMessage(e: { code: string; message: string; linePos?: [{ line: number; col: number }, ...unknown[]] }): string {
  const line = e.linePos?.[0]?.line ?? 1;
  switch (e.code) {
    case 'TAB_AS_INDENT':
      return `yaml: line ${line}: found character that cannot start any token`;
    case 'BAD_INDENT':
      // go-yaml reports the line where the enclosing block's last entry ended.
      return `yaml: line ${Math.max(1, line - 1)}: did not find expected key`;
    case 'MISSING_CHAR':
      return `yaml: line ${line}: did not find expected key`;
    case 'MULTILINE_IMPLICIT_KEY':
    case 'BLOCK_AS_IMPLICIT_KEY':
      return `yaml: line ${line}: mapping values are not allowed in this context`;
    case 'DUPLICATE_KEY':
      return `yaml: unmarshal errors:\n  line ${line}: key ${JSON.stringify(e.message.match(/"([^"]*)"/)?.[1] ?? '')} already set in map`;
    default:
      return `yaml: line ${line}: ${e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}`;
  }
}

const validationError = (source: string, problems: string[]) =>
  clientError(
    `error validating "${source}": error validating data: ${problems.length === 1 ? problems[0] : `[${problems.join(', ')}]`}; if you choose to ignore these errors, turn validation off with --validate=false`,
  );

function decodeDocuments(text: string, source: string, validate: boolean): Manifest[] {
  const docs = parseAllDocuments(text, { uniqueKeys: true });
  const list = Array.isArray(docs) ? docs : [];
  const out: Manifest[] = [];
  for (const doc of list) {
    const e = doc.errors[0];
    if (e) {
      out.push({ source, error: clientError(`error parsing ${source}: error converting YAML to JSON: ${yamlMessage(e as never)}`) });
      return out;
    }
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: 100 });
    } catch (x) {
      out.push({ source, error: clientError(`error parsing ${source}: error converting YAML to JSON: yaml: ${(x as Error).message}`) });
      return out;
    }
    if (value === null || value === undefined) continue;
    if (typeof value !== 'object' || Array.isArray(value)) {
      out.push({
        source,
        error: validate
          ? validationError(source, ['invalid object to validate'])
          : clientError(`unable to decode "${source}": json: cannot unmarshal ${Array.isArray(value) ? 'array' : jsonTypeName(value)} into Go value of type unstructured.detector`),
      });
      continue;
    }
    const obj = value as Record<string, unknown>;
    if (validate) {
      // kubectl's schema validation looks at apiVersion and kind first (pkg/validation).
      const problems: string[] = [];
      if (obj.apiVersion === undefined || obj.apiVersion === null) problems.push('apiVersion not set');
      else if (typeof obj.apiVersion !== 'string') problems.push("apiVersion isn't string type");
      if (obj.kind === undefined || obj.kind === null) problems.push('kind not set');
      else if (typeof obj.kind !== 'string') problems.push("kind isn't string type");
      if (problems.length) {
        out.push({ source, error: validationError(source, problems) });
        continue;
      }
    }
    if (obj.kind === undefined || obj.kind === '') {
      out.push({ source, error: clientError(`unable to decode "${source}": Object 'Kind' is missing in '${JSON.stringify(obj)}'`) });
      continue;
    }
    if (obj.apiVersion === undefined) {
      out.push({ source, error: clientError(`unable to decode "${source}": Object 'apiVersion' is missing in '${JSON.stringify(obj)}'`) });
      continue;
    }
    out.push({ source, object: obj });
  }
  return out;
}

const jsonTypeName = (v: unknown) => (typeof v === 'string' ? 'string' : typeof v === 'number' ? 'number' : typeof v === 'boolean' ? 'bool' : 'object');
