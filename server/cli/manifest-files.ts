/** `--cluster FILE ...`: each file's YAML documents, in order, or the first problem in words. */
import { documentToJS, parseYamlDocuments } from '../core/index.js';

export function readManifestFiles(files: readonly string[], readFile: (path: string) => string): { ok: true; value: unknown[] } | { ok: false; error: string } {
  const objects: unknown[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = readFile(file);
    } catch (e) {
      return { ok: false, error: `cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e instanceof Error ? e.message : String(e))}` };
    }
    const docs = parseYamlDocuments(text);
    if (!docs.ok) return { ok: false, error: `error parsing ${file}: ${docs.error.message}` };
    for (const d of docs.value) {
      const js = documentToJS(d);
      if (!js.ok) return { ok: false, error: `error parsing ${file}: ${js.error.message}` };
      if (js.value !== null && js.value !== undefined) objects.push(js.value);
    }
  }
  return { ok: true, value: objects };
}
