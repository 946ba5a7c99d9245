/** ConfigMap (core/v1; pkg/registry/core/configmap): keys validated, `immutable` enforced on update. */
import type { KubeObject } from '../../api/index.js';
import { SCHEMAS } from '../schema.js';
import { validateConfigMap, validateConfigMapUpdate } from '../validation-config.js';
import { storedAsGiven, type KindStrategy } from './strategy.js';

export interface ConfigMap extends KubeObject {
  kind: 'ConfigMap';
  data?: Record<string, string>;
  /** base64 of the bytes, as JSON carries a []byte. */
  binaryData?: Record<string, string>;
  immutable?: boolean;
}

export const configMapKind: KindStrategy<ConfigMap> = {
  ...storedAsGiven<ConfigMap>({ kind: 'ConfigMap', resource: 'configmaps', shortNames: ['cm'], group: '', version: 'v1', namespaced: true }),
  schema: SCHEMAS.ConfigMap!,
  validate: (cm) => validateConfigMap(cm),
  validateUpdate: (next, cur) => validateConfigMapUpdate(next, cur),
};
