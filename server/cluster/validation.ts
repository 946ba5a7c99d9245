/**
 * The API server's validation for the kinds the lab serves, with its messages verbatim
 * (k8s.io/kubernetes pkg/apis/networking/validation, pkg/apis/core/validation,
 * apimachinery pkg/util/validation and pkg/apis/meta/v1/validation). A cause's message is
 * `field: body`, as field.Error.Error() prints it.
 */
import type { StatusCause } from './status-error.js';
import type { LabelSelector } from '../api/index.js';
import { cidrContains, parseCidr } from '../api/index.js';

type Errs = StatusCause[];
const q = (v: unknown) => JSON.stringify(v);
/** A value already in Go's %#v form (field.Error prints non-simple values with %#v). */
export class GoSyntax {
  constructor(readonly text: string) {}
}
const invalid = (field: string, value: unknown, detail: string): StatusCause => ({
  type: 'FieldValueInvalid',
  field,
  message: `${field}: Invalid value: ${value instanceof GoSyntax ? value.text : typeof value === 'string' ? q(value) : String(value)}: ${detail}`,
});
const required = (field: string, detail = ''): StatusCause => ({
  type: 'FieldValueRequired',
  field,
  message: `${field}: Required value${detail ? `: ${detail}` : ''}`,
});
const forbidden = (field: string, detail: string): StatusCause => ({ type: 'FieldValueForbidden', field, message: `${field}: Forbidden: ${detail}` });
const notSupported = (field: string, value: string, valid: string[]): StatusCause => ({
  type: 'FieldValueNotSupported',
  field,
  message: `${field}: Unsupported value: ${q(value)}: supported values: ${valid.map((v) => q(v)).join(', ')}`,
});

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;

const SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const LABEL_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const DNS1035_MSG =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";
const LABEL_VALUE_MSG =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
const QUALIFIED_NAME_MSG =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

export type NameRule = 'subdomain' | 'label' | 'dns1035';

export function validateName(name: string | undefined, rule: NameRule): Errs {
  if (!name) return [required('metadata.name', 'name or generateName is required')];
  const errs: Errs = [];
  const [re, msg, max] =
    rule === 'subdomain' ? [DNS1123_SUBDOMAIN, SUBDOMAIN_MSG, 253] : rule === 'label' ? [DNS1123_LABEL, LABEL_MSG, 63] : [DNS1035_LABEL, DNS1035_MSG, 63];
  if (name.length > max) errs.push(invalid('metadata.name', name, `must be no more than ${max} characters`));
  if (!re.test(name)) errs.push(invalid('metadata.name', name, msg));
  return errs;
}

export function validateLabels(labels: Record<string, string> | undefined, field: string): Errs {
  const errs: Errs = [];
  for (const [k, v] of Object.entries(labels ?? {})) {
    errs.push(...validateQualifiedName(k, field));
    if (v.length > 63) errs.push(invalid(field, v, 'must be no more than 63 characters'));
    if (!LABEL_VALUE.test(v)) errs.push(invalid(field, v, LABEL_VALUE_MSG));
  }
  return errs;
}

function validateQualifiedName(key: string, field: string): Errs {
  const parts = key.split('/');
  const name = parts.length === 2 ? parts[1]! : parts[0]!;
  if (parts.length > 2 || (parts.length === 2 && !DNS1123_SUBDOMAIN.test(parts[0]!))) {
    return [invalid(field, key, `${QUALIFIED_NAME_MSG.replace('name part', "a qualified name")}`)];
  }
  if (name.length === 0) return [invalid(field, key, 'name part must be non-empty')];
  if (name.length > 63) return [invalid(field, key, 'name part must be no more than 63 characters')];
  if (!QUALIFIED_NAME.test(name)) return [invalid(field, key, QUALIFIED_NAME_MSG)];
  return [];
}

export function validateLabelSelector(sel: LabelSelector | undefined, field: string): Errs {
  if (!sel) return [];
  const errs: Errs = [];
  (sel.matchExpressions ?? []).forEach((e, i) => {
    const f = `${field}.matchExpressions[${i}]`;
    const n = e.values?.length ?? 0;
    switch (e.operator) {
      case 'In':
      case 'NotIn':
        if (n === 0) errs.push(required(`${f}.values`, "must be specified when `operator` is 'In' or 'NotIn'"));
        break;
      case 'Exists':
      case 'DoesNotExist':
        if (n > 0) errs.push(forbidden(`${f}.values`, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
        break;
      default:
        errs.push(invalid(`${f}.operator`, e.operator, 'not a valid selector operator'));
    }
    errs.push(...validateQualifiedName(e.key ?? '', `${f}.key`));
  });
  errs.push(...validateLabels(sel.matchLabels, `${field}.matchLabels`));
  return errs;
}

export function validatePortNumber(port: number, field: string): Errs {
  return port >= 1 && port <= 65535 ? [] : [invalid(field, port, 'must be between 1 and 65535, inclusive')];
}

/** validation.IsValidPortName (IANA_SVC_NAME). */
export function validatePortName(name: string, field: string): Errs {
  const errs: Errs = [];
  if (name.length > 15) errs.push(invalid(field, name, 'must be no more than 15 characters'));
  if (!/^[-a-z0-9]+$/.test(name)) errs.push(invalid(field, name, 'must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)'));
  if (!/[a-z]/.test(name)) errs.push(invalid(field, name, 'must contain at least one letter (a-z)'));
  if (name.includes('--')) errs.push(invalid(field, name, 'must not contain consecutive hyphens'));
  if (name.startsWith('-') || name.endsWith('-')) errs.push(invalid(field, name, 'must not begin or end with a hyphen'));
  return errs;
}

/** core/validation lists sets.List(supportedPortProtocols), sorted; networking/validation its own order. */
const CORE_PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const NETWORKING_PROTOCOLS = ['TCP', 'UDP', 'SCTP'];

function validateProtocol(p: unknown, field: string, order: string[] = CORE_PROTOCOLS): Errs {
  return p === undefined || order.includes(p as string) ? [] : [notSupported(field, String(p), order)];
}

function validateCidr(cidr: string, field: string): Errs {
  return parseCidr(cidr) ? [] : [invalid(field, cidr, 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)')];
}

interface NpPort {
  protocol?: string;
  port?: number | string;
  endPort?: number;
}
interface NpPeer {
  podSelector?: LabelSelector;
  namespaceSelector?: LabelSelector;
  ipBlock?: { cidr?: string; except?: string[] };
}

/** ValidateNetworkPolicySpec (networking/validation, 1.32). */
export function validateNetworkPolicySpec(spec: Record<string, unknown>): Errs {
  const errs: Errs = [];
  errs.push(...validateLabelSelector(spec.podSelector as LabelSelector | undefined, 'spec.podSelector'));
  const ports = (list: NpPort[] | undefined, f: string) =>
    (list ?? []).forEach((p, i) => {
      const pf = `${f}.ports[${i}]`;
      errs.push(...validateProtocol(p.protocol, `${pf}.protocol`, NETWORKING_PROTOCOLS));
      if (typeof p.port === 'number') errs.push(...validatePortNumber(p.port, `${pf}.port`));
      else if (typeof p.port === 'string') errs.push(...validatePortName(p.port, `${pf}.port`));
      if (p.endPort !== undefined) {
        if (typeof p.port === 'string') errs.push(invalid(`${pf}.endPort`, p.endPort, 'may not be specified when `port` is non-numeric'));
        else if (p.port === undefined) errs.push(invalid(`${pf}.endPort`, p.endPort, 'may not be specified when `port` is not specified'));
        else {
          if (p.endPort < p.port) errs.push(invalid(`${pf}.endPort`, p.endPort, 'must be greater than or equal to `port`'));
          errs.push(...validatePortNumber(p.endPort, `${pf}.endPort`));
        }
      }
    });
  const peers = (list: NpPeer[] | undefined, f: string) =>
    (list ?? []).forEach((peer, i) => {
      const pf = `${f}[${i}]`;
      let n = 0;
      if (peer.podSelector) {
        n++;
        errs.push(...validateLabelSelector(peer.podSelector, `${pf}.podSelector`));
      }
      if (peer.namespaceSelector) {
        n++;
        errs.push(...validateLabelSelector(peer.namespaceSelector, `${pf}.namespaceSelector`));
      }
      if (peer.ipBlock) {
        n++;
        const ib = peer.ipBlock;
        if (!ib.cidr) errs.push(required(`${pf}.ipBlock.cidr`));
        else {
          const cidrErrs = validateCidr(ib.cidr, `${pf}.ipBlock.cidr`);
          errs.push(...cidrErrs);
          const parent = parseCidr(ib.cidr);
          (ib.except ?? []).forEach((ex, j) => {
            const ef = `${pf}.ipBlock.except[${j}]`;
            const exErrs = validateCidr(ex, ef);
            errs.push(...exErrs);
            const child = parseCidr(ex);
            if (parent && child && !(child.prefix > parent.prefix && cidrContains(parent, { family: child.family, value: child.base }))) {
              errs.push(invalid(ef, ex, 'must be a strict subset of `cidr`'));
            }
          });
        }
      }
      if (n === 0) errs.push(required(pf, 'must specify a peer'));
      else if (n > 1 && peer.ipBlock) errs.push(forbidden(pf, 'may not specify both ipBlock and another peer'));
    });
  ((spec.ingress as { from?: NpPeer[]; ports?: NpPort[] }[] | undefined) ?? []).forEach((r, i) => {
    ports(r.ports, `spec.ingress[${i}]`);
    peers(r.from, `spec.ingress[${i}].from`);
  });
  ((spec.egress as { to?: NpPeer[]; ports?: NpPort[] }[] | undefined) ?? []).forEach((r, i) => {
    ports(r.ports, `spec.egress[${i}]`);
    peers(r.to, `spec.egress[${i}].to`);
  });
  const types = (spec.policyTypes as string[] | undefined) ?? [];
  if (types.length > 2) {
    const shown = new GoSyntax(`[]networking.PolicyType{${types.map((t) => q(t)).join(', ')}}`);
    errs.push(invalid('spec.policyTypes', shown, 'may not specify more than two policyTypes'));
  }
  else
    types.forEach((t, i) => {
      if (t !== 'Ingress' && t !== 'Egress') errs.push(notSupported(`spec.policyTypes[${i}]`, t, ['Ingress', 'Egress']));
    });
  return errs;
}

interface ContainerLike {
  name?: string;
  image?: string;
  ports?: { containerPort?: number; name?: string; protocol?: string }[];
}

export function validatePodSpec(spec: Record<string, unknown> | undefined, field: string): Errs {
  const errs: Errs = [];
  const containers = (spec?.containers as ContainerLike[] | undefined) ?? [];
  if (containers.length === 0) errs.push(required(`${field}.containers`));
  const names = new Set<string>();
  containers.forEach((c, i) => {
    const cf = `${field}.containers[${i}]`;
    if (!c.name) errs.push(required(`${cf}.name`));
    else {
      if (!DNS1123_LABEL.test(c.name)) errs.push(invalid(`${cf}.name`, c.name, LABEL_MSG));
      if (names.has(c.name)) errs.push({ type: 'FieldValueDuplicate', field: `${cf}.name`, message: `${cf}.name: Duplicate value: ${q(c.name)}` });
      names.add(c.name);
    }
    if (!c.image) errs.push(required(`${cf}.image`));
    (c.ports ?? []).forEach((p, j) => {
      const pf = `${cf}.ports[${j}]`;
      if (p.containerPort === undefined) errs.push(required(`${pf}.containerPort`));
      else errs.push(...validatePortNumber(p.containerPort, `${pf}.containerPort`));
      if (p.name !== undefined) errs.push(...validatePortName(p.name, `${pf}.name`));
      errs.push(...validateProtocol(p.protocol, `${pf}.protocol`));
    });
  });
  return errs;
}

export function validateServiceSpec(spec: Record<string, unknown> | undefined): Errs {
  const errs: Errs = [];
  const type = (spec?.type as string | undefined) ?? 'ClusterIP';
  const types = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
  if (!types.includes(type)) errs.push(notSupported('spec.type', type, types));
  const ports = (spec?.ports as { port?: number; name?: string; protocol?: string; targetPort?: number | string; nodePort?: number }[] | undefined) ?? [];
  if (ports.length === 0 && type !== 'ExternalName') errs.push(required('spec.ports'));
  ports.forEach((p, i) => {
    const pf = `spec.ports[${i}]`;
    if (ports.length > 1 && !p.name) errs.push(required(`${pf}.name`));
    if (p.port === undefined) errs.push(invalid(`${pf}.port`, 0, 'must be between 1 and 65535, inclusive'));
    else errs.push(...validatePortNumber(p.port, `${pf}.port`));
    errs.push(...validateProtocol(p.protocol, `${pf}.protocol`));
    if (typeof p.targetPort === 'number') errs.push(...validatePortNumber(p.targetPort, `${pf}.targetPort`));
    if (p.nodePort !== undefined && (p.nodePort < 30000 || p.nodePort > 32767)) {
      errs.push(invalid(`${pf}.nodePort`, p.nodePort, 'provided port is not in the valid range. The range of valid ports is 30000-32767'));
    }
  });
  return errs;
}

/** A *metav1.LabelSelector as field.Error prints it (%#v of the struct). */
export function goLabelSelector(sel: LabelSelector | undefined): string {
  if (!sel) return 'null';
  const str = (x: unknown) => JSON.stringify(String(x));
  const labels = sel.matchLabels
    ? `map[string]string{${Object.keys(sel.matchLabels).sort().map((k) => `${str(k)}:${str(sel.matchLabels![k])}`).join(', ')}}`
    : 'map[string]string(nil)';
  const exprs = sel.matchExpressions
    ? `[]v1.LabelSelectorRequirement{${sel.matchExpressions
        .map((e) => `v1.LabelSelectorRequirement{Key:${str(e.key ?? '')}, Operator:${str(e.operator ?? '')}, Values:${e.values ? `[]string{${e.values.map(str).join(', ')}}` : '[]string(nil)'}}`)
        .join(', ')}}`
    : '[]v1.LabelSelectorRequirement(nil)';
  return `v1.LabelSelector{MatchLabels:${labels}, MatchExpressions:${exprs}}`;
}

/** The field.Error constructors, for validation that lives beside its kind. */
export { invalid as invalidCause, required as requiredCause, notSupported as notSupportedCause };
