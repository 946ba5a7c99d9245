/**
 * The serviceaccounts/token subresource (kubernetes pkg/registry/core/serviceaccount/storage/token.go,
 * pkg/serviceaccount/claims.go): a TokenRequest for a ServiceAccount, optionally bound to a Pod,
 * Secret or Node, answered with a JWT carrying the claims a 1.32 API server puts in it. The payload
 * is what a learner decodes; the signature is made with a lab key (not RSA), so it reads as a JWT
 * but proves nothing.
 */
import { uuid, rfc3339, type Clock, type Random, type Result, err, ok } from '../core/index.js';
import type { KubeObject } from '../api/index.js';
import { StatusError } from './status-error.js';
import { invalid } from './validation.js';
import { resolveResourceType } from './kinds/index.js';

export interface TokenRequestSpec {
  audiences?: string[];
  expirationSeconds?: number;
  boundObjectRef?: { kind: string; apiVersion?: string; name: string; uid?: string };
}

export interface TokenRequest {
  kind: 'TokenRequest';
  apiVersion: 'authentication.k8s.io/v1';
  metadata: { name: string; namespace: string; creationTimestamp: null };
  spec: { audiences: string[]; expirationSeconds: number; boundObjectRef: TokenRequestSpec['boundObjectRef'] | null };
  status: { token: string; expirationTimestamp: string };
}

/** A kubeadm API server's --service-account-issuer, and so the default audience. */
export const ISSUER = 'https://kubernetes.default.svc.cluster.local';

const b64url = (s: string) => Buffer.from(s, 'utf8').toString('base64url');

type Lookup = (resource: string, namespace: string | undefined, name: string) => KubeObject | undefined;

export function issueToken(lookup: Lookup, clock: Clock, random: Random, namespace: string, name: string, spec: TokenRequestSpec): Result<TokenRequest, StatusError> {
  const expirationSeconds = spec.expirationSeconds ?? 3600;
  const causes = [];
  if (expirationSeconds < 600) causes.push(invalid('spec.expirationSeconds', expirationSeconds, 'may not specify a duration less than 10 minutes'));
  if (expirationSeconds > 2 ** 32) causes.push(invalid('spec.expirationSeconds', expirationSeconds, 'may not specify a duration larger than 2^32 seconds'));
  if (causes.length) return err(StatusError.invalid('TokenRequest.authentication.k8s.io', name, causes));
  const sa = lookup('serviceaccounts', namespace, name);
  if (!sa) return err(StatusError.notFound('serviceaccounts', name));
  const ku: Record<string, unknown> = { namespace };
  const ref = spec.boundObjectRef;
  if (ref) {
    const resource = ref.kind === 'Pod' ? 'pods' : ref.kind === 'Secret' ? 'secrets' : 'nodes';
    const bound = lookup(resource, ref.kind === 'Node' ? undefined : namespace, ref.name);
    if (!bound) return err(StatusError.notFound(resource, ref.name));
    if (ref.uid && ref.uid !== bound.metadata.uid) {
      return err(StatusError.conflict(`the UID in the bound object reference (${ref.uid}) does not match the UID in record. The object might have been deleted and then recreated`));
    }
    if (ref.kind === 'Pod') {
      const nodeName = (bound.spec as { nodeName?: string } | undefined)?.nodeName;
      const node = nodeName ? lookup('nodes', undefined, nodeName) : undefined;
      if (node) ku.node = { name: node.metadata.name, uid: node.metadata.uid };
      ku.pod = { name: bound.metadata.name, uid: bound.metadata.uid };
    } else if (ref.kind === 'Secret') ku.secret = { name: bound.metadata.name, uid: bound.metadata.uid };
    else ku.node = { name: bound.metadata.name, uid: bound.metadata.uid };
  }
  ku.serviceaccount = { name, uid: sa.metadata.uid };
  const now = Math.floor(clock.now() / 1000);
  const exp = now + expirationSeconds;
  const audiences = spec.audiences?.length ? spec.audiences : [ISSUER];
  // go-jose marshals the merged claims as a map: keys sorted.
  const payload = { aud: audiences, exp, iat: now, iss: ISSUER, jti: uuid(random), 'kubernetes.io': ku, nbf: now, sub: `system:serviceaccount:${namespace}:${name}` };
  const header = { alg: 'RS256', kid: LAB_KEY_ID };
  const signature = Buffer.from(Array.from({ length: 256 }, () => Math.floor(random.next() * 256))).toString('base64url');
  const token = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(payload))}.${signature}`;
  return ok({
    kind: 'TokenRequest',
    apiVersion: 'authentication.k8s.io/v1',
    metadata: { name, namespace, creationTimestamp: null },
    spec: { audiences, expirationSeconds, boundObjectRef: ref ?? null },
    status: { token, expirationTimestamp: rfc3339(exp * 1000) },
  });
}

/** The key id of the lab's (pretend) signing key, fixed so every lab's tokens look alike. */
const LAB_KEY_ID = 'ckalab-sa-key-2w6xQb3zTq9mKf1rYp0vLd8hN4sJ7cEa';

export const resolveForToken = (r: string) => resolveResourceType(r)!;
