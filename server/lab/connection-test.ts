/**
 * The connection-test app a scenario can give a pod (the seed lab's webapp-conntest): its page
 * tries a TCP or HTTP connection from that pod to a host and port, through the engine.
 */
import { connect, explainConnection, type Engine } from '../netpol/index.js';

export interface ConnectionTestResult {
  ok: boolean;
  /** What the app's page prints. */
  message: string;
  /** Why, in the engine's words (the lab page shows it under the result). */
  why: string[];
}

export function connectionTest(engine: Engine, podKey: string, host: string, port: number, mode: 'tcp' | 'http'): ConnectionTestResult {
  const pod = engine.indexed.podByKey.get(podKey);
  if (!pod) return { ok: false, message: `The pod ${podKey} is not running.`, why: [] };
  const h = host.trim();
  if (!/^[A-Za-z0-9.-]{1,253}$/.test(h)) return { ok: false, message: 'Enter a host name or an IP address.', why: [] };
  if (!Number.isInteger(port) || port < 1 || port > 65535) return { ok: false, message: 'Enter a port between 1 and 65535.', why: [] };
  const o = connect(engine, pod, h, port, 'TCP');
  const why = explainConnection(o, 'TCP');
  switch (o.status) {
    case 'connected':
      return { ok: true, message: mode === 'http' ? `Success!\n\n${o.response}` : 'Success!', why };
    case 'refused':
      return { ok: false, message: `Failed! Connection refused by ${h}:${port}.`, why };
    case 'nxdomain':
      return { ok: false, message: `Failed! ${h}: Name or service not known.`, why };
    case 'dns-timeout':
      return { ok: false, message: `Failed! Timed out resolving ${h}.`, why };
    case 'timeout':
      return { ok: false, message: `Failed! Timed out connecting to ${h}:${port}.`, why };
  }
}
