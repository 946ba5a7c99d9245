// The editor over socket.io: `vi f.yaml` sends the open-editor effect and holds the prompt;
// editor:save writes the lab's file; editor:close gives the prompt back; bad payloads are refused.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { labClient } from '../helpers/socket.js';
import { startTestServer } from '../helpers/server.js';

const server = await startTestServer();
after(() => server.stop());
const connect = (sid: string) => {
  const c = labClient(server.url, server.cookie(sid), 'playground');
  return { ...c, save: (p: unknown) => c.call('editor:save', p) };
};


test('vi opens the editor, the prompt waits, save writes, close returns the prompt', async () => {
  const c = connect('editorSockAAAAAAAAAAAA');
  await c.until(() => /➜  $/.test(c.screen()));
  c.socket.emit('input', 'echo "set expandtab tabstop=2 shiftwidth=2" > ~/.vimrc\r');
  await c.until(() => /vimrc\r\n\r\ncontrolplane ~ ➜  $/.test(c.screen()));
  c.socket.emit('input', 'vi f.yaml\r');
  await c.until(() => c.effects.some((e) => e.type === 'open-editor'));
  assert.deepEqual(c.effects.find((e) => e.type === 'open-editor'), { type: 'open-editor', editor: 'vim', path: '/root/f.yaml', content: '', purpose: 'file', vimrc: 'set expandtab tabstop=2 shiftwidth=2\n' });
  assert.match(c.screen(), /vi f\.yaml\r\n$/);
  // Keys typed while the editor is open do not reach the shell.
  c.socket.emit('input', 'echo nope\r');
  assert.deepEqual(await c.save({ path: '/root/f.yaml', content: 'a: 1\n' }), { ok: true });
  assert.deepEqual(await c.save({ path: '/root/other.yaml', content: 'x' }), { ok: false, message: "E212: Can't open file for writing (the editor is not open on this file)" });
  assert.deepEqual(await c.save({ path: '/root/f.yaml', content: 'x'.repeat(1536 * 1024) }), { ok: false, message: "E212: Can't open file for writing" });
  c.socket.emit('editor:close', { path: '/root/f.yaml' });
  await c.until(() => /vi f\.yaml\r\n\r\ncontrolplane ~ ➜  $/.test(c.screen()));
  c.socket.emit('input', 'cat f.yaml\r');
  await c.until(() => /cat f\.yaml\r\na: 1\r\n\r\ncontrolplane ~ ➜  $/.test(c.screen()));
  assert.doesNotMatch(c.screen(), /nope/);
  c.socket.close();
});

test('a reload while the editor is open reopens it on the saved file', async () => {
  const a = connect('editorSockBBBBBBBBBBBB');
  await a.until(() => /➜  $/.test(a.screen()));
  a.socket.emit('input', 'vim g.txt\r');
  await a.until(() => a.effects.length > 0);
  await a.save({ path: '/root/g.txt', content: 'draft\n' });
  a.socket.close();
  const b = connect('editorSockBBBBBBBBBBBB');
  await b.until(() => b.effects.some((e) => e.type === 'open-editor'));
  assert.equal(b.effects.find((e) => e.type === 'open-editor').content, 'draft\n');
  b.socket.emit('editor:close', { path: '/root/g.txt' });
  await b.until(() => /vim g\.txt\r\n\r\ncontrolplane ~ ➜  $/.test(b.screen()));
  b.socket.close();
});

test('kubectl edit: saved changes are applied when the editor closes; no change says so', async () => {
  const c = connect('editorSockCCCCCCCCCCCC');
  await c.until(() => /➜  $/.test(c.screen()));
  c.socket.emit('input', 'kubectl create ns team\r');
  await c.until(() => /namespace\/team created/.test(c.screen()));
  c.socket.emit('input', 'kubectl edit ns team\r');
  await c.until(() => c.effects.some((e) => e.purpose === 'kubectl-edit'));
  const e = c.effects.find((x) => x.purpose === 'kubectl-edit');
  assert.match(e.path, /^\/tmp\/kubectl-edit-\d+\.yaml$/);
  assert.ok(e.content.startsWith("# Please edit the object below. Lines beginning with a '#' will be ignored,\n# and an empty file will abort the edit. If an error occurs while saving this file will be\n# reopened with the relevant failures.\n#\napiVersion: v1\nkind: Namespace\n"));
  assert.deepEqual(await c.save({ path: e.path, content: e.content.replace('kubernetes.io/metadata.name: team', 'kubernetes.io/metadata.name: team\n    env: dev') }), { ok: true });
  c.socket.emit('editor:close', { path: e.path });
  await c.until(() => /namespace\/team edited\r\n\r\ncontrolplane ~ ➜  $/.test(c.screen()));
  c.socket.emit('input', 'kubectl edit ns team\r');
  await c.until(() => c.effects.filter((x) => x.purpose === 'kubectl-edit').length === 2);
  c.socket.emit('editor:close', { path: c.effects.filter((x) => x.purpose === 'kubectl-edit')[1].path });
  await c.until(() => /Edit cancelled, no changes made\.\r\n\r\ncontrolplane ~ ➜  $/.test(c.screen()));
  c.socket.emit('input', 'kubectl get ns team --show-labels\r');
  await c.until(() => /env=dev,kubernetes\.io\/metadata\.name=team/.test(c.screen()));
  c.socket.close();
});

// kubectl 1.32 editoptions.go: a syntax error adds `# The edited file had a syntax error: <err>`
// under the header and reopens the editor on the learner's text; the error is the resource
// builder's (`error parsing edited-file: error converting YAML to JSON: yaml: line N: ...`, go-yaml's
// words; line N counts the header's lines). Closing the reopened file unchanged cancels.
test('kubectl edit: a YAML syntax error reopens the editor with kubectl\'s reason at the top', async () => {
  const c = connect('editorSockDDDDDDDDDDDD');
  await c.until(() => /➜  $/.test(c.screen()));
  c.socket.emit('input', 'kubectl create ns yamlerr\r');
  await c.until(() => /namespace\/yamlerr created/.test(c.screen()));
  c.socket.emit('input', 'kubectl edit ns yamlerr\r');
  await c.until(() => c.effects.some((e) => e.purpose === 'kubectl-edit'));
  const e = c.effects.find((x) => x.purpose === 'kubectl-edit');
  const lines = e.content.split('\n');
  const at = lines.findIndex((l: string) => l.includes('kubernetes.io/metadata.name: yamlerr'));
  lines.splice(at + 1, 0, '\tenv: dev');
  const edited = lines.join('\n');
  assert.deepEqual(await c.save({ path: e.path, content: edited }), { ok: true });
  c.socket.emit('editor:close', { path: e.path });
  await c.until(() => c.effects.filter((x) => x.purpose === 'kubectl-edit').length === 2, 'the editor again');
  const again = c.effects.filter((x) => x.purpose === 'kubectl-edit')[1];
  assert.equal(again.path, e.path);
  const body = edited.split('\n').filter((l: string) => !l.startsWith('#')).join('\n');
  assert.equal(
    again.content,
    "# Please edit the object below. Lines beginning with a '#' will be ignored,\n# and an empty file will abort the edit. If an error occurs while saving this file will be\n# reopened with the relevant failures.\n#\n" +
      `# The edited file had a syntax error: error parsing edited-file: error converting YAML to JSON: yaml: line ${at + 2}: found a tab character that violates indentation\n#\n` +
      body,
  );
  // The prompt still waits for the editor; nothing was printed.
  assert.match(c.screen(), /kubectl edit ns yamlerr\r\n$/);
  // Closed again without a change: kubectl keeps the copy and cancels.
  c.socket.emit('editor:close', { path: e.path });
  await c.until(() => /A copy of your changes has been stored to "\/tmp\/kubectl-edit-\d+\.yaml"\r\nerror: Edit cancelled, no valid changes were saved\.\r\n(\r\n)?controlplane ~ ✖  $/.test(c.screen()));
  // A fixed file applies.
  c.socket.emit('input', 'kubectl edit ns yamlerr\r');
  await c.until(() => c.effects.filter((x) => x.purpose === 'kubectl-edit').length === 3);
  const third = c.effects.filter((x) => x.purpose === 'kubectl-edit')[2];
  await c.save({ path: third.path, content: third.content.replace('\tenv: dev', '') + '' });
  await c.save({ path: third.path, content: edited });
  c.socket.emit('editor:close', { path: third.path });
  await c.until(() => c.effects.filter((x) => x.purpose === 'kubectl-edit').length === 4);
  const fourth = c.effects.filter((x) => x.purpose === 'kubectl-edit')[3];
  await c.save({ path: fourth.path, content: fourth.content.replace('\tenv: dev', '    env: dev') });
  c.socket.emit('editor:close', { path: fourth.path });
  await c.until(() => /namespace\/yamlerr edited\r\n(\r\n)?controlplane ~ ➜  $/.test(c.screen()));
  c.socket.close();
});
