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

export function readManifests(paths: readonly string[], fs: FileAccess, stdin: string): { manifests: Manifest[]; error?: KubectlError } {
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
  if (manifests.length === 0) return { manifests, error: clientError('no objects passed to create') };
  return { manifests };
}

/** go-yaml's message for the errors learners make, with the line as kubectl reports it. */
function yamlMessage(e: { code: string; message: string; linePos?: [{ line: number; col: number }, ...unknown[]] }, text: string): string {
  const line = e.linePos?.[0]?.line ?? 1;
  switch (e.code) {
    case 'TAB_AS_INDENT':
      return `yaml: line ${line}: ${tabMessage(text, line)}`;
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

/** One stream's documents decoded as kubectl's StreamVisitor does (`-f`, and `kubectl edit`'s edited file). */
export function decode(text: string, source: string): Manifest[] {
  const docs = parseAllDocuments(text, { uniqueKeys: true });
  const list = Array.isArray(docs) ? docs : [];
  const out: Manifest[] = [];
  for (const doc of list) {
    const e = doc.errors[0];
    if (e) {
      out.push({ source, error: clientError(`error parsing ${source}: error converting YAML to JSON: ${yamlMessage(e as never, text)}`) });
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
      out.push({ source, error: clientError(`error validating "${source}": error validating data: invalid object to validate`) });
      continue;
    }
    const obj = value as Record<string, unknown>;
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
