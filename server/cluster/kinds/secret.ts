/**
 * Secret (core/v1; pkg/registry/core/secret): `type` defaults to Opaque and is immutable,
 * `stringData` is merged into `data` on every write (the v1 → internal conversion: its values win
 * and the field is never stored), each type's required keys validated, `immutable` enforced.
 */
import type { KubeObject } from '../../api/index.js';
import { SCHEMAS } from '../schema.js';
import { validateSecret, validateSecretUpdate } from '../validation-config.js';
import { storedAsGiven, type KindStrategy } from './strategy.js';

export interface Secret extends KubeObject {
  kind: 'Secret';
  type?: string;
  /** base64 of the bytes, as JSON carries a []byte. */
  data?: Record<string, string>;
  /** Write-only plain text, merged into data. */
  stringData?: Record<string, string>;
  immutable?: boolean;
}

/** The bytes of a plain-text value as JSON carries them. */
export const toBase64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64');

export const secretKind: KindStrategy<Secret> = {
  ...storedAsGiven<Secret>({ kind: 'Secret', resource: 'secrets', group: '', version: 'v1', namespaced: true }),
  schema: SCHEMAS.Secret!,
  applyDefaults: (s) => {
    if (s.stringData) {
      s.data ??= {};
      for (const [k, v] of Object.entries(s.stringData)) s.data[k] = toBase64(v ?? '');
      delete s.stringData;
    }
    s.type ||= 'Opaque';
  },
  validate: (s) => validateSecret(s),
  validateUpdate: (next, cur) => validateSecretUpdate(next, cur),
};
