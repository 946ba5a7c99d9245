// `ckalab scenario check|new|list` and the catalog's reload, on real files in a temp dir.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runScenarioCheck, runScenarioList, runScenarioNew } from '../../server/cli/commands/scenario.js';
import { ScenarioCatalog, scenarioFiles } from '../../server/scenario-files/index.js';

const LIBRARY = fileURLToPath(new URL('../../scenarios', import.meta.url));

test('scenario check passes on the whole library: every solution passes, every task fails untouched, no mutant of a solution survives', () => {
  const files = scenarioFiles(LIBRARY);
  assert.ok(files.length >= 2);
  const r = runScenarioCheck(files);
  assert.equal(r.stderr, '');
  assert.equal(r.exitCode, 0);
  assert.match(r.stdout, new RegExp(`${files.length} of ${files.length} scenarios ok\\n$`));
});

function tmp(): string {
  return mkdtempSync(join(tmpdir(), 'ckalab-scn-'));
}

test('scenario new writes a skeleton that passes scenario check; a second new refuses', () => {
  const dir = tmp();
  try {
    const r = runScenarioNew(dir, 'my-first');
    assert.equal(r.exitCode, 0, r.stderr);
    assert.match(readFileSync(join(dir, 'my-first.yaml'), 'utf8'), /^# yaml-language-server: \$schema=\.\/schema\.json\n/);
    const c = runScenarioCheck([join(dir, 'my-first.yaml')]);
    assert.equal(c.stderr, '');
    assert.equal(c.stdout, `ok  ${join(dir, 'my-first.yaml')} (2 steps, 1 task, 5 checks)\n1 of 1 scenario ok\n`);
    assert.equal(runScenarioNew(dir, 'my-first').stderr, `error: ${join(dir, 'my-first.yaml')} already exists\n`);
    assert.equal(runScenarioNew(dir, 'Bad_Id').exitCode, 1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('scenario check: one line per problem, exit 1; a check that cannot fail and a solution that does not pass are caught', () => {
  const dir = tmp();
  try {
    runScenarioNew(dir, 'weak');
    const file = join(dir, 'weak.yaml');
    const text = readFileSync(file, 'utf8');
    // Only the check that already holds: the task cannot fail, allow-all passes it, and so does
    // every mutant of the solution (warnings, at the step's line).
    writeFileSync(file, text.replace(/    - intent: \{\}[^\n]*\n/, '').replace(/    - reach: \{from: shop\/debug[^\n]*\n    - exists:[^\n]*\n    - unchanged: [^\n]*\n/, ''));
    const r = runScenarioCheck([file]);
    assert.equal(r.exitCode, 1);
    assert.deepEqual(r.stderr.trimEnd().split('\n'), [
      `${file}:51:3: steps[1]: warning: the checks of step protect-db accept db-policy with its podSelector widened to {}`,
      `${file}:51:3: steps[1]: warning: the checks of step protect-db accept a policy without ports (ingress rule 1 of db-policy)`,
      `${file}:51:3: steps[1]: warning: the checks of step protect-db accept a policy without one of its peers (ingress rule 1 of db-policy, peer 1)`,
      `${file}:51:3: steps[1]: warning: the checks of step protect-db accept a peer's podSelector widened to {} (ingress rule 1 of db-policy, peer 1)`,
      `${file}:51:3: steps[1]: warning: the checks of step protect-db accept 0.0.0.0/0 added to the peers (ingress rule 1 of db-policy)`,
      `${file}:51:3: steps[1]: warning: the checks of step protect-db accept policyTypes swapped to [Egress] (db-policy)`,
      `${file}:51:3: steps[1]: step "protect-db" already passes before its solution: no check can fail`,
      `${file}:51:3: steps[1]: step "protect-db" passes with allow-all policies in every namespace: add a check that something stays denied, or an unchanged guard`,
    ]);
    // A solution with a wrong port: the denied check passes but the allowed one fails.
    writeFileSync(file, text.replace('        - port: 3306\n    EOF', '        - port: 3307\n    EOF'));
    const r2 = runScenarioCheck([file]);
    assert.equal(r2.exitCode, 1);
    assert.match(r2.stderr, /steps\[1\]\.task\.checks\[1\]: the solution does not pass "shop\/web → service shop\/db:3306\/TCP allowed": shop\/web → shop\/db:3306\/TCP \(via service db:3306\) should be allowed but is denied: shop\/db is isolated for ingress by db-policy, whose rules allow only shop\/web:3307\/TCP\.\n/);
    // A solution line that fails.
    writeFileSync(file, text.replace('kubectl create -f db-policy.yaml', 'kubectl create -f db-policy.yaml\n    kubectl delete pod nope -n shop'));
    assert.match(runScenarioCheck([file]).stderr, /steps\[1\]\.solution: `kubectl delete pod nope -n shop` failed \(exit 1\): Error from server \(NotFound\): pods "nope" not found\n/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('scenario list shows the scenarios and names broken files', () => {
  const dir = tmp();
  try {
    runScenarioNew(dir, 'good-one');
    writeFileSync(join(dir, 'broken.yaml'), 'id: broken\ntitle: x\nsteps: 3\n');
    const r = runScenarioList(dir);
    assert.equal(r.stdout, 'good-one  easy  10 min  2 steps  Good One\n');
    assert.equal(r.stderr, `broken  ${join(dir, 'broken.yaml')}: 1 problem (ckalab scenario check ${join(dir, 'broken.yaml')})\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the catalog reloads a changed file, lists a broken one, and keeps the others', async () => {
  const dir = tmp();
  const catalog = new ScenarioCatalog(dir);
  try {
    runScenarioNew(dir, 'alpha');
    runScenarioNew(dir, 'beta');
    catalog.reloadAll();
    assert.deepEqual(catalog.scenarios().map((s) => s.id), ['alpha', 'beta']);
    const reloaded = new Promise<string>((resolve) => catalog.watch(resolve));
    const file = join(dir, 'alpha.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('title: Alpha', 'title: Alpha Two'));
    assert.equal(await reloaded, file);
    assert.equal(catalog.get('alpha')?.title, 'Alpha Two');
    const broke = new Promise<void>((resolve) => {
      const t = setInterval(() => {
        if (catalog.broken().length) {
          clearInterval(t);
          resolve();
        }
      }, 20);
    });
    writeFileSync(file, 'id: alpha\ntitle: [unclosed\n');
    await broke;
    // Learners in alpha go on with its last good version; the author is shown the error.
    assert.deepEqual(catalog.scenarios().map((s) => s.id), ['alpha', 'beta']);
    assert.equal(catalog.get('alpha')?.title, 'Alpha Two');
    assert.equal(catalog.broken()[0]!.servingLastGood, 'alpha');
    assert.match(catalog.broken()[0]!.error, /alpha\.yaml:\d+:\d+: YAML: .*\nalpha\.yaml: the last good version of "alpha" is served until this is fixed$/);
    // Broken twice: still the last good one. Deleted: gone.
    catalog.reload(file);
    assert.equal(catalog.get('alpha')?.title, 'Alpha Two');
    rmSync(file);
    catalog.reload(file);
    assert.deepEqual(catalog.scenarios().map((s) => s.id), ['beta']);
    assert.deepEqual(catalog.broken(), []);
    // A file that never loaded is not served.
    writeFileSync(join(dir, 'gamma.yaml'), 'id: gamma\ntitle: [unclosed\n');
    catalog.reload(join(dir, 'gamma.yaml'));
    assert.deepEqual(catalog.scenarios().map((s) => s.id), ['beta']);
  } finally {
    catalog.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('scenario check reports schema, reference and self-test problems of a file in one run; a wrong Service selector at the Service', () => {
  const dir = tmp();
  try {
    runScenarioNew(dir, 'sa');
    runScenarioNew(dir, 'sb');
    const a = join(dir, 'sa.yaml');
    const b = join(dir, 'sb.yaml');
    writeFileSync(
      a,
      readFileSync(a, 'utf8')
        .replace('difficulty: easy ', 'difficulty: eazy ')
        .replace('    selector: {app: db}\n', '    selector: {app: dbb}\n')
        .replace('    - unchanged: {except: [{to: {selector: {app: db}, namespace: shop}}]}', '    - reach: {from: {selector: {app: nothing}, namespace: shop}, to: shop/db, port: 3306, allowed: false}\n' + '    - unchanged: {except: [{to: {selector: {app: db}, namespace: shop}}]}'),
    );
    writeFileSync(b, readFileSync(b, 'utf8').replace('        matchLabels: {app: db}\n      policyTypes', '        matchLabels: {}\n      policyTypes').replace('    - unchanged: {except: [{to: {selector: {app: db}, namespace: shop}}]}', '    - exists: {kind: Pod, name: web2, namespace: shop}\n' + '    - unchanged: {except: [{to: {selector: {app: db}, namespace: shop}}]}'));
    const r = runScenarioCheck([a, b]);
    assert.equal(r.exitCode, 1);
    // CoreDNS's generated pod name is no part of what is tested.
    assert.equal(
      r.stderr.replace(/coredns-[a-z0-9]+-[a-z0-9]+/g, 'coredns-X'),
      [
        `${a}:6:13: difficulty: expected one of "easy", "medium", "hard", got a string ("eazy")`,
        `${a}:35:15: cluster.services[0].selector: service shop/db selects no pod: its selector app=dbb matches no pod in namespace shop, so no connection through it can succeed`,
        `${a}:63:7: steps[1].task.checks[4]: the solution does not pass "pods app=nothing in shop → shop/db:3306/TCP denied": Cannot test pods app=nothing in shop → shop/db:3306/TCP: no pod in namespace shop has the labels app=nothing.`,
        `${a}:63:21: steps[1].task.checks[4].reach.from: selector app=nothing matches no pod in namespace shop`,
        `${b}:63:7: steps[1].task.checks[4]: the solution does not pass "Pod web2 in namespace shop exists": Pod web2 in namespace shop does not exist.`,
        // podSelector {}: every pod of shop is isolated, on every port, not only the declared ones.
        `${b}:64:7: steps[1].task.checks[5]: the solution does not pass "every other connection keeps its reachability": 16 connections the task does not ask about changed:`,
        '    kube-system/coredns-X → shop/debug on any port was allowed and is now denied: shop/debug is isolated for ingress by db-policy, which allows none of it.',
        '    kube-system/coredns-X → shop/web on any port was allowed and is now denied: shop/web is isolated for ingress by db-policy, which allows none of it.',
        '    shop/db → shop/debug on any port was allowed and is now denied: shop/debug is isolated for ingress by db-policy, which allows none of it.',
        '    shop/db → shop/web on any port was allowed and is now denied: shop/web is isolated for ingress by db-policy, which allows none of it.',
        '    shop/debug → shop/web on any port was allowed and is now denied: shop/web is isolated for ingress by db-policy, which allows none of it.',
        '    (and 11 more)',
        '',
      ].join('\n'),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
