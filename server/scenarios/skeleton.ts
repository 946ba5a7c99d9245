/** The commented skeleton `ckalab scenario new ID` writes: a working scenario to edit. */
export function scenarioSkeleton(id: string): string {
  return `# yaml-language-server: $schema=./schema.json
# A ckalab scenario. Check it with: ckalab scenario check scenarios/${id}.yaml
id: ${id}
title: ${id.split('-').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(' ')}
summary: One sentence the scenario list shows.
difficulty: easy          # easy | medium | hard
tags: [networkpolicy]
minutes: 10               # estimated time
map: true                 # show the network map (false is exam-like)

cluster:
  # namespaces get the kubernetes.io/metadata.name label by themselves
  namespaces:
  - name: shop
    labels: {team: shop}
  pods:
  - name: web
    namespace: shop
    labels: {app: web}
    image: nginx
    ports: [80]
  - name: debug
    namespace: shop
    labels: {app: debug}
    image: busybox
  - name: db
    namespace: shop
    labels: {app: db}
    image: mysql:8
    ports: [3306]
    response: "mysql 8.0"   # what the app answers (curl, nc)
  services:
  - name: db
    namespace: shop
    selector: {app: db}
    ports: [3306]
  # policies: NetworkPolicy manifests present at the start
  # externalHosts: [{name: backup.example.com, ip: 203.0.113.10, ports: [443]}]
  # files: [{path: notes.txt, content: "placed in /root"}]

steps:
- id: look
  title: Look around
  text: |
    How many pods run in namespace \`shop\`?
  question:
    choices: ["2", "3", "4"]
    answer: "3"               # answers: [...] for select-all; accept: [...] for a short answer
    explain: "\`kubectl get pods -n shop\` lists web, debug and db."

- id: protect-db
  title: Protect the database
  text: |
    Create a NetworkPolicy \`db-policy\` in namespace \`shop\` so that only \`web\` pods
    can reach \`db\` pods, on TCP 3306.
  points: 2
  task:
    checks:
    - intent: {}             # the policies allow exactly what the solution's allow: every pod, address, port
    - reach: {from: shop/web, to: {service: shop/db}, port: 3306, allowed: true}
    - reach: {from: shop/debug, to: {service: shop/db}, port: 3306, allowed: false}
    - exists: {kind: NetworkPolicy, name: db-policy, namespace: shop}
    - unchanged: {except: [{to: {selector: {app: db}, namespace: shop}}]}   # every other connection keeps its reachability
    # - reach: {from: {selector: {app: web}, namespace: shop}, to: {external: 203.0.113.10}, port: 443, allowed: false}
    # - field: {kind: netpol, name: db-policy, namespace: shop, jsonpath: "{.spec.policyTypes[0]}", equals: Ingress}
    # - count: {kind: NetworkPolicy, namespace: shop, equals: 1}
  hints:
  - The policy selects the db pods with \`podSelector\` and allows ingress \`from\` the web pods.
  solution: |
    cat <<'EOF' > db-policy.yaml
    apiVersion: networking.k8s.io/v1
    kind: NetworkPolicy
    metadata:
      name: db-policy
      namespace: shop
    spec:
      podSelector:
        matchLabels: {app: db}
      policyTypes: [Ingress]
      ingress:
      - from:
        - podSelector:
            matchLabels: {app: web}
        ports:
        - port: 3306
    EOF
    kubectl create -f db-policy.yaml
`;
}
