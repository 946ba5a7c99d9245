// The line discipline from raw bytes, as xterm.js sends them: keys, escape sequences, paste.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LineDiscipline, type DisciplineEvent } from '../../server/terminal/line-discipline.js';
import { makeLab } from '../helpers/lab.js';
import { screen } from '../helpers/screen.js';

function terminal() {
  const { lab } = makeLab({ fixture: 'seed-cluster.yaml' });
  const ran: string[] = [];
  const d = new LineDiscipline({
    promptDir: () => lab.promptDir(),
    needsMore: (t) => lab.needsMore(t),
    execute: (t, c) => {
      ran.push(t);
      return lab.run(t, c);
    },
    complete: (l, c) => lab.complete(l, c),
    history: () => lab.history(),
  });
  const out = (events: DisciplineEvent[]) => events.filter((e) => e.type === 'output').map((e) => (e as { data: string }).data).join('');
  return { d, ran, lab, type: (s: string) => out(d.feed(s)) };
}

test('the prompt is the seed lab prompt, and turns to ✖ after a failure', () => {
  const t = terminal();
  assert.equal(t.d.prompt(), 'controlplane ~ ➜  ');
  const out = t.type('nosuchcommand\r');
  assert.equal(out, 'nosuchcommand\r\nbash: nosuchcommand: command not found\r\n\r\ncontrolplane ~ ✖  ');
  assert.equal(t.type('true\r').endsWith('controlplane ~ ➜  '), true);
});

test('typing echoes and Enter runs the line with CRLF output', () => {
  const t = terminal();
  assert.equal(t.type('echo hello\r'), 'echo hello\r\nhello\r\n\r\ncontrolplane ~ ➜  ');
  assert.deepEqual(t.ran, ['echo hello']);
});

// The seed's transcript (../shared/seeds/000_53140d27f0182da5.txt) shows an empty line between
// a command's output and the next prompt: "payroll-policy   name=payroll   18m\n\ncontrolplane ~ ➜".
test('a blank line separates a command from the next prompt, as in the seed transcript', () => {
  const t = terminal();
  assert.equal(
    t.type('kubectl get netpol\r'),
    'kubectl get netpol\r\nNAME             POD-SELECTOR   AGE\r\npayroll-policy   name=payroll   18m\r\n\r\ncontrolplane ~ ➜  ',
  );
  // The continuation prompt of an unfinished line has none; an empty line gets one, like PS1.
  assert.equal(t.type('echo "a\r'), 'echo "a\r\n> ');
  assert.equal(t.type('b"\r'), 'b"\r\na\r\nb\r\n\r\ncontrolplane ~ ➜  ');
  assert.equal(t.type('\r'), '\r\n\r\ncontrolplane ~ ➜  ');
});

test('arrows, Home/End, Ctrl-A/E, Backspace and Delete edit where the cursor is', () => {
  const t = terminal();
  t.type('eco hi');
  t.type('\x1b[D\x1b[D\x1b[D\x1b[D'); // ← ×4: between "ec" and "o"
  t.type('h');
  t.type('\x05'); // Ctrl-E
  t.type('\x7f'); // Backspace: "echo h"
  t.type('\x01\x1b[3~'); // Ctrl-A, Delete: "cho h"
  t.type('e');
  t.type('\x1b[F!'); // End, then "!"
  t.type('\r');
  assert.deepEqual(t.ran, ['echo h!']);
});

test('Ctrl-U, Ctrl-K and Ctrl-W kill text as readline does', () => {
  const t = terminal();
  t.type('echo one two three');
  t.type('\x17'); // kill "three"
  t.type('\x01\x1b[C\x1b[C\x1b[C\x1b[C\x1b[C'); // after "echo "
  t.type('\x0b'); // kill to end
  t.type('X\r');
  t.type('garbage\x15echo Y\r');
  assert.deepEqual(t.ran, ['echo X', 'echo Y']);
});

test('Ctrl-C abandons the line with ^C', () => {
  const t = terminal();
  assert.equal(t.type('echo abc\x03'), 'echo abc^C\r\n\r\ncontrolplane ~ ✖  ');
  assert.deepEqual(t.ran, []);
});

test('history with ↑/↓ and !!', () => {
  const t = terminal();
  t.type('echo first\r');
  t.type('echo second\r');
  t.type('\x1b[A\x1b[A\r');
  t.type('!!\r');
  assert.deepEqual(t.ran, ['echo first', 'echo second', 'echo first', '!!']);
  assert.equal(t.lab.history().at(-1), 'echo first');
});

test('Ctrl-R finds an earlier command', () => {
  const t = terminal();
  t.type('kubectl get netpol\r');
  t.type('echo x\r');
  const shown = t.type('\x12net');
  assert.match(shown, /\(reverse-i-search\)`net': kubectl get netpol$/);
  t.type('\r');
  assert.equal(t.ran.at(-1), 'kubectl get netpol');
});

test('a bracketed multi-line paste runs lines in order, a heredoc continues with "> "', () => {
  const t = terminal();
  const out = t.type('\x1b[200~cat <<EOF > f.txt\rhello\rEOF\recho done\r\x1b[201~');
  assert.deepEqual(t.ran, ['cat <<EOF > f.txt\nhello\nEOF', 'echo done']);
  assert.match(out, /\r\n> hello\r\n> EOF\r\n/);
  assert.equal(t.lab.run('cat f.txt').stdout, 'hello\n');
});

test('an escape sequence split across two reads is still one key', () => {
  const t = terminal();
  t.type('echo ab');
  t.type('\x1b');
  t.type('[D');
  t.type('X\r');
  assert.deepEqual(t.ran, ['echo aXb']);
});

test('Tab completes kubectl verbs, resource types and names', () => {
  const t = terminal();
  t.type('kubectl desc\t');
  t.type('netp\t');
  t.type('pay\t\r');
  assert.deepEqual(t.ran, ['kubectl describe netpol payroll-policy ']);
});

test('wide characters and wrapped lines keep the cursor arithmetic right, on a real terminal emulator', async () => {
  const t = terminal();
  const scr = screen(20);
  t.d.columns = 20;
  await scr.write(t.d.prompt());
  // "controlplane ~ ➜  " is 18 cells: the line wraps after "ec", and each 漢 takes two cells.
  await scr.write(t.type('echo 漢字漢字漢字 abcdefghij'));
  assert.deepEqual(scr.rows(), ['controlplane ~ ➜  ec', 'ho 漢字漢字漢字 abcd', 'efghij']);
  assert.deepEqual(scr.cursor(), { x: 6, y: 2 });
  await scr.write(t.type('\x01\x1b[C\x1b[C\x1b[C\x1b[C\x1b[C')); // Home, then after "echo "
  assert.deepEqual(scr.cursor(), { x: 3, y: 1 });
  await scr.write(t.type('>'));
  assert.deepEqual(scr.rows(), ['controlplane ~ ➜  ec', 'ho >漢字漢字漢字 abc', 'defghij']);
  assert.deepEqual(scr.cursor(), { x: 4, y: 1 });
  await scr.write(t.type('\x1b[C\x1b[C')); // over two wide characters: four cells
  assert.deepEqual(scr.cursor(), { x: 8, y: 1 });
  await scr.write(t.type('\r'));
  assert.deepEqual(t.ran, ['echo >漢字漢字漢字 abcdefghij']);
});

test('Ctrl-D on an empty line says the lab stays', () => {
  const t = terminal();
  assert.match(t.type('\x04'), /^exit\r\nThe lab stays open/);
});

test('after ssh the prompt names the node; Ctrl-D on an empty line logs out of it', () => {
  const { lab } = makeLab({ setup: { workers: ['node01'] } });
  const d = new LineDiscipline({
    promptDir: () => lab.promptDir(),
    promptHost: () => lab.promptHost(),
    endOfInput: () => lab.endOfInput(),
    needsMore: (t) => lab.needsMore(t),
    execute: (t, c) => lab.run(t, c),
    complete: (l, c) => lab.complete(l, c),
    history: () => lab.history(),
  });
  const type = (s: string) => d.feed(s).filter((e) => e.type === 'output').map((e) => (e as { data: string }).data).join('');
  assert.ok(type('ssh node01\r').endsWith('node01 ~ ➜  '));
  assert.equal(type('\x04'), 'logout\r\nConnection to node01 closed.\r\n\r\ncontrolplane ~ ➜  ');
  assert.equal(type('\x04'), 'exit\r\nThe lab stays open: close the tab to leave it.\r\n\r\ncontrolplane ~ ➜  ');
});
