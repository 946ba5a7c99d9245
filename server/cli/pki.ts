/**
 * The installation's cluster PKI, made once with node's crypto (RSA 2048 keys, as kubeadm) and
 * node-forge (the X.509 encoding), kept under the data directory and reused by every lab. The
 * layout, subjects, SANs and lifetimes follow kubeadm 1.32 (cmd/kubeadm/app/phases/certs/certlist.go:
 * CAs for 10 years, leaf certificates for one year).
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import forge from 'node-forge';
import type { Pki } from '../hosts/index.js';

interface Pair {
  cert: forge.pki.Certificate;
  key: forge.pki.PrivateKey;
}

const YEAR = 365 * 24 * 3600 * 1000;

function keyPair(): { privatePem: string; publicPem: string } {
  const k = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { privatePem: k.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(), publicPem: k.publicKey.export({ type: 'spki', format: 'pem' }).toString() };
}

function makeCert(opts: {
  cn: string;
  o?: string;
  ca?: Pair;
  isCA?: boolean;
  now: number;
  years: number;
  usage: 'server' | 'client' | 'both' | 'ca';
  dns?: string[];
  ips?: string[];
}): { pair: Pair; certPem: string; keyPem: string } {
  const k = keyPair();
  const key = forge.pki.privateKeyFromPem(k.privatePem);
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(k.publicPem);
  cert.serialNumber = `0${randomBytes(8).toString('hex')}`.replace(/^0+(?=[0-7])/, '');
  cert.validity.notBefore = new Date(Math.floor(opts.now / 1000) * 1000 - 5 * 60 * 1000);
  cert.validity.notAfter = new Date(Math.floor(opts.now / 1000) * 1000 + opts.years * YEAR);
  const subject = [...(opts.o ? [{ shortName: 'O', value: opts.o }] : []), { shortName: 'CN', value: opts.cn }];
  cert.setSubject(subject);
  cert.setIssuer(opts.ca ? opts.ca.cert.subject.attributes : subject);
  const ext: object[] = [];
  if (opts.usage === 'ca') {
    ext.push({ name: 'keyUsage', critical: true, digitalSignature: true, keyEncipherment: true, keyCertSign: true });
    ext.push({ name: 'basicConstraints', critical: true, cA: true });
    ext.push({ name: 'subjectKeyIdentifier' });
  } else {
    ext.push({ name: 'keyUsage', critical: true, digitalSignature: true, keyEncipherment: true });
    ext.push({ name: 'extKeyUsage', serverAuth: opts.usage !== 'client', clientAuth: opts.usage !== 'server' });
    ext.push({ name: 'basicConstraints', critical: true, cA: false });
    ext.push({ name: 'authorityKeyIdentifier', keyIdentifier: opts.ca!.cert.generateSubjectKeyIdentifier().getBytes() });
    const alt = [...(opts.dns ?? []).map((value) => ({ type: 2, value })), ...(opts.ips ?? []).map((ip) => ({ type: 7, ip }))];
    if (alt.length) ext.push({ name: 'subjectAltName', altNames: alt });
  }
  cert.setExtensions(ext);
  cert.sign((opts.ca?.key ?? key) as forge.pki.rsa.PrivateKey, forge.md.sha256.create());
  return { pair: { cert, key }, certPem: forge.pki.certificateToPem(cert), keyPem: k.privatePem };
}

/** Makes the whole PKI for a control plane `controlplane` at 192.168.0.2 and workers node01..node03. */
export function generatePki(now: number): Pki {
  const out: Record<string, string> = {};
  const put = (name: string, r: { certPem: string; keyPem: string }) => {
    out[`${name}.crt`] = r.certPem;
    out[`${name}.key`] = r.keyPem;
  };
  const ca = makeCert({ cn: 'kubernetes', now, years: 10, usage: 'ca' });
  put('ca', ca);
  const etcdCa = makeCert({ cn: 'etcd-ca', now, years: 10, usage: 'ca' });
  put('etcd/ca', etcdCa);
  const fpCa = makeCert({ cn: 'front-proxy-ca', now, years: 10, usage: 'ca' });
  put('front-proxy-ca', fpCa);
  const leaf = (name: string, signer: typeof ca, cn: string, usage: 'server' | 'client' | 'both', extra: { o?: string; dns?: string[]; ips?: string[] } = {}) =>
    put(name, makeCert({ cn, ca: signer.pair, now, years: 1, usage, ...extra }));
  leaf('apiserver', ca, 'kube-apiserver', 'server', {
    dns: ['controlplane', 'kubernetes', 'kubernetes.default', 'kubernetes.default.svc', 'kubernetes.default.svc.cluster.local'],
    ips: ['10.96.0.1', '192.168.0.2'],
  });
  leaf('apiserver-kubelet-client', ca, 'kube-apiserver-kubelet-client', 'client', { o: 'kubeadm:cluster-admins' });
  leaf('apiserver-etcd-client', etcdCa, 'kube-apiserver-etcd-client', 'client');
  leaf('front-proxy-client', fpCa, 'front-proxy-client', 'client');
  leaf('etcd/server', etcdCa, 'controlplane', 'both', { dns: ['controlplane', 'localhost'], ips: ['192.168.0.2', '127.0.0.1', '0:0:0:0:0:0:0:1'] });
  leaf('etcd/peer', etcdCa, 'controlplane', 'both', { dns: ['controlplane', 'localhost'], ips: ['192.168.0.2', '127.0.0.1', '0:0:0:0:0:0:0:1'] });
  leaf('etcd/healthcheck-client', etcdCa, 'kube-etcd-healthcheck-client', 'client');
  const sa = keyPair();
  out['sa.key'] = sa.privatePem;
  out['sa.pub'] = sa.publicPem;
  leaf('clients/admin', ca, 'kubernetes-admin', 'client', { o: 'kubeadm:cluster-admins' });
  leaf('clients/super-admin', ca, 'kubernetes-super-admin', 'client', { o: 'system:masters' });
  leaf('clients/controller-manager', ca, 'system:kube-controller-manager', 'client');
  leaf('clients/scheduler', ca, 'system:kube-scheduler', 'client');
  for (const node of ['controlplane', 'node01', 'node02', 'node03']) leaf(`clients/kubelet-${node}`, ca, `system:node:${node}`, 'client', { o: 'system:nodes' });
  return out;
}

/** The installation's PKI: read from `dir/pki.json`, or made and written there the first time. */
export function installationPki(dataDir: string, now: () => number = () => Date.now()): Pki {
  const file = join(dataDir, 'pki.json');
  if (existsSync(file)) {
    try {
      const parsed = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
      if (parsed['ca.crt'] && parsed['clients/kubelet-node01.crt']) return parsed;
    } catch {
      // A damaged file is made again below.
    }
  }
  const pki = generatePki(now());
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, JSON.stringify(pki), { mode: 0o600 });
  return pki;
}
