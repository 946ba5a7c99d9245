/**
 * The images a lab can pull: the public images CKA tasks use, with what their containers do by
 * default (entrypoint + cmd as their Dockerfiles set them), the ports they listen on, the first
 * lines they log, and their compressed size (for kubelet's "Successfully pulled" event). Any
 * other image, or a tag not listed, does not exist: the pull fails as containerd reports it.
 */
export type Behaviour =
  /** A server: runs until stopped. */
  | { kind: 'serves' }
  /** The image's default is an interactive shell: without a tty it reads EOF and exits 0 at once. */
  | { kind: 'shell' };

export interface ImageInfo {
  /** Repository as containerd names it: docker.io/library/nginx. */
  repository: string;
  tags: readonly string[];
  /** The tag `latest` (or no tag) resolves to. */
  latest: string;
  entrypoint: readonly string[];
  cmd: readonly string[];
  ports: readonly number[];
  behaviour: Behaviour;
  /** What the container prints when it starts with its default command. */
  startupLogs: readonly string[];
  /** Bytes, as kubelet's pull event reports the image size. */
  size: number;
  /** Programs on the image's PATH besides the shell builtins (for "executable file not found"). */
  programs: readonly string[];
}

const BUSYBOX_APPLETS = [
  'sh', 'ash', 'echo', 'sleep', 'cat', 'ls', 'env', 'printenv', 'wget', 'nc', 'nslookup', 'ping', 'telnet', 'true', 'false',
  'date', 'hostname', 'ps', 'top', 'df', 'du', 'free', 'grep', 'sed', 'awk', 'head', 'tail', 'touch', 'mkdir', 'rm', 'cp', 'mv',
  'tee', 'wc', 'sort', 'uniq', 'cut', 'tr', 'id', 'whoami', 'uname', 'vi', 'watch', 'xargs', 'find', 'test', '[', 'expr', 'seq',
];

const NGINX_LOGS = [
  '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration',
  '/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/',
  '/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh',
  '10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf',
  '10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf',
  '/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh',
  '/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh',
  '/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh',
  '/docker-entrypoint.sh: Configuration complete; ready for start up',
];

const ALPINE_APPLETS = BUSYBOX_APPLETS.filter((p) => p !== 'telnet');
const NET_TOOLS = ['curl', 'wget', 'nc', 'telnet', 'nslookup', 'ping', 'dig', 'host'];

const DEBIAN_PROGRAMS = ['sh', 'bash', 'echo', 'sleep', 'cat', 'ls', 'env', 'printenv', 'true', 'false', 'date', 'hostname', 'grep', 'sed', 'head', 'tail', 'mkdir', 'rm', 'cp', 'mv', 'id', 'whoami', 'uname', 'touch', 'tee', 'wc', 'sort'];

export const IMAGES: readonly ImageInfo[] = [
  {
    repository: 'docker.io/library/nginx',
    tags: ['latest', '1.27', '1.27.3', '1.27.4', '1.26', '1.25', '1.25.5', '1.24', '1.23', '1.22', '1.21', '1.20', '1.19', '1.18', '1.17', '1.16', '1.14.2', 'alpine', 'stable', 'mainline', '1.27-alpine', 'stable-alpine'],
    latest: '1.27.3',
    entrypoint: ['/docker-entrypoint.sh'],
    cmd: ['nginx', '-g', 'daemon off;'],
    ports: [80],
    behaviour: { kind: 'serves' },
    startupLogs: NGINX_LOGS,
    size: 72_953_745,
    programs: [...DEBIAN_PROGRAMS, 'nginx', 'curl'],
  },
  {
    repository: 'docker.io/library/httpd',
    tags: ['latest', '2.4', '2.4.62', '2.4-alpine', 'alpine'],
    latest: '2.4.62',
    entrypoint: [],
    cmd: ['httpd-foreground'],
    ports: [80],
    behaviour: { kind: 'serves' },
    startupLogs: [
      "AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using 10.244.1.2. Set the 'ServerName' directive globally to suppress this message",
      "AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using 10.244.1.2. Set the 'ServerName' directive globally to suppress this message",
      '[mpm_event:notice] [pid 1:tid 1] AH00489: Apache/2.4.62 (Unix) configured -- resuming normal operations',
      "[core:notice] [pid 1:tid 1] AH00094: Command line: 'httpd -D FOREGROUND'",
    ],
    size: 58_203_425,
    programs: [...DEBIAN_PROGRAMS, 'httpd', 'httpd-foreground', 'curl'],
  },
  {
    repository: 'docker.io/library/busybox',
    tags: ['latest', '1.37', '1.37.0', '1.36', '1.36.1', '1.35', '1.34', '1.28', 'stable', 'musl', 'glibc', 'uclibc'],
    latest: '1.37.0',
    entrypoint: [],
    cmd: ['sh'],
    ports: [],
    behaviour: { kind: 'shell' },
    startupLogs: [],
    size: 2_166_802,
    programs: BUSYBOX_APPLETS,
  },
  {
    repository: 'docker.io/library/alpine',
    tags: ['latest', '3.21', '3.20', '3.19', '3.18', '3', 'edge'],
    latest: '3.21',
    entrypoint: [],
    cmd: ['/bin/sh'],
    ports: [],
    behaviour: { kind: 'shell' },
    startupLogs: [],
    size: 3_648_048,
    programs: ALPINE_APPLETS,
  },
  {
    repository: 'docker.io/library/redis',
    tags: ['latest', '7', '7.4', '7.2', '6', '6.2', 'alpine', '7-alpine'],
    latest: '7.4.1',
    entrypoint: ['docker-entrypoint.sh'],
    cmd: ['redis-server'],
    ports: [6379],
    behaviour: { kind: 'serves' },
    startupLogs: [
      '1:C 01 Jan 2025 00:00:00.000 * oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo',
      '1:C 01 Jan 2025 00:00:00.000 * Redis version=7.4.1, bits=64, commit=00000000, modified=0, pid=1, just started',
      '1:M 01 Jan 2025 00:00:00.000 * Ready to accept connections tcp',
    ],
    size: 45_010_216,
    programs: [...DEBIAN_PROGRAMS, 'redis-server', 'redis-cli'],
  },
  {
    repository: 'docker.io/library/mysql',
    tags: ['latest', '8', '8.0', '8.4', '5.7', '5.6'],
    latest: '9.1.0',
    entrypoint: ['docker-entrypoint.sh'],
    cmd: ['mysqld'],
    ports: [3306],
    behaviour: { kind: 'serves' },
    startupLogs: ['[Note] [Entrypoint]: Entrypoint script for MySQL Server started.'],
    size: 173_226_133,
    programs: [...DEBIAN_PROGRAMS, 'mysqld', 'mysql'],
  },
  {
    repository: 'docker.io/library/mariadb',
    tags: ['latest', '11', '11.4', '10.11', '10.6'],
    latest: '11.4.4',
    entrypoint: ['docker-entrypoint.sh'],
    cmd: ['mariadbd'],
    ports: [3306],
    behaviour: { kind: 'serves' },
    startupLogs: [],
    size: 123_101_546,
    programs: [...DEBIAN_PROGRAMS, 'mariadbd', 'mariadb'],
  },
  {
    repository: 'docker.io/library/postgres',
    tags: ['latest', '17', '16', '15', '14', '13', 'alpine', '16-alpine'],
    latest: '17.2',
    entrypoint: ['docker-entrypoint.sh'],
    cmd: ['postgres'],
    ports: [5432],
    behaviour: { kind: 'serves' },
    startupLogs: ['LOG:  database system is ready to accept connections'],
    size: 154_532_115,
    programs: [...DEBIAN_PROGRAMS, 'postgres', 'psql'],
  },
  {
    repository: 'docker.io/library/memcached',
    tags: ['latest', '1.6', 'alpine'],
    latest: '1.6.33',
    entrypoint: ['docker-entrypoint.sh'],
    cmd: ['memcached'],
    ports: [11211],
    behaviour: { kind: 'serves' },
    startupLogs: [],
    size: 31_447_108,
    programs: [...DEBIAN_PROGRAMS, 'memcached'],
  },
  {
    repository: 'docker.io/curlimages/curl',
    tags: ['latest', '8.11.1', '8.10.1', '8.5.0'],
    latest: '8.11.1',
    entrypoint: ['/entrypoint.sh'],
    cmd: ['curl'],
    ports: [],
    // `curl` with no URL prints its usage hint and exits 2.
    behaviour: { kind: 'shell' },
    startupLogs: ["curl: try 'curl --help' or 'curl --manual' for more information"],
    size: 12_110_411,
    programs: [...ALPINE_APPLETS, 'curl'],
  },
  {
    // The Kubernetes docs' memory-limit example (assign-memory-resource): `stress --vm 1 --vm-bytes 250M`.
    repository: 'docker.io/polinux/stress',
    tags: ['latest', '1.0.4'],
    latest: '1.0.4',
    entrypoint: [],
    cmd: ['stress', '--help'],
    ports: [],
    behaviour: { kind: 'serves' },
    startupLogs: [],
    size: 4_041_508,
    programs: [...ALPINE_APPLETS, 'stress'],
  },
  {
    repository: 'docker.io/kodekloud/webapp-color',
    tags: ['latest', 'v1', 'v2', 'v3'],
    latest: 'v1',
    entrypoint: ['python'],
    cmd: ['app.py'],
    ports: [8080],
    behaviour: { kind: 'serves' },
    startupLogs: [' Color from environment variable - blue', ' * Running on http://0.0.0.0:8080/ (Press CTRL+C to quit)'],
    size: 33_106_237,
    programs: [...BUSYBOX_APPLETS, 'python'],
  },
  {
    repository: 'docker.io/kodekloud/webapp-conntest',
    tags: ['latest'],
    latest: 'latest',
    entrypoint: ['python'],
    cmd: ['app.py'],
    ports: [8080],
    behaviour: { kind: 'serves' },
    startupLogs: [' * Running on http://0.0.0.0:8080/ (Press CTRL+C to quit)'],
    size: 33_990_123,
    programs: [...BUSYBOX_APPLETS, 'python'],
  },
  {
    repository: 'docker.io/nicolaka/netshoot',
    tags: ['latest', 'v0.13'],
    latest: 'v0.13',
    entrypoint: [],
    cmd: ['zsh'],
    ports: [],
    behaviour: { kind: 'shell' },
    startupLogs: [],
    size: 207_846_113,
    programs: [...BUSYBOX_APPLETS, ...NET_TOOLS, 'zsh', 'bash', 'tcpdump', 'iperf3', 'jq'],
  },
  {
    repository: 'registry.k8s.io/e2e-test-images/jessie-dnsutils',
    tags: ['1.3', '1.7'],
    latest: '1.7',
    entrypoint: [],
    cmd: ['/bin/sh'],
    ports: [],
    behaviour: { kind: 'shell' },
    startupLogs: [],
    size: 112_367_013,
    programs: [...DEBIAN_PROGRAMS, ...NET_TOOLS],
  },
  {
    repository: 'registry.k8s.io/e2e-test-images/agnhost',
    tags: ['2.39', '2.43', '2.45', '2.52', '2.53'],
    latest: '2.53',
    entrypoint: ['/agnhost'],
    cmd: ['pause'],
    ports: [],
    behaviour: { kind: 'serves' },
    startupLogs: [],
    size: 51_121_022,
    programs: [...BUSYBOX_APPLETS, ...NET_TOOLS, 'agnhost', '/agnhost'],
  },
  {
    repository: 'registry.k8s.io/coredns/coredns',
    tags: ['v1.11.3', 'v1.11.1'],
    latest: 'v1.11.3',
    entrypoint: ['/coredns'],
    cmd: [],
    ports: [53],
    behaviour: { kind: 'serves' },
    startupLogs: [],
    size: 18_562_039,
    programs: ['coredns', '/coredns'],
  },
  {
    repository: 'registry.k8s.io/pause',
    tags: ['3.10', '3.9', '3.8'],
    latest: '3.10',
    entrypoint: ['/pause'],
    cmd: [],
    ports: [],
    behaviour: { kind: 'serves' },
    startupLogs: [],
    size: 320_368,
    programs: ['pause'],
  },
];

/** `nginx` → docker.io/library/nginx:latest; `a/b:1` → docker.io/a/b:1; `reg.io:5000/x` kept. */
export function normalizeImage(image: string): { repository: string; tag: string; digest?: string; ref: string } {
  let rest = image;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag = 'latest';
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  const first = rest.split('/')[0]!;
  let repository: string;
  if (!rest.includes('/')) repository = `docker.io/library/${rest}`;
  else if (!first.includes('.') && !first.includes(':') && first !== 'localhost') repository = `docker.io/${rest}`;
  else repository = rest;
  const ref = `${repository}${digest ? `@${digest}` : `:${tag}`}`;
  return { repository, tag, ...(digest ? { digest } : {}), ref };
}

/** The catalog's entry for an image's repository, whatever its tag (probes ask what a running container holds). */
export function lookupImage(image: string): ImageInfo | undefined {
  const repo = normalizeImage(image).repository;
  return IMAGES.find((i) => i.repository === repo);
}

export type PullOutcome =
  | { ok: true; info: ImageInfo; ref: string }
  | { ok: false; ref: string; message: string };

/**
 * Whether an image can be pulled, and containerd's error if not (the text kubelet puts after
 * `Failed to pull image "x": `). A registry other than docker.io or registry.k8s.io is treated
 * as private: without credentials the pull is refused as unauthorized.
 */
export function pullImage(image: string, hasPullSecret = false): PullOutcome {
  const n = normalizeImage(image);
  const info = IMAGES.find((i) => i.repository === n.repository);
  const host = n.repository.split('/')[0]!;
  if (!info && host !== 'docker.io' && host !== 'registry.k8s.io' && !hasPullSecret) {
    return {
      ok: false,
      ref: n.ref,
      message: `rpc error: code = Unknown desc = failed to pull and unpack image "${n.ref}": failed to resolve reference "${n.ref}": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed`,
    };
  }
  if (!info || (!n.digest && !info.tags.includes(n.tag))) {
    if (info || host === 'docker.io') {
      return {
        ok: false,
        ref: n.ref,
        message: info
          ? `rpc error: code = NotFound desc = failed to pull and unpack image "${n.ref}": failed to resolve reference "${n.ref}": ${n.ref}: not found`
          : `rpc error: code = Unknown desc = failed to pull and unpack image "${n.ref}": failed to resolve reference "${n.ref}": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed`,
      };
    }
    return { ok: false, ref: n.ref, message: `rpc error: code = NotFound desc = failed to pull and unpack image "${n.ref}": failed to resolve reference "${n.ref}": ${n.ref}: not found` };
  }
  return { ok: true, info, ref: n.ref };
}
