/**
 * `openssl x509` over a certificate: -noout, -text, -subject, -issuer, -dates, -startdate,
 * -enddate, -serial, -fingerprint-less forms, printed as OpenSSL 3.0 prints them (crypto/x509/t_x509.c
 * X509_print_ex, v3_*.c for the extensions; checked byte for byte against /usr/bin/openssl in tests).
 */
import forge from 'node-forge';
import { opensslTime } from './index.js';

export interface OpensslResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

const hexBytes = (bin: string) => [...bin].map((c) => c.charCodeAt(0).toString(16).padStart(2, '0'));

function dn(attrs: forge.pki.CertificateField[]): string {
  return attrs.map((a) => `${a.shortName ?? a.name} = ${String(a.value)}`).join(', ');
}

/** Colon-separated bytes, `perLine` a line, each line indented. */
function block(bytes: string[], perLine: number, indent: number, trailingColon: boolean): string {
  const lines: string[] = [];
  for (let i = 0; i < bytes.length; i += perLine) {
    const last = i + perLine >= bytes.length;
    lines.push(' '.repeat(indent) + bytes.slice(i, i + perLine).join(':') + (last && !trailingColon ? '' : ':'));
  }
  return `${lines.join('\n')}\n`;
}

const KEY_USAGE: [string, string][] = [
  ['digitalSignature', 'Digital Signature'], ['nonRepudiation', 'Non Repudiation'], ['keyEncipherment', 'Key Encipherment'],
  ['dataEncipherment', 'Data Encipherment'], ['keyAgreement', 'Key Agreement'], ['keyCertSign', 'Certificate Sign'], ['cRLSign', 'CRL Sign'],
];

function extension(e: any): string {
  const crit = e.critical ? ' critical' : '';
  const pad = '                ';
  switch (e.name) {
    case 'keyUsage':
      return `            X509v3 Key Usage:${crit}\n${pad}${KEY_USAGE.filter(([k]) => e[k]).map(([, v]) => v).join(', ')}\n`;
    case 'extKeyUsage': {
      const names = [...(e.serverAuth ? ['TLS Web Server Authentication'] : []), ...(e.clientAuth ? ['TLS Web Client Authentication'] : [])];
      return `            X509v3 Extended Key Usage:${crit} \n${pad}${names.join(', ')}\n`;
    }
    case 'basicConstraints':
      return `            X509v3 Basic Constraints:${crit}\n${pad}CA:${e.cA ? 'TRUE' : 'FALSE'}\n`;
    case 'subjectKeyIdentifier':
      return `            X509v3 Subject Key Identifier:${crit} \n${pad}${hexBytes(forge.util.hexToBytes(e.subjectKeyIdentifier)).join(':').toUpperCase()}\n`;
    case 'authorityKeyIdentifier': {
      // The extension's value: SEQUENCE { [0] keyIdentifier }.
      const asn = forge.asn1.fromDer(e.value);
      const id = (asn.value as forge.asn1.Asn1[]).find((v) => v.type === 0);
      return `            X509v3 Authority Key Identifier:${crit} \n${pad}${hexBytes(String(id?.value ?? '')).join(':').toUpperCase()}\n`;
    }
    case 'subjectAltName': {
      const names = (e.altNames as { type: number; value?: string; ip?: string }[]).map((n) => (n.type === 2 ? `DNS:${n.value}` : n.type === 7 ? `IP Address:${ipText(n.value ?? '', n.ip ?? '')}` : `othername:<unsupported>`));
      return `            X509v3 Subject Alternative Name:${crit} \n${pad}${names.join(', ')}\n`;
    }
    default:
      return `            ${e.name ?? e.id}:${crit}\n${pad}${hexBytes(e.value ?? '').join(':')}\n`;
  }
}

/** OpenSSL prints IPv6 addresses in full, %X per 16-bit group, without compression. */
function ipText(raw: string, ip: string): string {
  if (raw.length !== 16) return ip;
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((raw.charCodeAt(i) << 8) | raw.charCodeAt(i + 1)).toString(16).toUpperCase());
  return groups.join(':');
}

export function certificateText(c: forge.pki.Certificate): string {
  const serialHex = c.serialNumber.replace(/^0+(?=.)/, '');
  // OpenSSL keeps the magnitude without a sign byte.
  const serialBytes = (serialHex.length % 2 ? `0${serialHex}` : serialHex).match(/../g)!;
  const small = serialHex.length <= 16 && parseInt(serialHex[0] ?? '0', 16) < 8;
  const serial = small
    ? `        Serial Number: ${BigInt(`0x${serialHex}`).toString()} (0x${serialHex})\n`
    : `        Serial Number:\n${block(serialBytes, serialBytes.length, 12, false)}`;
  const key = c.publicKey as forge.pki.rsa.PublicKey;
  let mod = key.n.toString(16);
  if (mod.length % 2) mod = `0${mod}`;
  if (parseInt(mod[0]!, 16) >= 8) mod = `00${mod}`;
  const modBytes = mod.match(/../g)!;
  const e = Number(key.e.toString());
  const sig = hexBytes(c.signature as string);
  return (
    'Certificate:\n    Data:\n' +
    `        Version: ${c.version + 1} (0x${c.version.toString(16)})\n` +
    serial +
    '        Signature Algorithm: sha256WithRSAEncryption\n' +
    `        Issuer: ${dn(c.issuer.attributes)}\n` +
    '        Validity\n' +
    `            Not Before: ${opensslTime(c.validity.notBefore)}\n` +
    `            Not After : ${opensslTime(c.validity.notAfter)}\n` +
    `        Subject: ${dn(c.subject.attributes)}\n` +
    '        Subject Public Key Info:\n' +
    '            Public Key Algorithm: rsaEncryption\n' +
    `                Public-Key: (${key.n.bitLength()} bit)\n` +
    '                Modulus:\n' +
    block(modBytes, 15, 20, false) +
    `                Exponent: ${e} (0x${e.toString(16)})\n` +
    (c.extensions.length ? `        X509v3 extensions:\n${c.extensions.map(extension).join('')}` : '') +
    '    Signature Algorithm: sha256WithRSAEncryption\n' +
    '    Signature Value:\n' +
    block(sig, 18, 8, false)
  );
}

/** `openssl x509 ...` given the file's text (undefined: no such file). */
export function opensslX509(argv: readonly string[], read: (path: string) => string | undefined, stdin: string): OpensslResult {
  let input: string | undefined;
  let inPath: string | undefined;
  let noout = false;
  const prints: { what: string; at: number }[] = [];
  const mark = (what: string, at: number) => {
    const old = prints.find((p) => p.what === what);
    if (old) old.at = at;
    else prints.push({ what, at });
  };
  for (let i = 2; i < argv.length; i++) {
    const a = argv[i]!.replace(/^--/, '-');
    if (a === '-in') inPath = argv[++i];
    else if (a === '-noout') noout = true;
    else if (a === '-dates') {
      mark('startdate', i);
      mark('enddate', i);
    } else if (['-text', '-subject', '-issuer', '-startdate', '-enddate', '-serial'].includes(a)) mark(a.slice(1), i);
    else if (a === '-nameopt' || a === '-inform' || a === '-outform') i++;
    else return { stdout: '', stderr: `x509: Unknown option or message digest: ${a.replace(/^-/, '')}\nx509: Use -help for summary.\n`, exitCode: 1 };
  }
  if (inPath !== undefined) {
    input = read(inPath);
    if (input === undefined) {
      return { stdout: '', stderr: `Could not open file or uri for loading certificate from ${inPath}\nUnable to load certificate\n`, exitCode: 1 };
    }
  } else input = stdin;
  let cert: forge.pki.Certificate;
  try {
    cert = forge.pki.certificateFromPem(input);
  } catch {
    return { stdout: '', stderr: `Could not read certificate from ${inPath ?? '<stdin>'}\nUnable to load certificate\n`, exitCode: 1 };
  }
  let out = '';
  for (const p of prints.sort((a, b) => a.at - b.at)) {
    if (p.what === 'text') out += certificateText(cert);
    else if (p.what === 'subject') out += `subject=${dn(cert.subject.attributes)}\n`;
    else if (p.what === 'issuer') out += `issuer=${dn(cert.issuer.attributes)}\n`;
    else if (p.what === 'startdate') out += `notBefore=${opensslTime(cert.validity.notBefore)}\n`;
    else if (p.what === 'enddate') out += `notAfter=${opensslTime(cert.validity.notAfter)}\n`;
    else if (p.what === 'serial') out += `serial=${cert.serialNumber.toUpperCase().replace(/^(?:00)+(?=..)/, '')}\n`;
  }
  if (!noout) out += forge.pki.certificateToPem(cert).replace(/\r\n/g, '\n');
  return { stdout: out, stderr: '', exitCode: 0 };
}
