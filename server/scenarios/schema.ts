/**
 * The scenario file format as a JSON Schema (draft-07): the loader validates with it, and
 * `npm run schema` writes it to scenarios/schema.json for editors with the YAML language server
 * (a test keeps the file in step). Checks and endpoints are objects with one key each, not
 * oneOf unions, so that a mistake gives one error with a suggestion rather than a cascade.
 */

const name = { type: 'string', minLength: 1, maxLength: 253 } as const;
const labels = { type: 'object', additionalProperties: { type: 'string', maxLength: 63 }, description: 'Labels, key: value.' } as const;
const protocol = { enum: ['TCP', 'UDP', 'SCTP'], description: 'Default TCP.' } as const;
const port = { type: 'integer', minimum: 1, maximum: 65535 } as const;
const namespace = { ...name, description: 'Default: default.' } as const;

const containerPort = {
  description: 'A container port: a number, or {port, protocol, name}.',
  anyOf: [
    port,
    {
      type: 'object',
      additionalProperties: false,
      required: ['port'],
      properties: { port, protocol, name: { type: 'string', maxLength: 15, description: 'A named port (IANA_SVC_NAME).' } },
    },
  ],
} as const;

const endpoint = {
  description: 'A pod name (`name` or `namespace/name`), or one of {pod}, {selector}, {service}, {external}.',
  anyOf: [
    { type: 'string', minLength: 1, maxLength: 300 },
    {
      type: 'object',
      additionalProperties: false,
      minProperties: 1,
      properties: {
        pod: { ...name, description: 'A pod, `name` or `namespace/name`.' },
        selector: { ...labels, description: 'Every pod with these labels (each must satisfy the check).' },
        service: { ...name, description: 'A Service, `name` or `namespace/name`: the port is the Service port, every ready backend must satisfy the check.' },
        external: { ...name, description: 'An external host of the scenario (by name), or an IP address outside the cluster.' },
        namespace: { ...namespace, description: 'Namespace of a selector (default: default).' },
      },
    },
  ],
} as const;

const objectRef = {
  type: 'object',
  additionalProperties: false,
  required: ['kind', 'name'],
  properties: {
    kind: { ...name, description: 'A kind, resource or short name: NetworkPolicy, netpol, pod, svc...' },
    name,
    namespace,
  },
} as const;

const connectionPattern = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: { from: endpoint, to: endpoint, port, protocol },
} as const;

const check = {
  type: 'object',
  description: 'One check: a single key among reach, unchanged, intent, exists, absent, field, count, podsPerNode, rollout, file, service, nodeReady, staticPod, snapshot, certExpiry, can.',
  additionalProperties: false,
  minProperties: 1,
  maxProperties: 1,
  properties: {
    reach: {
      type: 'object',
      description: 'A connection that must be allowed (or denied) by the NetworkPolicies.',
      additionalProperties: false,
      required: ['from', 'to', 'port', 'allowed'],
      properties: { from: endpoint, to: endpoint, port, protocol, allowed: { type: 'boolean' } },
    },
    unchanged: {
      type: 'object',
      description: 'Every connection between any pods (existing or not yet created, in any namespace) and outside addresses, on every port and protocol, keeps the reachability it had when the step began, except those named by reach checks and listed here.',
      additionalProperties: false,
      properties: { except: { type: 'array', items: connectionPattern, maxItems: 100 } },
    },
    intent: {
      type: 'object',
      description: "The NetworkPolicies must allow exactly what the expected ones allow, for every pod (existing or not), outside address, port and protocol: by default the policies the step's solution leaves; with `reference`, the step's start with these NetworkPolicy manifests created or replaced. Connections matching `except` may differ.",
      additionalProperties: false,
      properties: {
        reference: { type: 'array', items: { type: 'object' }, minItems: 1, maxItems: 50, description: 'NetworkPolicy manifests (apiVersion, kind, metadata, spec).' },
        except: { type: 'array', items: connectionPattern, maxItems: 100 },
      },
    },
    exists: { ...objectRef, description: 'This object must exist.' },
    absent: { ...objectRef, description: 'This object must not exist.' },
    field: {
      type: 'object',
      description: 'A field of an object, read with a kubectl JSONPath template, must print exactly `equals`.',
      additionalProperties: false,
      required: ['kind', 'name', 'jsonpath', 'equals'],
      properties: { ...objectRef.properties, jsonpath: { type: 'string', minLength: 1, maxLength: 500 }, equals: { type: ['string', 'number', 'boolean'] } },
    },
    file: {
      type: 'object',
      description: 'A file on a node (host, default controlplane) exists, or not (exists: false), and holds a text (contains).',
      additionalProperties: false,
      required: ['path'],
      properties: { host: name, path: { type: 'string', pattern: '^/', maxLength: 1000 }, exists: { type: 'boolean' }, contains: { type: 'string', maxLength: 10000 } },
    },
    service: {
      type: 'object',
      description: 'A systemd service on a node is active and/or enabled.',
      additionalProperties: false,
      required: ['name'],
      properties: { host: name, name: { enum: ['kubelet', 'kubelet.service', 'containerd', 'containerd.service'] }, active: { type: 'boolean' }, enabled: { type: 'boolean' } },
    },
    nodeReady: {
      type: 'object',
      description: 'A node is Ready (ready: false: NotReady).',
      additionalProperties: false,
      required: ['node'],
      properties: { node: name, ready: { type: 'boolean' } },
    },
    staticPod: {
      type: 'object',
      description: "A static pod from the node's staticPodPath runs: its mirror pod <name>-<host> is Running and ready.",
      additionalProperties: false,
      required: ['host', 'name'],
      properties: { host: name, name, namespace },
    },
    snapshot: {
      type: 'object',
      description: 'A file on a node is an etcd snapshot; it holds the objects in contains (the cluster when it was taken) and none in lacks.',
      additionalProperties: false,
      required: ['path'],
      properties: { host: name, path: { type: 'string', pattern: '^/', maxLength: 1000 }, contains: { type: 'array', items: objectRef, maxItems: 50 }, lacks: { type: 'array', items: objectRef, maxItems: 50 } },
    },
    certExpiry: {
      type: 'object',
      description: "A file on a node holds the certificate's expiry date as openssl x509 -enddate prints it (with or without notAfter=).",
      additionalProperties: false,
      required: ['cert', 'file'],
      properties: { host: name, cert: { type: 'string', pattern: '^/', maxLength: 1000 }, file: { type: 'string', pattern: '^/', maxLength: 1000 } },
    },
    count: {
      type: 'object',
      description: 'How many objects of a kind exist (in a namespace, with labels).',
      additionalProperties: false,
      required: ['kind', 'equals'],
      properties: { kind: objectRef.properties.kind, namespace: { ...name, description: 'Default: every namespace.' }, labels, equals: { type: 'integer', minimum: 0 } },
    },
    podsPerNode: {
      type: 'object',
      description: 'Every node (or each listed node) runs exactly `equals` ready pods with these labels in the namespace.',
      additionalProperties: false,
      required: ['labels', 'equals'],
      properties: { namespace, labels, nodes: { type: 'array', items: name, maxItems: 20 }, equals: { type: 'integer', minimum: 0 } },
    },
    rollout: {
      type: 'object',
      description: "A Deployment's rollout is complete (every replica updated and available, no old ones left), at this revision if given.",
      additionalProperties: false,
      required: ['name'],
      properties: { name, namespace, revision: { type: 'integer', minimum: 1 } },
    },
    can: {
      type: 'object',
      description:
        'What an identity may do, decided by the RBAC authorizer (kubectl auth can-i VERB RESOURCE --as AS -n NAMESPACE). With allowed: true, the grader also probes the verbs, resources and namespaces around it: an answer granting more than the task\'s can checks ask for fails.',
      additionalProperties: false,
      required: ['as', 'verb', 'resource', 'allowed'],
      properties: {
        as: { type: 'string', minLength: 1, maxLength: 253, description: 'A user name, or system:serviceaccount:NAMESPACE:NAME.' },
        groups: { type: 'array', items: { type: 'string', minLength: 1, maxLength: 253 }, maxItems: 20, description: 'Groups of the user besides system:authenticated.' },
        verb: { type: 'string', minLength: 1, maxLength: 63 },
        resource: { type: 'string', minLength: 1, maxLength: 253, description: 'pods, deployments.apps, pods/log, ...' },
        namespace: { ...name, description: 'Default: cluster-wide.' },
        name: { type: 'string', minLength: 1, maxLength: 253, description: 'One object by name (a resourceNames rule).' },
        allowed: { type: 'boolean' },
      },
    },
  },
} as const;

const question = {
  type: 'object',
  description: 'choices + answer (single choice), choices + answers (select all that apply), or accept (short answer).',
  additionalProperties: false,
  properties: {
    choices: { type: 'array', items: { type: ['string', 'number'] }, minItems: 2, maxItems: 12 },
    answer: { type: ['string', 'number'], description: 'The right choice (single choice).' },
    answers: { type: 'array', items: { type: ['string', 'number'] }, minItems: 1, description: 'Every right choice (multiple choice).' },
    accept: { type: 'array', items: { type: ['string', 'number'] }, minItems: 1, description: 'Accepted short answers (case and surrounding spaces ignored).' },
    explain: { type: 'string', description: 'Shown once the question is answered.' },
  },
} as const;

const step = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'text'],
  properties: {
    id: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]*$', maxLength: 63 },
    title: { type: 'string', maxLength: 200 },
    text: { type: 'string', maxLength: 20000, description: 'Markdown.' },
    points: { type: 'integer', minimum: 0, maximum: 100, description: 'Default 1.' },
    question,
    task: {
      type: 'object',
      additionalProperties: false,
      required: ['checks'],
      properties: { checks: { type: 'array', items: check, minItems: 1, maxItems: 200 } },
    },
    hints: { type: 'array', items: { type: 'string', maxLength: 5000 }, maxItems: 10 },
    solution: { type: 'string', maxLength: 50000, description: 'Shell lines, run as a learner would type them.' },
  },
} as const;

const pod = {
  type: 'object',
  additionalProperties: false,
  required: ['name'],
  properties: {
    name,
    namespace,
    labels,
    image: { type: 'string', maxLength: 300, description: 'Default nginx.' },
    ports: { type: 'array', items: containerPort, maxItems: 20 },
    response: { type: 'string', maxLength: 10000, description: 'What the app answers on its ports.' },
    app: { enum: ['connection-test'], description: 'A web page the lab page opens in a tab: connection-test tests TCP/HTTP connections from this pod.' },
  },
} as const;

export const SCENARIO_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://ckalab.dev/scenario.schema.json',
  title: 'ckalab scenario',
  type: 'object',
  additionalProperties: false,
  required: ['id', 'title', 'steps'],
  properties: {
    id: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]*$', maxLength: 63, description: 'Unique; also the file name.' },
    title: { type: 'string', minLength: 1, maxLength: 200 },
    summary: { type: 'string', maxLength: 1000 },
    difficulty: { enum: ['easy', 'medium', 'hard'] },
    tags: { type: 'array', items: { type: 'string', maxLength: 40 }, maxItems: 20 },
    minutes: { type: 'integer', minimum: 1, maximum: 600, description: 'Estimated time.' },
    map: { type: 'boolean', description: 'Show the network map (default true; false is exam-like).' },
    cluster: {
      type: 'object',
      additionalProperties: false,
      properties: {
        namespaces: {
          type: 'array',
          maxItems: 100,
          items: { type: 'object', additionalProperties: false, required: ['name'], properties: { name, labels } },
        },
        nodes: {
          type: 'array',
          maxItems: 20,
          description: 'Worker nodes besides controlplane (pods are scheduled on them).',
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['name'],
            properties: { name, joined: { type: 'boolean', description: 'false: a machine with the packages installed that is not a node yet (kubeadm join makes it one). Default true.' } },
          },
        },
        version: { enum: ['v1.31.6', 'v1.32.0'], description: 'The Kubernetes version the cluster runs (default v1.32.0); pkgs.k8s.io has up to v1.31.6 and v1.32.3.' },
        hostAliases: { type: 'object', additionalProperties: { type: 'string', maxLength: 63 }, description: 'Extra host names for ssh, exam-style (cka7968: controlplane).' },
        prepare: { type: 'string', maxLength: 20000, description: 'Shell lines run as root on controlplane ten minutes before the learner arrives (break a kubelet, edit a manifest); they leave no history.' },
        pods: { type: 'array', items: pod, maxItems: 1000 },
        deployments: {
          type: 'array',
          maxItems: 200,
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['name'],
            properties: { ...pod.properties, replicas: { type: 'integer', minimum: 0, maximum: 50 } },
          },
        },
        services: {
          type: 'array',
          maxItems: 500,
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['name', 'ports'],
            properties: {
              name,
              namespace,
              type: { enum: ['ClusterIP', 'NodePort'] },
              selector: labels,
              ports: {
                type: 'array',
                minItems: 1,
                items: {
                  anyOf: [
                    port,
                    {
                      type: 'object',
                      additionalProperties: false,
                      required: ['port'],
                      properties: { port, targetPort: { type: ['integer', 'string'] }, nodePort: { type: 'integer', minimum: 30000, maximum: 32767 }, protocol, name: { type: 'string', maxLength: 63 } },
                    },
                  ],
                },
              },
            },
          },
        },
        policies: { type: 'array', items: { type: 'object' }, maxItems: 500, description: 'NetworkPolicy manifests present at the start.' },
        objects: { type: 'array', items: { type: 'object' }, maxItems: 2000, description: 'Any other Kubernetes manifests.' },
        externalHosts: {
          type: 'array',
          maxItems: 50,
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['name', 'ip'],
            properties: {
              name,
              ip: { type: 'string', maxLength: 45 },
              hostnames: { type: 'array', items: name },
              ports: {
                type: 'array',
                items: {
                  anyOf: [
                    port,
                    { type: 'object', additionalProperties: false, required: ['port'], properties: { port, protocol, response: { type: 'string', maxLength: 10000 } } },
                  ],
                },
              },
            },
          },
        },
        files: {
          type: 'array',
          maxItems: 100,
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['path', 'content'],
            properties: { path: { type: 'string', minLength: 1, maxLength: 255 }, content: { type: 'string', maxLength: 200000 } },
          },
        },
      },
    },
    steps: { type: 'array', items: step, minItems: 1, maxItems: 50 },
  },
} as const;
