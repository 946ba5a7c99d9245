/**
 * kubectl's errors stay typed until `toResult` turns them into what checkErr prints
 * (staging/src/k8s.io/kubectl/pkg/cmd/util/helpers.go): `error: ...` for client errors, the
 * usage hint for flag errors, `Error from server (Reason): ...` for API errors and the
 * `The Kind "name" is invalid: ...` form for validation failures. Exit status 1 throughout.
 */
import type { StatusError } from '../cluster/index.js';

export type KubectlError =
  | { type: 'client'; message: string }
  /** Printed as is: messages kubectl writes without checkErr's `error: ` prefix. */
  | { type: 'raw'; message: string }
  | { type: 'usage'; message: string; verb: string }
  | { type: 'server'; status: StatusError; source?: { verb: 'creating' | 'applying' | 'replacing' | 'deleting' | 'retrieving current configuration of'; file: string } };

export const clientError = (message: string): KubectlError => ({ type: 'client', message });
export const rawError = (message: string): KubectlError => ({ type: 'raw', message });
export const usageError = (message: string, verb: string): KubectlError => ({ type: 'usage', message, verb });
export const serverError = (status: StatusError, source?: Extract<KubectlError, { type: 'server' }>['source']): KubectlError => ({
  type: 'server',
  status,
  ...(source ? { source } : {}),
});

/** The text checkErr prints for an error (always ends with a newline). */
export function formatError(e: KubectlError): string {
  switch (e.type) {
    case 'client':
      return `error: ${e.message}\n`;
    case 'raw':
      return `${e.message}\n`;
    case 'usage':
      // Upstream kubectl prints flag errors with checkErr's lower-case prefix (the Cloud SDK
      // wrapper's `Error:` is not kubectl's).
      return `error: ${e.message}\nSee '${e.verb ? `kubectl ${e.verb}` : 'kubectl'} --help' for usage.\n`;
    case 'server': {
      const s = e.status;
      if (s.reason === 'Invalid' && s.details) {
        const head = `The ${s.details.kind} "${s.details.name}" is invalid`;
        const causes = s.details.causes ?? [];
        if (causes.length === 0) return `${head}\n`;
        if (causes.length === 1) return `${head}: ${causes[0]!.message}\n`;
        return `${head}: \n${causes.map((c) => `* ${c.message}`).join('\n')}\n`;
      }
      const msg = e.source ? `error when ${e.source.verb} "${e.source.file}": ${s.message}` : s.message;
      if (s.reason === 'NotFound' && s.message === 'the server could not find the requested resource') {
        return `Error from server (NotFound): ${msg}\n`;
      }
      return `Error from server (${s.reason}): ${msg}\n`;
    }
  }
}
