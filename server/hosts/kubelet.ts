/**
 * What the kubelet finds when systemd starts it: the unit's ExecStart and environment, its config
 * file, the client CA, the kubeconfig and the API server it points at. Each failure is the
 * kubelet's own message (kubernetes/kubernetes cmd/kubelet/app/server.go, run.go:72 "command failed";
 * pkg/kubelet/kubelet_node_status.go "Unable to register node with API server").
 */
import { parse as parseYaml } from 'yaml';
import type { Vfs } from '../shell/index.js';

export type KubeletStart =
  /** systemd cannot exec the binary (status=203/EXEC). */
  | { kind: 'exec'; path: string }
  /** The kubelet exits with an error (status=1/FAILURE). */
  | { kind: 'exit'; error: string }
  /** It runs; `apiError` when it cannot reach the API server (the node stops posting status). */
  | { kind: 'running'; apiError?: string; staticPodPath: string; cmdline: string };

export const KUBELET_BINARY = '/usr/bin/kubelet';
const GOOD_SERVERS = new Set(['https://controlplane:6443', 'https://192.168.0.2:6443']);

/** The drop-in's `Environment=` values and the effective ExecStart (systemd semantics: `ExecStart=` resets). */
export function parseUnit(dropIn: string, envFiles: Record<string, string | undefined>): { env: Record<string, string>; exec: string } {
  const env: Record<string, string> = {};
  let exec = KUBELET_BINARY;
  for (const raw of dropIn.split('\n')) {
    const line = raw.trim();
    if (line.startsWith('#') || !line.includes('=')) continue;
    const key = line.slice(0, line.indexOf('='));
    const value = line.slice(line.indexOf('=') + 1);
    if (key === 'Environment') {
      for (const m of value.matchAll(/"([A-Za-z_][A-Za-z0-9_]*)=([^"]*)"|([A-Za-z_][A-Za-z0-9_]*)=(\S*)/g)) env[m[1] ?? m[3]!] = m[2] ?? m[4] ?? '';
    } else if (key === 'EnvironmentFile') {
      const file = envFiles[value.replace(/^-/, '')];
      for (const l of (file ?? '').split('\n')) {
        const m = /^([A-Za-z_][A-Za-z0-9_]*)=(?:"(.*)"|(.*))$/.exec(l.trim());
        if (m) env[m[1]!] = m[2] ?? m[3] ?? '';
      }
    } else if (key === 'ExecStart') exec = value;
  }
  const expanded = exec.replace(/\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g, (_m, n: string) => env[n] ?? '').replace(/\s+/g, ' ').trim();
  return { env, exec: expanded };
}

function flag(cmdline: string, name: string): string | undefined {
  const m = new RegExp(`--${name}[= ](\\S+)`).exec(cmdline);
  return m?.[1];
}

export function startKubelet(fs: Vfs, _node: string, dropIn: string, exists: (path: string) => boolean = (p) => fs.read(p) !== undefined): KubeletStart {
  const { exec } = parseUnit(dropIn, { '/var/lib/kubelet/kubeadm-flags.env': fs.read('/var/lib/kubelet/kubeadm-flags.env'), '/etc/default/kubelet': fs.read('/etc/default/kubelet') });
  const binary = exec.split(' ')[0] ?? '';
  if (binary !== KUBELET_BINARY) return { kind: 'exec', path: binary };
  const configPath = flag(exec, 'config');
  let staticPodPath = '';
  if (configPath) {
    const text = fs.read(configPath);
    if (text === undefined) {
      return {
        kind: 'exit',
        error: `failed to load kubelet config file, path: ${configPath}, error: failed to load Kubelet config file ${configPath}, error failed to read kubelet config file \\"${configPath}\\", error: open ${configPath}: no such file or directory`,
      };
    }
    let cfg: Record<string, unknown>;
    try {
      cfg = (parseYaml(text) ?? {}) as Record<string, unknown>;
      if (typeof cfg !== 'object' || Array.isArray(cfg)) throw new Error('not a map');
    } catch (e) {
      return { kind: 'exit', error: `failed to load kubelet config file, path: ${configPath}, error: failed to load Kubelet config file ${configPath}, error failed to decode: ${(e as Error).message.split('\n')[0]}` };
    }
    if (cfg.kind !== 'KubeletConfiguration' || cfg.apiVersion !== 'kubelet.config.k8s.io/v1beta1') {
      return { kind: 'exit', error: `failed to load kubelet config file, path: ${configPath}, error: failed to load Kubelet config file ${configPath}, error failed to decode: no kind "${String(cfg.kind ?? '')}" is registered for version "${String(cfg.apiVersion ?? '')}" in scheme "pkg/kubelet/apis/config/scheme/scheme.go:28"` };
    }
    for (const [k, t] of [['maxPods', 'int32'], ['healthzPort', 'int32']] as const) {
      if (cfg[k] !== undefined && typeof cfg[k] !== 'number') {
        return { kind: 'exit', error: `failed to load kubelet config file, path: ${configPath}, error: failed to load Kubelet config file ${configPath}, error failed to decode: json: cannot unmarshal string into Go struct field KubeletConfiguration.${k} of type ${t}` };
      }
    }
    const ca = (cfg.authentication as any)?.x509?.clientCAFile;
    if (typeof ca === 'string' && ca && !exists(ca)) {
      return { kind: 'exit', error: `failed to construct kubelet dependencies: unable to load client CA file ${ca}: open ${ca}: no such file or directory` };
    }
    staticPodPath = typeof cfg.staticPodPath === 'string' ? cfg.staticPodPath : '';
  }
  const kubeconfigPath = flag(exec, 'kubeconfig');
  const bootstrap = flag(exec, 'bootstrap-kubeconfig');
  if (!kubeconfigPath || fs.read(kubeconfigPath) === undefined) {
    const b = bootstrap ?? '';
    if (!bootstrap || fs.read(bootstrap) === undefined) return { kind: 'exit', error: `failed to run Kubelet: unable to load bootstrap kubeconfig: stat ${b}: no such file or directory` };
  }
  const kc = fs.read(kubeconfigPath ?? '') ?? '';
  const server = /^\s*server:\s*(\S+)/m.exec(kc)?.[1];
  let apiError: string | undefined;
  if (server && !GOOD_SERVERS.has(server)) {
    const m = /^https?:\/\/([^:/]+)(?::(\d+))?/.exec(server);
    const host = m?.[1] ?? server;
    const port = m?.[2] ?? '443';
    const ip = host === 'controlplane' ? '192.168.0.2' : host;
    apiError = /^\d+\.\d+\.\d+\.\d+$/.test(ip) || host === 'controlplane'
      ? `Post \\"${server}/api/v1/nodes\\": dial tcp ${ip}:${port}: connect: connection refused`
      : `Post \\"${server}/api/v1/nodes\\": dial tcp: lookup ${host} on 127.0.0.53:53: server misbehaving`;
  }
  return { kind: 'running', staticPodPath, cmdline: exec, ...(apiError ? { apiError } : {}) };
}
