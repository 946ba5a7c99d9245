/**
 * The API server's error, shaped as metav1.Status. Made only through the named constructors,
 * whose messages are the API server's exact text (apimachinery pkg/api/errors/errors.go).
 */
export type StatusReason =
  | 'NotFound'
  | 'AlreadyExists'
  | 'Invalid'
  | 'BadRequest'
  | 'Conflict'
  | 'Forbidden'
  | 'MethodNotAllowed'
  | 'InternalError';

export interface StatusCause {
  type?: string;
  message: string;
  field?: string;
}

export class StatusError {
  private constructor(
    readonly code: number,
    readonly reason: StatusReason,
    readonly message: string,
    readonly details?: { name?: string; group?: string; kind?: string; causes?: StatusCause[] },
  ) {}

  /** `pods "x" not found`; `networkpolicies.networking.k8s.io "x" not found`. */
  static notFound(groupResource: string, name: string): StatusError {
    return new StatusError(404, 'NotFound', `${groupResource} "${name}" not found`, { name });
  }

  /** `pods "x" already exists`. */
  static alreadyExists(groupResource: string, name: string): StatusError {
    return new StatusError(409, 'AlreadyExists', `${groupResource} "${name}" already exists`, { name });
  }

  /**
   * `NetworkPolicy.networking.k8s.io "x" is invalid: [a, b]` (several causes) or `...: a` (one),
   * as errors.NewInvalid formats field.ErrorList.
   */
  static invalid(qualifiedKind: string, name: string, causes: StatusCause[]): StatusError {
    const msgs = causes.map((c) => c.message);
    const joined = msgs.length === 1 ? msgs[0]! : `[${msgs.join(', ')}]`;
    return new StatusError(422, 'Invalid', `${qualifiedKind} "${name}" is invalid: ${joined}`, {
      name,
      kind: qualifiedKind,
      causes,
    });
  }

  static badRequest(message: string): StatusError {
    return new StatusError(400, 'BadRequest', message);
  }

  static conflict(message: string): StatusError {
    return new StatusError(409, 'Conflict', message);
  }

  static forbidden(message: string): StatusError {
    return new StatusError(403, 'Forbidden', message);
  }

  static methodNotAllowed(message: string): StatusError {
    return new StatusError(405, 'MethodNotAllowed', message);
  }

  static internal(message: string): StatusError {
    return new StatusError(500, 'InternalError', message);
  }
}
