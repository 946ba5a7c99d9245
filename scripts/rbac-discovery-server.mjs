import http from 'node:http';
const R = (name, kind, namespaced, shortNames=[]) => ({ name, singularName: kind.toLowerCase(), namespaced, kind, verbs: ['create','delete','get','list','patch','update','watch'], shortNames });
const core = [R('pods','Pod',true,['po']), {name:'pods/log',singularName:'',namespaced:true,kind:'Pod',verbs:['get']}, R('nodes','Node',false,['no']), R('secrets','Secret',true), R('configmaps','ConfigMap',true,['cm']), R('services','Service',true,['svc']), R('serviceaccounts','ServiceAccount',true,['sa']), R('namespaces','Namespace',false,['ns'])];
const groups = { apps: [R('deployments','Deployment',true,['deploy']), R('replicasets','ReplicaSet',true,['rs'])], 'rbac.authorization.k8s.io': [R('roles','Role',true), R('clusterroles','ClusterRole',false), R('rolebindings','RoleBinding',true), R('clusterrolebindings','ClusterRoleBinding',false)], batch: [R('jobs','Job',true)] };
http.createServer((req, res) => {
  const u = req.url.split('?')[0]; let body;
  if (u === '/api') body = { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{clientCIDR:'0.0.0.0/0',serverAddress:'127.0.0.1'}] };
  else if (u === '/apis') body = { kind: 'APIGroupList', apiVersion: 'v1', groups: Object.keys(groups).map(g => ({ name: g, versions: [{groupVersion: `${g}/v1`, version: 'v1'}], preferredVersion: {groupVersion: `${g}/v1`, version: 'v1'} })) };
  else if (u === '/api/v1') body = { kind: 'APIResourceList', groupVersion: 'v1', resources: core };
  else { const m = u.match(/^\/apis\/([^/]+)\/v1$/); if (m && groups[m[1]]) body = { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: `${m[1]}/v1`, resources: groups[m[1]] }; }
  if (!body) { res.writeHead(404, {'content-type':'application/json'}); res.end('{"kind":"Status","apiVersion":"v1","status":"Failure","code":404}'); return; }
  res.writeHead(200, {'content-type':'application/json'}); res.end(JSON.stringify(body));
}).listen(18089, '127.0.0.1');
