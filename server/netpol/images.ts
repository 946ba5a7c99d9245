/**
 * What a container image offers the probes: which network tools are on its PATH, what it listens
 * on and what it serves by default. The facts come from the cluster's image catalog
 * (server/cluster/lifecycle/images.ts); an image the catalog does not know is guessed to carry
 * busybox's tools (many lab images are Alpine-based), and to listen on nothing undeclared.
 */
import { lookupImage } from '../cluster/index.js';

export type Tool = 'curl' | 'wget' | 'nc' | 'telnet' | 'nslookup' | 'ping';

export type ImageFamily = 'nginx' | 'httpd' | 'other';

/** The families whose default page the probes serve. */
export function imageFamily(image: string): ImageFamily {
  const repo = lookupImage(image)?.repository.split('/').pop();
  return repo === 'nginx' ? 'nginx' : repo === 'httpd' ? 'httpd' : 'other';
}

const GUESSED_TOOLS: readonly Tool[] = ['wget', 'nc', 'telnet', 'nslookup', 'ping'];

export function imageHasTool(image: string, tool: Tool): boolean {
  const info = lookupImage(image);
  return info ? info.programs.includes(tool) : GUESSED_TOOLS.includes(tool);
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
  const info = lookupImage(image);
  if (!info) return [];
  // CoreDNS answers DNS on UDP and TCP.
  if (info.repository.endsWith('/coredns')) return [{ port: 53, protocol: 'UDP' }, { port: 53, protocol: 'TCP' }];
  return info.ports.map((port) => ({ port, protocol: 'TCP' as const }));
}

/** What an image answers on a port when no scenario says: its real default page, else the hostname. */
export function defaultResponse(image: string, podName: string): string {
  const fam = imageFamily(image);
  if (fam === 'nginx') return NGINX_WELCOME;
  if (fam === 'httpd') return HTTPD_WELCOME;
  // agnhost serve-hostname and most "hello" lab apps answer with the pod's hostname.
  return `${podName}\n`;
}
