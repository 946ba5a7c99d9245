/**
 * The layering of HOUSE-STYLE.md as data, and a checker that reads a file's imports and calls
 * with the TypeScript compiler's parser (not regular expressions, which a string or a comment
 * fools). test/architecture.test.ts runs it over server/ and web/src, and over fixtures that
 * must each fail, so the rules are known to bite.
 */
import ts from 'typescript';
import { builtinModules } from 'node:module';
import { dirname, relative, resolve } from 'node:path';

/** Each top-level module of server/ and the modules it may import (besides itself). */
export const LAYERS: Record<string, readonly string[]> = {
  core: [],
  api: ['core'],
  shell: ['core'],
  cluster: ['core', 'api'],
  hosts: ['core', 'api', 'cluster', 'shell'],
  netpol: ['core', 'api', 'cluster', 'shell'],
  kubectl: ['core', 'api', 'cluster', 'shell'],
  scenarios: ['core', 'api', 'cluster', 'netpol'],
  grader: ['core', 'api', 'cluster', 'netpol', 'kubectl', 'scenarios', 'hosts'],
  lab: ['core', 'api', 'cluster', 'netpol', 'kubectl', 'shell', 'scenarios', 'grader', 'hosts'],
  accounts: ['core'],
  store: ['core', 'api', 'accounts', 'lab', 'scenarios', 'grader'],
  'scenario-files': ['core', 'api', 'cluster', 'netpol', 'scenarios', 'grader', 'lab', 'kubectl', 'shell'],
  terminal: ['core', 'shell', 'lab', 'scenarios', 'grader', 'accounts', 'store'],
  http: ['core', 'api', 'cluster', 'netpol', 'shell', 'lab', 'scenarios', 'grader', 'accounts', 'store', 'terminal', 'scenario-files'],
  cli: ['*'],
};

/** The functional core: no I/O, no wall clock, no randomness, no logging, no timers. */
export const PURE = new Set(['core', 'api', 'shell', 'cluster', 'hosts', 'netpol', 'kubectl', 'scenarios', 'grader', 'lab', 'accounts']);

/** Packages that do I/O or serve the network, and the edge modules that may use them. */
export const EDGE_PACKAGES: Record<string, readonly string[]> = {
  express: ['http', 'cli'],
  'express-rate-limit': ['http'],
  helmet: ['http'],
  'cookie-parser': ['http'],
  esbuild: ['http', 'cli'],
  'better-sqlite3': ['store', 'cli'],
  'socket.io': ['terminal', 'http', 'cli'],
  'socket.io-client': ['web'],
  pino: ['terminal', 'http', 'store', 'scenario-files', 'cli'],
  '@node-rs/argon2': ['http', 'cli'],
  piscina: ['terminal', 'cli'],
  tinypool: ['terminal', 'cli'],
};

const NODE_BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

export interface Problem {
  file: string;
  line: number;
  message: string;
}

/** The module a server file belongs to (`server/netpol/decide.ts` → `netpol`), or `web`. */
export function moduleOf(path: string): string | undefined {
  const parts = path.split('/');
  if (parts[0] === 'server') return parts.length > 2 ? parts[1] : undefined;
  if (parts[0] === 'web') return 'web';
  return undefined;
}

/** What a file's text does that the rules care about: its imports and its impure calls. */
export function checkFile(path: string, text: string): Problem[] {
  const mod = moduleOf(path);
  if (!mod) return [];
  const sf = ts.createSourceFile(path, text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const problems: Problem[] = [];
  const at = (node: ts.Node, message: string) =>
    problems.push({ file: path, line: sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1, message });

  const onSpecifier = (node: ts.Node, spec: string, typeOnly: boolean) => {
    if (spec.startsWith('.')) checkRelative(node, spec, typeOnly);
    else checkPackage(node, spec);
  };

  const checkRelative = (node: ts.Node, spec: string, typeOnly: boolean) => {
    const target = relative('.', resolve(dirname(path), spec)).replace(/\\/g, '/');
    if (mod === 'web') {
      // The browser bundle may share the server's protocol types, never its code.
      if (target.startsWith('server/') && !typeOnly) at(node, `web imports server code (only \`import type\` may cross): ${spec}`);
      return;
    }
    if (!target.startsWith('server/')) return at(node, `imports outside server/: ${spec}`);
    const targetMod = moduleOf(target);
    if (!targetMod || targetMod === mod) return;
    const may = LAYERS[mod] ?? [];
    if (!may.includes('*') && !may.includes(targetMod)) at(node, `${mod} may not import ${targetMod}: ${spec}`);
    if (!/^server\/[^/]+\/index(\.js|\.ts)?$/.test(target)) at(node, `imports ${targetMod} past its index.ts: ${spec}`);
  };

  const checkPackage = (node: ts.Node, spec: string) => {
    const pkg = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!;
    if (mod !== 'web' && PURE.has(mod) && NODE_BUILTINS.has(pkg)) return at(node, `the pure module ${mod} imports the node module ${spec}`);
    const edge = EDGE_PACKAGES[pkg];
    if (edge && !edge.includes(mod)) at(node, `${mod} imports ${pkg}, which only ${edge.join(', ') || 'tests'} may use`);
  };

  const pure = mod !== 'web' && PURE.has(mod);
  const visit = (node: ts.Node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      const typeOnly = ts.isImportDeclaration(node) ? !!node.importClause?.isTypeOnly : node.isTypeOnly;
      onSpecifier(node, node.moduleSpecifier.text, typeOnly);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      const e = node.moduleReference.expression;
      if (ts.isStringLiteral(e)) onSpecifier(node, e.text, false);
    } else if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const first = node.arguments[0];
      if (callee.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(callee) && callee.text === 'require')) {
        if (first && ts.isStringLiteralLike(first)) onSpecifier(node, first.text, false);
        else at(node, 'a dynamic import of a computed module');
      }
      if (pure) {
        const name = calleeName(callee);
        const why = IMPURE_CALLS[name];
        if (why) at(node, `the pure module ${mod} ${why} (${name})`);
      }
    } else if (pure && ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'Date' && !(node.arguments?.length)) {
      at(node, `the pure module ${mod} reads the wall clock (new Date())`);
    } else if (pure && ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'process') {
      at(node, `the pure module ${mod} touches the process (process.${node.name.text})`);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return problems;
}

/** Calls the functional core may not make, by their dotted name. */
const IMPURE_CALLS: Record<string, string> = {
  'Date.now': 'reads the wall clock',
  'performance.now': 'reads the wall clock',
  'process.hrtime': 'reads the wall clock',
  'process.hrtime.bigint': 'reads the wall clock',
  'Math.random': 'draws randomness',
  'crypto.randomUUID': 'draws randomness',
  'crypto.getRandomValues': 'draws randomness',
  randomUUID: 'draws randomness',
  randomBytes: 'draws randomness',
  setTimeout: 'starts a timer',
  setInterval: 'starts a timer',
  setImmediate: 'starts a timer',
  'console.log': 'logs',
  'console.error': 'logs',
  'console.warn': 'logs',
  'console.info': 'logs',
  'console.debug': 'logs',
};

function calleeName(e: ts.Expression): string {
  if (ts.isIdentifier(e)) return e.text;
  if (ts.isPropertyAccessExpression(e)) {
    const left = calleeName(e.expression);
    return left ? `${left}.${e.name.text}` : '';
  }
  return '';
}
