/**
 * What a container image holds, as far as probes care: which network tools are on its PATH and
 * what it serves by default. Decided per image family (the repository's last path segment):
 * - busybox, alpine (busybox applets): wget, nc, nslookup, ping, telnet; no curl.
 * - curlimages/curl (Alpine + busybox): curl too.
 * - nginx, httpd, debian, ubuntu and other glibc images: curl only for nginx/httpd? nginx and
 *   httpd ship curl (Debian base); plain debian/ubuntu ship none of these tools.
 * - netshoot, dnsutils, agnhost: everything.
 * - anything else: the busybox set (many lab images are Alpine-based), documented as a guess.
 */
export type Tool = 'curl' | 'wget' | 'nc' | 'telnet' | 'nslookup' | 'ping';

export type ImageFamily = 'busybox' | 'alpine' | 'curl' | 'nginx' | 'httpd' | 'debian' | 'toolbox' | 'other';

export function imageFamily(image: string): ImageFamily {
  const repo = image.replace(/@.*$/, '').replace(/:[^/]*$/, '');
  const last = repo.split('/').pop() ?? '';
  if (last === 'busybox') return 'busybox';
  if (last === 'alpine') return 'alpine';
  if (last === 'curl') return 'curl';
  if (last === 'nginx' || last === 'nginx-unprivileged') return 'nginx';
  if (last === 'httpd') return 'httpd';
  if (last === 'debian' || last === 'ubuntu') return 'debian';
  if (last === 'netshoot' || last === 'dnsutils' || last === 'agnhost' || last === 'jessie-dnsutils') return 'toolbox';
  return 'other';
}

const TOOLS: Record<ImageFamily, readonly Tool[]> = {
  busybox: ['wget', 'nc', 'telnet', 'nslookup', 'ping'],
  alpine: ['wget', 'nc', 'nslookup', 'ping'],
  curl: ['curl', 'wget', 'nc', 'nslookup', 'ping'],
  nginx: ['curl'],
  httpd: ['curl'],
  debian: [],
  toolbox: ['curl', 'wget', 'nc', 'telnet', 'nslookup', 'ping'],
  other: ['wget', 'nc', 'telnet', 'nslookup', 'ping'],
};

export function imageHasTool(image: string, tool: Tool): boolean {
  return TOOLS[imageFamily(image)].includes(tool);
}

/** nginx's default index.html (nginx 1.27, /usr/share/nginx/html/index.html, 615 bytes). */
export const NGINX_WELCOME = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href="http://nginx.org/">nginx.org</a>.<br/>
Commercial support is available at
<a href="http://nginx.com/">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
`;

/** httpd's default htdocs/index.html. */
export const HTTPD_WELCOME = '<html><body><h1>It works!</h1></body></html>\n';

/** Ports an image listens on without being told (declared containerPorts are added to these). */
export function defaultListeningPorts(image: string): { port: number; protocol: 'TCP' | 'UDP' }[] {
  const last = image.replace(/@.*$/, '').replace(/:[^/]*$/, '').split('/').pop() ?? '';
  switch (last) {
    case 'nginx':
    case 'httpd':
      return [{ port: 80, protocol: 'TCP' }];
    case 'nginx-unprivileged':
      return [{ port: 8080, protocol: 'TCP' }];
    case 'redis':
      return [{ port: 6379, protocol: 'TCP' }];
    case 'mysql':
    case 'mariadb':
      return [{ port: 3306, protocol: 'TCP' }];
    case 'postgres':
      return [{ port: 5432, protocol: 'TCP' }];
    case 'coredns':
      return [{ port: 53, protocol: 'UDP' }, { port: 53, protocol: 'TCP' }];
    default:
      return [];
  }
}

/** What an image answers on a port when no scenario says: its real default page, else the hostname. */
export function defaultResponse(image: string, podName: string): string {
  const fam = imageFamily(image);
  if (fam === 'nginx') return NGINX_WELCOME;
  if (fam === 'httpd') return HTTPD_WELCOME;
  // agnhost serve-hostname and most "hello" lab apps answer with the pod's hostname.
  return `${podName}\n`;
}
