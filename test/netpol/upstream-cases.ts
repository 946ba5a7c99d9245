/**
 * The upstream e2e NetworkPolicy tests, ported case by case from
 * kubernetes/kubernetes test/e2e/network/netpol/network_policy.go, in its two forms:
 * - current (commit 008b3652959ca58af8be3fb5b6ecfe9ae7638282): each test names its pod topology
 *   (`initializeResources(..., "x/a", "x/b", ...)`);
 * - earlier (commit 9db638c0807a720aa050ebcef69c32e4d4cce280): every test on the full model,
 *   namespaces x/y/z × pods a/b/c, with two expectations more (`fullModelExtra`).
 * The same policies and expected reachability; multi-step tests are stages, each listing the
 * policies present then. Loopback is not compared, as upstream (ignoreLoopback = true).
 */
import type { LabelSelector, NetworkPolicy, Protocol } from '../../server/api/index.js';
import { type Peer, Reachability, modelIp, policy } from './model.js';

export interface UpstreamCheck {
  port: number;
  protocol: Protocol;
  expect: (r: Reachability) => void;
}

export interface UpstreamStage {
  policies: NetworkPolicy[];
  nsLabels?: Record<string, Record<string, string>>;
  podLabels?: Record<string, Record<string, string>>;
  checks: UpstreamCheck[];
}

export interface UpstreamCase {
  name: string;
  pods: string[];
  /** Expectations the full-model version adds for pods the topology leaves out. */
  fullModelExtra?: (r: Reachability) => void;
  ports: number[];
  protocols: Protocol[];
  stages: UpstreamStage[];
}

const NSKEY = 'kubernetes.io/metadata.name';
const all: LabelSelector = {};
const podLabel = (v: string): LabelSelector => ({ matchLabels: { pod: v } });
const X: Peer = { namespace: 'x' };
const Y: Peer = { namespace: 'y' };
const Z: Peer = { namespace: 'z' };
const ANY: Peer = {};

/** makeLargeCIDRForIP: the /4 containing the IP. */
function largeCidr(ip: string): string {
  const first = Number(ip.split('.')[0]) & 0xf0;
  return `${first}.0.0.0/4`;
}

const tcp = (port: number, expect: (r: Reachability) => void): UpstreamCheck => ({ port, protocol: 'TCP', expect });
const nothing = (): void => {};

export const FULL_MODEL_PODS = ['x/a', 'x/b', 'x/c', 'y/a', 'y/b', 'y/c', 'z/a', 'z/b', 'z/c'];

export function upstreamCases(): UpstreamCase[] {
  const cases: UpstreamCase[] = [];
  const one = (name: string, pods: string[], ports: number[], protocols: Protocol[], policies: NetworkPolicy[], checks: UpstreamCheck[]): void => {
    cases.push({ name, pods, ports, protocols, stages: [{ policies, checks }] });
  };

  one("should support a 'default-deny-ingress' policy", ['x/a', 'x/b', 'y/a', 'y/b'], [80], ['TCP'],
    [policy('deny-ingress', 'x', all, { ingress: [] })],
    [tcp(80, (r) => r.expectPeer(ANY, X, false))]);

  one("should support a 'default-deny-all' policy", ['x/a', 'x/b', 'y/a'], [80], ['TCP'],
    [policy('deny-all', 'x', all, { ingress: [], egress: [] })],
    [tcp(80, (r) => { r.expectPeer(ANY, X, false); r.expectPeer(X, ANY, false); })]);

  one('should enforce policy to allow traffic from pods within server namespace based on PodSelector', ['x/a', 'x/b', 'x/c', 'y/a'], [80], ['TCP'],
    [policy('x-a-allows-x-b', 'x', podLabel('a'), { ingress: [{ from: [{ podSelector: podLabel('b') }] }] })],
    [tcp(80, (r) => { r.expectAllIngress('x/a', false); r.expect('x/b', 'x/a', true); })]);

  one('should enforce policy to allow ingress traffic for a target', ['x/a', 'x/b', 'y/a'], [80], ['TCP'],
    [
      policy('deny-all', 'x', all, { ingress: [] }),
      policy('allow-all-to-a', 'x', podLabel('a'), { ingress: [{ from: [{ podSelector: {}, namespaceSelector: {} }] }] }),
    ],
    [tcp(80, (r) => { r.expectAllIngress('x/a', true); r.expectAllIngress('x/b', false); })]);
  cases[cases.length - 1]!.fullModelExtra = (r) => r.expectAllIngress('x/c', false);

  one('should enforce policy to allow ingress traffic from pods in all namespaces', ['x/a', 'x/b', 'y/a', 'z/a'], [80], ['TCP'],
    [policy('allow-from-another-ns', 'x', podLabel('a'), { ingress: [{ from: [{ namespaceSelector: { matchLabels: {} } }] }] })],
    [tcp(80, nothing)]);

  one('should enforce policy to allow traffic only from a different namespace, based on NamespaceSelector', ['x/a', 'x/b', 'y/a', 'z/a'], [80], ['TCP'],
    [policy('allow-client-a-via-ns-selector', 'x', podLabel('a'), { ingress: [{ from: [{ namespaceSelector: { matchLabels: { [NSKEY]: 'y' } } }] }] })],
    [tcp(80, (r) => { r.expectPeer(X, { namespace: 'x', pod: 'a' }, false); r.expectPeer(Z, { namespace: 'x', pod: 'a' }, false); })]);

  one('should enforce policy based on PodSelector with MatchExpressions', ['x/a', 'x/b', 'y/a'], [80], ['TCP'],
    [policy('x-a-allows-x-b', 'x', podLabel('a'), { ingress: [{ from: [{ podSelector: { matchExpressions: [{ key: 'pod', operator: 'In', values: ['b'] }] } }] }] })],
    [tcp(80, (r) => { r.expectAllIngress('x/a', false); r.expect('x/b', 'x/a', true); })]);

  one('should enforce policy based on NamespaceSelector with MatchExpressions', ['x/a', 'x/b', 'y/a', 'z/a'], [80], ['TCP'],
    [policy('allow-ns-y-match-selector', 'x', podLabel('a'), { ingress: [{ from: [{ namespaceSelector: { matchExpressions: [{ key: NSKEY, operator: 'In', values: ['y'] }] } }] }] })],
    [tcp(80, (r) => { r.expectPeer(X, { namespace: 'x', pod: 'a' }, false); r.expectPeer(Z, { namespace: 'x', pod: 'a' }, false); })]);

  one('should enforce policy based on PodSelector or NamespaceSelector', ['x/a', 'x/b', 'x/c', 'y/a'], [80], ['TCP'],
    [policy('allow-ns-y-match-selector', 'x', podLabel('a'), {
      ingress: [{ from: [{ namespaceSelector: { matchExpressions: [{ key: NSKEY, operator: 'NotIn', values: ['x'] }] } }, { podSelector: podLabel('b') }] }],
    })],
    [tcp(80, (r) => { r.expect('x/a', 'x/a', false); r.expect('x/c', 'x/a', false); })]);

  one('should enforce policy based on PodSelector and NamespaceSelector', ['x/a', 'x/b', 'y/a', 'y/b', 'z/b'], [80], ['TCP'],
    [policy('allow-ns-y-podselector-and-nsselector', 'x', podLabel('a'), {
      ingress: [{ from: [{ namespaceSelector: { matchExpressions: [{ key: NSKEY, operator: 'NotIn', values: ['x'] }] }, podSelector: podLabel('b') }] }],
    })],
    [tcp(80, (r) => { r.expectAllIngress('x/a', false); r.expect('y/b', 'x/a', true); r.expect('z/b', 'x/a', true); })]);

  one('should enforce policy based on Multiple PodSelectors and NamespaceSelectors', ['x/a', 'x/b', 'y/a', 'y/b', 'y/c'], [80], ['TCP'],
    [policy('allow-ns-y-z-pod-b-c', 'x', podLabel('a'), {
      ingress: [{ from: [{
        namespaceSelector: { matchExpressions: [{ key: NSKEY, operator: 'NotIn', values: ['x'] }] },
        podSelector: { matchExpressions: [{ key: 'pod', operator: 'In', values: ['b', 'c'] }] },
      }] }],
    })],
    [tcp(80, (r) => { r.expectPeer(X, { namespace: 'x', pod: 'a' }, false); r.expect('y/a', 'x/a', false); })]);
  cases[cases.length - 1]!.fullModelExtra = (r) => r.expect('z/a', 'x/a', false);

  one('should enforce policy based on any PodSelectors', ['x/a', 'x/b', 'x/c'], [80], ['TCP'],
    [policy('allow-ns-x-pod-b-c', 'x', podLabel('a'), { ingress: [{ from: [{ podSelector: podLabel('b') }, { podSelector: podLabel('c') }] }] })],
    [tcp(80, (r) => { r.expectAllIngress('x/a', false); r.expect('x/b', 'x/a', true); r.expect('x/c', 'x/a', true); })]);

  one('should enforce policy to allow traffic only from a pod in a different namespace based on PodSelector and NamespaceSelector', ['x/a', 'x/b', 'y/a', 'y/b', 'z/a'], [80], ['TCP'],
    [policy('allow-ns-y-pod-a-via-namespace-pod-selector', 'x', podLabel('a'), { ingress: [{ from: [{ namespaceSelector: { matchLabels: { [NSKEY]: 'y' } }, podSelector: podLabel('a') }] }] })],
    [tcp(80, (r) => { r.expectAllIngress('x/a', false); r.expect('y/a', 'x/a', true); })]);

  const allowPort81 = policy('allow-client-a-via-ns-selector', 'x', podLabel('a'), {
    ingress: [{ from: [{ namespaceSelector: { matchLabels: { [NSKEY]: 'y' } } }], ports: [{ port: 81, protocol: 'TCP' }] }],
  });
  const allow81Reach = (r: Reachability): void => {
    r.expectPeer(X, { namespace: 'x', pod: 'a' }, false);
    r.expectPeer(Y, { namespace: 'x', pod: 'a' }, true);
    r.expectPeer(Z, { namespace: 'x', pod: 'a' }, false);
  };
  one('should enforce policy based on Ports', ['x/a', 'x/b', 'y/a', 'y/b', 'z/a'], [81], ['TCP'], [allowPort81], [tcp(81, allow81Reach)]);

  cases.push({
    name: 'should enforce multiple, stacked policies with overlapping podSelectors',
    pods: ['x/a', 'x/b', 'y/a', 'y/b', 'z/a'], ports: [80, 81], protocols: ['TCP'],
    stages: [
      { policies: [allowPort81], checks: [tcp(81, allow81Reach), tcp(80, (r) => r.expectAllIngress('x/a', false))] },
      {
        policies: [allowPort81, policy('allow-client-a-via-ns-selector-80', 'x', podLabel('a'), {
          ingress: [{ from: [{ namespaceSelector: { matchLabels: { [NSKEY]: 'y' } } }], ports: [{ port: 80, protocol: 'TCP' }] }],
        })],
        checks: [tcp(80, allow81Reach)],
      },
    ],
  });

  one('should support allow-all policy', ['x/a', 'x/b', 'y/a'], [80, 81], ['TCP'],
    [policy('allow-all', 'x', { matchLabels: {} }, { ingress: [{}] })], [tcp(80, nothing), tcp(81, nothing)]);

  one('should allow ingress access on one named port', ['x/a', 'x/b', 'y/a'], [80, 81], ['TCP'],
    [policy('allow-all', 'x', { matchLabels: {} }, { ingress: [{ ports: [{ port: 'serve-81-tcp' }] }] })],
    [tcp(81, nothing), tcp(80, (r) => r.expectPeer(ANY, X, false))]);

  one('should allow ingress access from namespace on one named port', ['x/a', 'x/b', 'y/a', 'z/a'], [80, 81], ['TCP'],
    [policy('allow-client-a-via-ns-selector-80', 'x', podLabel('a'), {
      ingress: [{ from: [{ namespaceSelector: { matchLabels: { [NSKEY]: 'y' } } }], ports: [{ port: 'serve-80-tcp', protocol: 'TCP' }] }],
    })],
    [
      tcp(80, (r) => { r.expectPeer(X, { namespace: 'x', pod: 'a' }, false); r.expectPeer(Z, { namespace: 'x', pod: 'a' }, false); }),
      tcp(81, (r) => r.expectAllIngress('x/a', false)),
    ]);

  one('should allow egress access on one named port', ['x/a', 'y/a'], [80, 81], ['TCP'],
    [policy('allow-egress', 'x', { matchLabels: {} }, { egress: [{ ports: [{ port: 'serve-80-tcp' }] }] })],
    [tcp(80, nothing), tcp(81, (r) => r.expectPeer(X, ANY, false))]);

  cases.push({
    name: 'should enforce updated policy',
    pods: ['x/a', 'y/a'], ports: [81], protocols: ['TCP'],
    stages: [
      { policies: [policy('allow-all-mutate-to-deny-all', 'x', { matchLabels: {} }, { ingress: [{}] })], checks: [tcp(81, nothing)] },
      { policies: [policy('allow-all-mutate-to-deny-all', 'x', { matchLabels: {} }, { ingress: [] })], checks: [tcp(81, (r) => r.expectPeer(ANY, X, false))] },
    ],
  });

  const nsUpdated = policy('allow-client-a-via-ns-selector', 'x', podLabel('a'), { ingress: [{ from: [{ namespaceSelector: { matchLabels: { ns2: 'updated' } } }] }] });
  cases.push({
    name: 'should allow ingress access from updated namespace',
    pods: ['x/a', 'y/a'], ports: [80], protocols: ['TCP'],
    stages: [
      { policies: [nsUpdated], checks: [tcp(80, (r) => r.expectAllIngress('x/a', false))] },
      { policies: [nsUpdated], nsLabels: { y: { ns2: 'updated' } }, checks: [tcp(80, (r) => { r.expectAllIngress('x/a', false); r.expectPeer(Y, ANY, true); })] },
    ],
  });

  const podUpdated = policy('allow-client-a-via-pod-selector', 'x', podLabel('a'), { ingress: [{ from: [{ podSelector: { matchLabels: { pod: 'b', pod2: 'updated' } } }] }] });
  cases.push({
    name: 'should allow ingress access from updated pod',
    pods: ['x/a', 'x/b'], ports: [80], protocols: ['TCP'],
    stages: [
      { policies: [podUpdated], checks: [tcp(80, (r) => r.expectAllIngress('x/a', false))] },
      { policies: [podUpdated], podLabels: { 'x/b': { pod: 'b', pod2: 'updated' } }, checks: [tcp(80, (r) => { r.expectAllIngress('x/a', false); r.expect('x/b', 'x/a', true); })] },
    ],
  });

  one('should deny ingress from pods on other namespaces', ['x/a', 'x/b', 'y/a', 'z/a'], [80], ['TCP'],
    [policy('deny-empty-policy', 'x', all, { ingress: [{ from: [{ podSelector: { matchLabels: {} } }] }] })],
    [tcp(80, (r) => { r.expectPeer(Y, X, false); r.expectPeer(Z, X, false); })]);

  const isolatedPolicy = policy('deny-ingress-via-label-selector', 'x', { matchLabels: { target: 'isolated' } }, { ingress: [] });
  cases.push({
    name: 'should deny ingress access to updated pod',
    pods: ['x/a', 'y/a'], ports: [80], protocols: ['TCP'],
    stages: [
      { policies: [isolatedPolicy], checks: [tcp(80, nothing)] },
      // AddPodLabels merges: x/a keeps pod=a and gains target=isolated.
      { policies: [isolatedPolicy], podLabels: { 'x/a': { pod: 'a', target: 'isolated' } }, checks: [tcp(80, (r) => r.expectAllIngress('x/a', false))] },
    ],
  });

  one('should deny egress from pods based on PodSelector', ['x/a', 'x/b', 'y/a'], [80], ['TCP'],
    [policy('deny-egress-pod-a', 'x', podLabel('a'), { egress: [] })],
    [tcp(80, (r) => r.expectAllEgress('x/a', false))]);

  one('should deny egress from all pods in a namespace', ['x/a', 'x/b', 'y/a'], [80], ['TCP'],
    [policy('deny-egress-ns-x', 'x', all, { egress: [] })],
    [tcp(80, (r) => r.expectPeer(X, ANY, false))]);

  one('should work with Ingress, Egress specified together', ['x/a', 'x/b', 'x/c', 'y/a'], [80, 81], ['TCP'],
    [policy('allow-client-a-via-pod-selector', 'x', podLabel('a'), {
      ingress: [{ from: [{ podSelector: podLabel('b') }] }],
      egress: [{ ports: [{ port: 80 }] }],
      policyTypes: ['Egress', 'Ingress'],
    })],
    [
      tcp(80, (r) => { r.expectAllIngress('x/a', false); r.expect('x/b', 'x/a', true); }),
      tcp(81, (r) => { r.expectAllIngress('x/a', false); r.expectAllEgress('x/a', false); r.expect('x/b', 'x/a', true); }),
    ]);

  const xaIngress = { from: [{ namespaceSelector: { matchLabels: { [NSKEY]: 'x' } }, podSelector: podLabel('a') }] };
  one('should support denying of egress traffic on the client side (even if the server explicitly allows this traffic)', ['x/a', 'y/a', 'y/b'], [80], ['TCP'],
    [
      policy('allow-to-ns-y-pod-a', 'x', podLabel('a'), { egress: [{ to: [{ namespaceSelector: { matchLabels: { [NSKEY]: 'y' } }, podSelector: podLabel('a') }] }] }),
      policy('allow-from-xa-on-ya-match-selector', 'y', podLabel('a'), { ingress: [xaIngress] }),
      policy('allow-from-xa-on-yb-match-selector', 'y', podLabel('b'), { ingress: [xaIngress] }),
    ],
    [tcp(80, (r) => {
      r.expectPeer({ namespace: 'x', pod: 'a' }, ANY, false);
      r.expectPeer(ANY, { namespace: 'y', pod: 'a' }, false);
      r.expectPeer({ namespace: 'x', pod: 'a' }, { namespace: 'y', pod: 'a' }, true);
      r.expectPeer(ANY, { namespace: 'y', pod: 'b' }, false);
    })]);

  one('should enforce egress policy allowing traffic to a server in a different namespace based on PodSelector and NamespaceSelector', ['x/a', 'y/a', 'y/b'], [80], ['TCP'],
    [policy('allow-to-ns-y-pod-a', 'x', podLabel('a'), { egress: [{ to: [{ namespaceSelector: { matchLabels: { [NSKEY]: 'y' } }, podSelector: podLabel('a') }] }] })],
    [tcp(80, (r) => { r.expectAllEgress('x/a', false); r.expect('x/a', 'y/a', true); })]);

  one('should enforce ingress policy allowing any port traffic to a server on a specific protocol', ['x/a', 'y/a'], [80], ['TCP', 'UDP'],
    [policy('allow-ingress-by-proto', 'x', podLabel('a'), { ingress: [{ ports: [{ protocol: 'TCP' }] }] })],
    [tcp(80, nothing), { port: 80, protocol: 'UDP', expect: (r) => r.expectPeer(ANY, { namespace: 'x', pod: 'a' }, false) }]);

  cases.push({
    name: 'should enforce multiple ingress policies with ingress allow-all policy taking precedence',
    pods: ['x/a', 'y/a'], ports: [81], protocols: ['TCP'],
    stages: [
      { policies: [policy('allow-ingress-port-80', 'x', { matchLabels: {} }, { ingress: [{ ports: [{ port: 80 }] }] })], checks: [tcp(81, (r) => r.expectPeer(ANY, X, false))] },
      {
        policies: [policy('allow-ingress-port-80', 'x', { matchLabels: {} }, { ingress: [{ ports: [{ port: 80 }] }] }), policy('allow-ingress', 'x', { matchLabels: {} }, { ingress: [{}] })],
        checks: [tcp(81, nothing)],
      },
    ],
  });

  cases.push({
    name: 'should enforce multiple egress policies with egress allow-all policy taking precedence',
    pods: ['x/a', 'y/a'], ports: [81], protocols: ['TCP'],
    stages: [
      { policies: [policy('allow-egress-port-80', 'x', { matchLabels: {} }, { egress: [{ ports: [{ port: 80 }] }] })], checks: [tcp(81, (r) => r.expectPeer(X, ANY, false))] },
      {
        policies: [policy('allow-egress-port-80', 'x', { matchLabels: {} }, { egress: [{ ports: [{ port: 80 }] }] }), policy('allow-egress', 'x', { matchLabels: {} }, { egress: [{}] })],
        checks: [tcp(81, nothing)],
      },
    ],
  });

  cases.push({
    name: 'should stop enforcing policies after they are deleted',
    pods: ['x/a', 'y/a'], ports: [80], protocols: ['TCP'],
    stages: [
      { policies: [policy('deny-all', 'x', all, { ingress: [], egress: [] })], checks: [tcp(80, (r) => { r.expectPeer(X, ANY, false); r.expectPeer(ANY, X, false); })] },
      { policies: [], checks: [tcp(80, nothing)] },
    ],
  });

  one('should allow egress access to server in CIDR block', ['x/a', 'y/a', 'y/b'], [80], ['TCP'],
    [policy('allow-client-a-via-cidr-egress-rule', 'x', podLabel('a'), { egress: [{ to: [{ ipBlock: { cidr: `${modelIp('y/b')}/32` } }] }] })],
    [tcp(80, (r) => { r.expectAllEgress('x/a', false); r.expect('x/a', 'y/b', true); })]);

  const exceptPolicy = policy('allow-client-a-via-cidr-egress-rule', 'x', podLabel('a'), {
    egress: [{ to: [{ ipBlock: { cidr: largeCidr(modelIp('x/b')), except: [`${modelIp('x/b')}/32`] } }] }],
  });
  one('should enforce except clause while egress access to server in CIDR block', ['x/a', 'x/b', 'x/c'], [80], ['TCP'],
    [exceptPolicy], [tcp(80, (r) => r.expect('x/a', 'x/b', false))]);

  cases.push({
    name: 'should ensure an IP overlapping both IPBlock.CIDR and IPBlock.Except is allowed',
    pods: ['x/a', 'x/b', 'x/c'], ports: [80], protocols: ['TCP'],
    stages: [
      { policies: [exceptPolicy], checks: [tcp(80, (r) => r.expect('x/a', 'x/b', false))] },
      // UpdatePolicy replaces the policy of the same name.
      {
        policies: [policy('allow-client-a-via-cidr-egress-rule', 'x', podLabel('a'), { egress: [{ to: [{ ipBlock: { cidr: `${modelIp('x/b')}/32` } }] }] })],
        checks: [tcp(80, (r) => { r.expectAllEgress('x/a', false); r.expect('x/a', 'x/b', true); })],
      },
    ],
  });

  const target = podLabel('a');
  cases.push({
    name: 'should enforce policies to check ingress and egress policies can be controlled independently based on PodSelector',
    pods: ['x/a', 'x/b', 'y/a'], ports: [80], protocols: ['TCP'],
    stages: [
      { policies: [policy('allow-egress-for-target', 'x', target, { egress: [{}] })], checks: [tcp(80, nothing)] },
      {
        policies: [policy('allow-egress-for-target', 'x', target, { egress: [{}] }), policy('deny-ingress-via-label-selector', 'x', target, { ingress: [] })],
        checks: [tcp(80, (r) => r.expectAllIngress('x/a', false))],
      },
    ],
  });

  one("should not mistakenly treat 'protocol: SCTP' as 'protocol: TCP', even if the plugin doesn't support SCTP", ['x/a', 'y/a'], [81], ['TCP'],
    [policy('deny-ingress', 'x', all, { ingress: [] }), policy('allow-only-sctp-ingress-on-port-81', 'x', podLabel('a'), { ingress: [{ ports: [{ port: 81, protocol: 'SCTP' }] }] })],
    [tcp(81, (r) => r.expectPeer(ANY, X, false))]);

  one("should properly isolate pods that are selected by a policy allowing SCTP, even if the plugin doesn't support SCTP", ['x/a', 'y/a'], [81], ['TCP'],
    [policy('allow-only-sctp-ingress-on-port-80', 'x', podLabel('a'), { ingress: [{ ports: [{ port: 80, protocol: 'SCTP' }] }] })],
    [tcp(81, (r) => r.expectAllIngress('x/a', false))]);

  one('should not allow access by TCP when a policy specifies only UDP', ['x/a', 'y/a'], [81], ['TCP'],
    [policy('allow-only-udp-ingress-on-port-81', 'x', podLabel('a'), { ingress: [{ ports: [{ port: 81, protocol: 'UDP' }] }] })],
    [tcp(81, (r) => r.expectAllIngress('x/a', false))]);

  one('should enforce policy to allow traffic based on NamespaceSelector with MatchLabels using default ns label', ['x/a', 'x/b', 'y/a', 'z/a'], [80], ['TCP'],
    [policy('allow-client-a-via-ns-selector-for-immutable-ns-label', 'x', podLabel('a'), { ingress: [{ from: [{ namespaceSelector: { matchLabels: { [NSKEY]: 'y' } } }] }] })],
    [tcp(80, (r) => { r.expectPeer(X, { namespace: 'x', pod: 'a' }, false); r.expectPeer(Z, { namespace: 'x', pod: 'a' }, false); })]);

  one('should enforce policy based on NamespaceSelector with MatchExpressions using default ns label', ['x/a', 'x/b', 'y/a', 'z/a'], [80], ['TCP'],
    [policy('allow-ns-y-match-selector-for-immutable-ns-label', 'x', podLabel('a'), {
      egress: [{ to: [{ namespaceSelector: { matchExpressions: [{ key: NSKEY, operator: 'NotIn', values: ['y'] }] } }] }],
    })],
    [tcp(80, (r) => r.expectPeer({ namespace: 'x', pod: 'a' }, Y, false))]);

  // ---- "Netpol [LinuxOnly]" (UDP) and "Netpol [Feature:SCTPConnectivity]" (SCTP) ----
  for (const protocol of ['UDP', 'SCTP'] as const) {
    const p = (port: number, expect: (r: Reachability) => void): UpstreamCheck => ({ port, protocol, expect });
    cases.push({
      name: `${protocol}: should support a 'default-deny-ingress' policy`,
      pods: ['x/a', 'x/b', 'y/a', 'y/b'], ports: [80], protocols: [protocol],
      stages: [{ policies: [policy('deny-all', 'x', all, { ingress: [] })], checks: [p(80, (r) => r.expectPeer(ANY, X, false))] }],
    });
    cases.push({
      name: `${protocol}: should enforce policy based on Ports`,
      pods: ['x/a', 'x/b', 'y/a', 'z/a'], ports: [81], protocols: [protocol],
      stages: [{
        policies: [policy('allow-ingress-on-port-81-ns-x', 'x', podLabel('a'), { ingress: [{ from: [{ namespaceSelector: { matchLabels: { [NSKEY]: 'y' } } }], ports: [{ port: 81, protocol }] }] })],
        checks: [p(81, (r) => { r.expectPeer(X, { namespace: 'x', pod: 'a' }, false); r.expectPeer(Z, { namespace: 'x', pod: 'a' }, false); })],
      }],
    });
    cases.push({
      name: `${protocol}: should enforce policy to allow traffic only from a pod in a different namespace based on PodSelector and NamespaceSelector`,
      pods: ['x/a', 'x/b', 'y/a'], ports: [80], protocols: [protocol],
      stages: [{
        policies: [policy('allow-ns-y-pod-a-via-namespace-pod-selector', 'x', podLabel('a'), { ingress: [{ from: [{ namespaceSelector: { matchLabels: { [NSKEY]: 'y' } }, podSelector: podLabel('a') }] }] })],
        checks: [p(80, (r) => { r.expectAllIngress('x/a', false); r.expect('y/a', 'x/a', true); })],
      }],
    });
  }
  return cases;
}
