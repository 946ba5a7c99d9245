import { parseAllDocuments, type Document } from 'yaml';
import { err, ok, type Result } from './result.js';

/** Bounds for any YAML that comes from a learner or an author: size, alias expansion and nesting. */
export interface YamlLimits {
  maxBytes: number;
  maxAliasCount: number;
  maxDocuments: number;
}

export const DEFAULT_YAML_LIMITS: YamlLimits = { maxBytes: 1024 * 1024, maxAliasCount: 100, maxDocuments: 500 };

export interface YamlProblem {
  message: string;
  /** 1-based line, when the parser knows it. */
  line?: number;
  column?: number;
}

/** Parses a multi-document YAML stream into Documents (with source positions), within limits. */
export function parseYamlDocuments(
  text: string,
  limits: YamlLimits = DEFAULT_YAML_LIMITS,
): Result<Document.Parsed[], YamlProblem> {
  if (Buffer.byteLength(text, 'utf8') > limits.maxBytes) {
    return err({ message: `input is larger than ${limits.maxBytes} bytes` });
  }
  const docs = parseAllDocuments(text, { uniqueKeys: true, prettyErrors: false });
  const list = Array.isArray(docs) ? docs : [];
  if (list.length > limits.maxDocuments) {
    return err({ message: `more than ${limits.maxDocuments} documents` });
  }
  for (const doc of list) {
    const e = doc.errors[0];
    if (e) {
      const pos = e.linePos?.[0];
      return err({ message: e.message, line: pos?.line, column: pos?.col });
    }
  }
  return ok(list);
}

/** Converts a parsed document to plain JS, refusing alias bombs. */
export function documentToJS(doc: Document.Parsed, limits: YamlLimits = DEFAULT_YAML_LIMITS): Result<unknown, YamlProblem> {
  try {
    return ok(doc.toJS({ maxAliasCount: limits.maxAliasCount }));
  } catch (e) {
    return err({ message: e instanceof Error ? e.message : String(e) });
  }
}
