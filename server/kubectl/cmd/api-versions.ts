/** `kubectl api-versions`: every group/version the API server serves, sorted (kubectl pkg/cmd/apiresources/apiversions.go). */
import { apiVersions } from '../../cluster/index.js';
import type { FlagSpec, ParsedArgs } from '../args.js';
import { Out, type Ctx } from '../context.js';

export const API_VERSIONS_FLAGS: FlagSpec[] = [];

export function runApiVersions(_p: ParsedArgs, _ctx: Ctx): Out {
  return new Out().print(apiVersions().map((v) => `${v}\n`).join(''));
}
