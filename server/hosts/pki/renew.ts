/**
 * `kubeadm certs renew`: the same key and subject, a new validity of one year from now, signed
 * again by the CA whose key is on the node (cmd/kubeadm/app/phases/certs/renewal). node-forge's
 * RSA signing is pure JavaScript, so the renewal is pure too; time comes in.
 */
import forge from 'node-forge';

const YEAR_MS = 365 * 24 * 3600 * 1000;

/** The renewed certificate's PEM, or an error text. */
export function renewCertificate(certPem: string, caCertPem: string, caKeyPem: string, now: number, serialSeed: string): { ok: true; pem: string } | { ok: false; error: string } {
  let cert: forge.pki.Certificate;
  let caCert: forge.pki.Certificate;
  let caKey: forge.pki.rsa.PrivateKey;
  try {
    cert = forge.pki.certificateFromPem(certPem);
    caCert = forge.pki.certificateFromPem(caCertPem);
    caKey = forge.pki.privateKeyFromPem(caKeyPem) as forge.pki.rsa.PrivateKey;
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
  if (!caCert.verify(cert)) return { ok: false, error: 'the certificate was not signed by this CA' };
  let serial = '';
  for (let round = 0; serial.length < 16; round++) {
    let h = 0x811c9dc5 ^ round;
    for (let i = 0; i < serialSeed.length; i++) h = Math.imul(h ^ serialSeed.charCodeAt(i), 0x01000193) >>> 0;
    serial += h.toString(16).padStart(8, '0');
  }
  cert.serialNumber = `0${(parseInt(serial[0]!, 16) & 7).toString(16)}${serial.slice(1, 16)}`.replace(/^0(?=.)/, '');
  const second = Math.floor(now / 1000) * 1000;
  cert.validity.notBefore = new Date(second - 5 * 60 * 1000);
  cert.validity.notAfter = new Date(second + YEAR_MS);
  cert.setIssuer(caCert.subject.attributes);
  cert.sign(caKey, forge.md.sha256.create());
  return { ok: true, pem: forge.pki.certificateToPem(cert).replace(/\r\n/g, '\n') };
}

/** Whether `certPem` was signed by `caPem` and `keyPem` is its private key: a TLS client pair the CA trusts. */
export function trustedPair(certPem: string, keyPem: string, caPem: string): boolean {
  try {
    const cert = forge.pki.certificateFromPem(certPem);
    const ca = forge.pki.certificateFromPem(caPem);
    const key = forge.pki.privateKeyFromPem(keyPem) as forge.pki.rsa.PrivateKey;
    const pub = cert.publicKey as forge.pki.rsa.PublicKey;
    return ca.verify(cert) && pub.n.equals(key.n) && pub.e.equals(key.e);
  } catch {
    return false;
  }
}
