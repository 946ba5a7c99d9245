/**
 * The cluster's PKI as kubeadm lays it out, and reading X.509 certificates. The key pairs and
 * certificates are made once per installation at the edge (server/cli/pki.ts, node's crypto) and
 * handed in; every lab reuses them. This module only reads them (node-forge's parser, pure).
 */
import forge from 'node-forge';

/**
 * PEM texts by path under /etc/kubernetes/pki (`ca.crt`, `etcd/server.key`, `sa.pub`, ...), plus the
 * client pairs kubeconfigs embed under `clients/` (`clients/admin.crt`, `clients/kubelet-node01.key`, ...).
 */
export type Pki = Readonly<Record<string, string>>;

/** The files of /etc/kubernetes/pki on a control-plane node, in kubeadm's names. */
export const CONTROL_PLANE_PKI_FILES = [
  'apiserver-etcd-client.crt', 'apiserver-etcd-client.key', 'apiserver-kubelet-client.crt', 'apiserver-kubelet-client.key',
  'apiserver.crt', 'apiserver.key', 'ca.crt', 'ca.key', 'front-proxy-ca.crt', 'front-proxy-ca.key', 'front-proxy-client.crt',
  'front-proxy-client.key', 'sa.key', 'sa.pub', 'etcd/ca.crt', 'etcd/ca.key', 'etcd/healthcheck-client.crt',
  'etcd/healthcheck-client.key', 'etcd/peer.crt', 'etcd/peer.key', 'etcd/server.crt', 'etcd/server.key',
];

export interface CertInfo {
  subject: string;
  issuer: string;
  /** The subject's CN. */
  commonName: string;
  notBefore: Date;
  notAfter: Date;
  serial: string;
  isCA: boolean;
  dnsNames: string[];
  ips: string[];
}

/** openssl's one-line form: `CN = kube-apiserver`, `O = system:masters, CN = kubernetes-super-admin`. */
function dn(attrs: forge.pki.CertificateField[]): string {
  return attrs.map((a) => `${a.shortName ?? a.name} = ${String(a.value)}`).join(', ');
}

/** Parses a PEM certificate; undefined when it is not one. */
export function parseCertificate(pem: string): CertInfo | undefined {
  try {
    const c = forge.pki.certificateFromPem(pem);
    const san = c.getExtension('subjectAltName') as { altNames?: { type: number; value?: string; ip?: string }[] } | undefined;
    const bc = c.getExtension('basicConstraints') as { cA?: boolean } | undefined;
    return {
      subject: dn(c.subject.attributes),
      issuer: dn(c.issuer.attributes),
      commonName: String(c.subject.getField('CN')?.value ?? ''),
      notBefore: c.validity.notBefore,
      notAfter: c.validity.notAfter,
      serial: c.serialNumber,
      isCA: bc?.cA === true,
      dnsNames: (san?.altNames ?? []).filter((n) => n.type === 2).map((n) => n.value ?? ''),
      ips: (san?.altNames ?? []).filter((n) => n.type === 7).map((n) => n.ip ?? ''),
    };
  } catch {
    return undefined;
  }
}

/** `notAfter=Nov 30 03:38:39 2027 GMT`: openssl's ASN1_TIME_print. */
export function opensslTime(d: Date): string {
  const mon = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][d.getUTCMonth()]!;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${mon} ${String(d.getUTCDate()).padStart(2, ' ')} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} ${d.getUTCFullYear()} GMT`;
}
export { opensslX509, type OpensslResult } from './openssl.js';
export { renewCertificate, trustedPair } from './renew.js';
