/**
 * The API server's validation of the configuration kinds, messages verbatim
 * (kubernetes pkg/apis/core/validation/validation.go ValidateConfigMap, ValidateConfigMapUpdate,
 * ValidateSecret, ValidateSecretUpdate; apimachinery pkg/util/validation IsConfigMapKey). Go walks
 * maps in random order; the lab reports keys sorted, so the same input always reads the same.
 */
import type { StatusCause } from './status-error.js';
import { forbidden, invalid, required } from './validation.js';

const CONFIG_KEY = /^[-._a-zA-Z0-9]+$/;
const CONFIG_KEY_MSG =
  "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')";
/** core.MaxSecretSize, also the limit of a ConfigMap's total size. */
export const MAX_SECRET_SIZE = 1024 * 1024;

/** IsConfigMapKey: a data key's problems as messages. */
export function configMapKeyProblems(key: string): string[] {
  const msgs: string[] = [];
  if (key.length > 253) msgs.push('must be no more than 253 characters');
  if (!CONFIG_KEY.test(key)) msgs.push(CONFIG_KEY_MSG);
  if (key === '.') msgs.push("must not be '.'");
  else if (key === '..') msgs.push("must not be '..'");
  else if (key.startsWith('..')) msgs.push("must not start with '..'");
  return msgs;
}

const sortedKeys = (m: Record<string, unknown> | undefined) => Object.keys(m ?? {}).sort();
/** The decoded length of a base64 []byte value. */
export const decodedLength = (b64: string) => Buffer.from(b64, 'base64').length;
const tooLong = (field: string): StatusCause => ({ type: 'FieldValueTooLong', field, message: `${field}: Too long: must have at most ${MAX_SECRET_SIZE} bytes` });

export function validateConfigMap(cm: { data?: Record<string, string>; binaryData?: Record<string, string> }): StatusCause[] {
  const errs: StatusCause[] = [];
  let total = 0;
  for (const k of sortedKeys(cm.data)) {
    for (const m of configMapKeyProblems(k)) errs.push(invalid(`data[${k}]`, k, m));
    if (cm.binaryData && k in cm.binaryData) errs.push(invalid(`data[${k}]`, k, 'duplicate of key present in binaryData'));
    total += Buffer.byteLength(cm.data![k] ?? '', 'utf8');
  }
  for (const k of sortedKeys(cm.binaryData)) {
    for (const m of configMapKeyProblems(k)) errs.push(invalid(`binaryData[${k}]`, k, m));
    total += decodedLength(cm.binaryData![k] ?? '');
  }
  if (total > MAX_SECRET_SIZE) errs.push(tooLong(''));
  return errs;
}

const IMMUTABLE = 'field is immutable when `immutable` is set';
const same = (a: unknown, b: unknown) => JSON.stringify(sortDeep(a ?? {})) === JSON.stringify(sortDeep(b ?? {}));
const sortDeep = (m: unknown) => (m && typeof m === 'object' ? Object.fromEntries(Object.entries(m).sort(([a], [b]) => (a < b ? -1 : 1))) : m);

export function validateConfigMapUpdate(
  next: { immutable?: boolean; data?: unknown; binaryData?: unknown },
  cur: { immutable?: boolean; data?: unknown; binaryData?: unknown },
): StatusCause[] {
  if (!cur.immutable) return [];
  const errs: StatusCause[] = [];
  if (!next.immutable) errs.push(forbidden('immutable', IMMUTABLE));
  if (!same(next.data, cur.data)) errs.push(forbidden('data', IMMUTABLE));
  if (!same(next.binaryData, cur.binaryData)) errs.push(forbidden('binaryData', IMMUTABLE));
  return errs;
}

/** encoding/json's error for a document that does not parse, as far as its first character tells. */
function jsonProblem(text: string): string | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch {
    const c = text.trimStart()[0];
    return c === undefined ? 'unexpected end of JSON input' : `invalid character '${c}' looking for beginning of value`;
  }
}

export function validateSecret(s: { type?: string; data?: Record<string, string>; metadata: { annotations?: Record<string, string> } }): StatusCause[] {
  const errs: StatusCause[] = [];
  const data = s.data ?? {};
  let total = 0;
  for (const k of sortedKeys(data)) {
    for (const m of configMapKeyProblems(k)) errs.push(invalid(`data[${k}]`, k, m));
    total += decodedLength(data[k] ?? '');
  }
  if (total > MAX_SECRET_SIZE) errs.push(tooLong('data'));
  const has = (k: string) => Object.prototype.hasOwnProperty.call(data, k);
  const decoded = (k: string) => Buffer.from(data[k] ?? '', 'base64').toString('utf8');
  switch (s.type) {
    case 'kubernetes.io/service-account-token':
      if (!s.metadata.annotations?.['kubernetes.io/service-account.name']) errs.push(required('metadata.annotations[kubernetes.io/service-account.name]'));
      break;
    case 'kubernetes.io/dockercfg':
    case 'kubernetes.io/dockerconfigjson': {
      const key = s.type === 'kubernetes.io/dockercfg' ? '.dockercfg' : '.dockerconfigjson';
      if (!has(key)) {
        errs.push(required(`data[${key}]`));
        break;
      }
      const problem = jsonProblem(decoded(key));
      if (problem) errs.push(invalid(`data[${key}]`, '<secret contents redacted>', problem));
      break;
    }
    case 'kubernetes.io/basic-auth':
      if (!has('username') && !has('password')) errs.push(required('data[username]'), required('data[password]'));
      break;
    case 'kubernetes.io/ssh-auth':
      if (!decodedLength(data['ssh-privatekey'] ?? '')) errs.push(required('data[ssh-privatekey]'));
      break;
    case 'kubernetes.io/tls':
      if (!has('tls.crt')) errs.push(required('data[tls.crt]'));
      if (!has('tls.key')) errs.push(required('data[tls.key]'));
      break;
    default:
  }
  return errs;
}

export function validateSecretUpdate(
  next: { type?: string; immutable?: boolean; data?: unknown },
  cur: { type?: string; immutable?: boolean; data?: unknown },
): StatusCause[] {
  const errs: StatusCause[] = [];
  if (next.type !== cur.type) errs.push(invalid('type', next.type ?? '', 'field is immutable'));
  if (cur.immutable) {
    if (!next.immutable) errs.push(forbidden('immutable', IMMUTABLE));
    if (!same(next.data, cur.data)) errs.push(forbidden('data', IMMUTABLE));
  }
  return errs;
}
