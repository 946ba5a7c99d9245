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

type YamlErr = { code: string; message: string; pos?: [number, number]; linePos?: [{ line: number; col: number }, ...{ line: number; col: number }[]] };

/**
 * go-yaml v2's message for the errors learners make. Its `line N` comes from the problem mark:
 * a scanner error prints the 1-based line, a parser error the 0-based one (so the line before),
 * and either leaves the line out when the mark is on the first line (yaml.v2 yaml.go, fail()).
 */
function yamlMessage(first: YamlErr, all: readonly YamlErr[], text: string): string {
  const line = first.linePos?.[0]?.line ?? 1;
  const scanner = (l: number, msg: string) => `yaml: ${l > 1 ? `line ${l}: ` : ''}${msg}`;
  const parser = (l: number, msg: string) => `yaml: ${l - 1 > 0 ? `line ${l - 1}: ` : ''}${msg}`;
  const lineAt = (offset: number) => text.slice(0, offset).split('\n').length;
  const m = first.message;
  if (first.code === 'TAB_AS_INDENT') return scanner(line, tabMessage(text, line));
  if (/^Flow map/.test(m)) return parser(line, "did not find expected ',' or '}'");
  if (/^Flow sequence/.test(m)) return parser(line, "did not find expected ',' or ']'");
  if (/^Missing closing .?quote/.test(m)) return scanner(text.split('\n').length, 'found unexpected end of stream');
  if (all.some((e) => /^Unexpected block-seq-ind/.test(e.message))) return parser(line, 'did not find expected key');
  if (first.code === 'BLOCK_AS_IMPLICIT_KEY' && /^Nested mappings/.test(m) || first.code === 'MULTILINE_IMPLICIT_KEY') {
    // The scanner stops at the `:` that follows the plain scalar.
    const from = first.pos?.[0] ?? 0;
    const colon = text.slice(from).search(/:(\s|$)/);
    return scanner(colon < 0 ? line : lineAt(from + colon), 'mapping values are not allowed in this context');
  }
  if (first.code === 'UNEXPECTED_TOKEN' && /at node end/.test(m)) {
    // In a block sequence the parser wanted another `- ` item.
    const lines = text.split('\n');
    const indent = (lines[line - 1] ?? '').search(/\S/);
    for (let i = line - 2; i >= 0; i--) {
      const l = lines[i]!;
      if (l.trim() === '' || l.search(/\S/) > indent) continue;
      if (l.search(/\S/) === indent && /^\s*- /.test(l)) return parser(line, "did not find expected '-' indicator");
      break;
    }
    return parser(line, 'did not find expected key');
  }
  if (first.code === 'BAD_INDENT' || first.code === 'MISSING_CHAR' || first.code === 'UNEXPECTED_TOKEN' || first.code === 'BLOCK_AS_IMPLICIT_KEY') {
    return parser(line, 'did not find expected key');
  }
  return scanner(line, m.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, ''));
}

/**
 * go-yaml's two words for a tab in the indentation (checked with kubectl 1.32 create -f): a tab
 * that would continue the plain scalar ending the line before (`name: x` then a tab-indented
 * line), left of that scalar's indentation, "violates indentation" (scanner.c,
 * yaml_parser_scan_plain_scalar); anywhere else it "cannot start any token".
 */
function tabMessage(text: string, line: number): string {
  const lines = text.split('\n');
  const here = lines[line - 1] ?? '';
  const tabCol = here.search(/\t/);
  let prev = line - 2;
  while (prev >= 0 && /^\s*(#.*)?$/.test(lines[prev]!)) prev--;
  const before = (lines[prev] ?? '').replace(/\s+#.*$/, '');
  const plain = /^(\s*)(?:-\s+)*(?:[^\s#'"{\[][^:]*:\s+)?([^\s|>&*!'"{\[#:-][^#]*)$/.exec(before);
  if (plain && !/:\s*$/.test(before) && tabCol >= 0 && tabCol <= plain[1]!.length) return 'found a tab character that violates indentation';
  return 'found character that cannot start any token';
}

const validationError = (source: string, problems: string[]) =>
  clientError(
    `error validating "${source}": error validating data: ${problems.length === 1 ? problems[0] : `[${problems.join(', ')}]`}; if you choose to ignore these errors, turn validation off with --validate=false`,
  );

/** kubectl's YAMLReader: documents split at `---` lines, each decoded (and its lines counted) alone. */
function splitDocuments(text: string): string[] {
  const chunks: string[] = [];
  let cur: string[] = [];
  for (const line of text.split('\n')) {
    if (/^---\s*(#.*)?$/.test(line)) {
      chunks.push(cur.join('\n'));
      cur = [];
    } else cur.push(line);
  }
  chunks.push(cur.join('\n'));
  return chunks;
}

/** One stream's documents decoded as kubectl's StreamVisitor does, without schema validation (`kubectl edit`'s edited file). */
export function decode(text: string, source: string): Manifest[] {
  return decodeDocuments(text, source, false);
}

function decodeDocuments(text: string, source: string, validate: boolean): Manifest[] {
  const out: Manifest[] = [];
  for (const chunk of splitDocuments(text)) {
    // go-yaml v2 as sigs.k8s.io/yaml uses it lets a repeated key win over the earlier one.
    const docs = parseAllDocuments(chunk, { uniqueKeys: false });
    const doc = (Array.isArray(docs) ? docs : [])[0];
    if (!doc) continue;
    const e = doc.errors[0];
    if (e) {
      out.push({ source, error: clientError(`error parsing ${source}: error converting YAML to JSON: ${yamlMessage(e as YamlErr, doc.errors as YamlErr[], chunk)}`) });
      return out;
    }
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: 100 });
    } catch (x) {
      const msg = (x as Error).message;
      const alias = msg.match(/^Unresolved alias.*: (.*)$/);
      out.push({ source, error: clientError(`error parsing ${source}: error converting YAML to JSON: yaml: ${alias ? `unknown anchor '${alias[1]}' referenced` : msg}`) });
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
    // The resource builder flattens a List (`kubectl get ... -o yaml` of several objects).
    if (typeof obj.kind === 'string' && obj.kind.endsWith('List') && Array.isArray(obj.items)) {
      for (const item of obj.items as unknown[]) {
        if (item && typeof item === 'object' && !Array.isArray(item)) out.push({ source, object: item as Record<string, unknown> });
      }
      continue;
    }
    out.push({ source, object: obj });
  }
  return out;
}

const jsonTypeName = (v: unknown) => (typeof v === 'string' ? 'string' : typeof v === 'number' ? 'number' : typeof v === 'boolean' ? 'bool' : 'object');
