// The full-screen editor that vi, vim, nano and kubectl edit open over the terminal:
// CodeMirror 6, with @replit/codemirror-vim for vi/vim and nano's keys for nano, YAML
// highlighting, and a gentle underline of what does not parse. Drawn like the terminal.
import { EditorState, Prec, type Extension, Compartment } from '@codemirror/state';
import { EditorView, keymap, lineNumbers, drawSelection, highlightActiveLine } from '@codemirror/view';
import { defaultKeymap, history, historyKeymap, indentWithTab, insertNewline } from '@codemirror/commands';
import { indentUnit, syntaxHighlighting, defaultHighlightStyle, HighlightStyle } from '@codemirror/language';
import { yaml as yamlLanguage } from '@codemirror/lang-yaml';
import { linter, type Diagnostic } from '@codemirror/lint';
import { tags } from '@lezer/highlight';
import { vim, Vim, getCM } from '@replit/codemirror-vim';
import { parseAllDocuments } from 'yaml';

export interface EditorRequest {
  editor: 'vim' | 'nano';
  path: string;
  content: string;
  purpose: 'file' | 'kubectl-edit';
  vimrc?: string;
}

export interface EditorHost {
  /** Writes the buffer; resolves with an error message when the lab refused. */
  save(path: string, content: string): Promise<{ ok: true } | { ok: false; message: string }>;
  close(path: string): void;
  fontSize(): number;
  theme(): 'dark' | 'light';
}

/** vimrc lines the lab honours: set expandtab / tabstop / shiftwidth / softtabstop / number. */
export function vimrcSettings(rc: string | undefined): { expandtab: boolean; tabstop: number; shiftwidth: number; softtabstop: number; number: boolean } {
  const s = { expandtab: false, tabstop: 8, shiftwidth: 8, softtabstop: 0, number: false };
  for (const line of (rc ?? '').split('\n')) {
    const m = /^\s*(?:set|se|setlocal|setl)\s+(.*)$/.exec(line.replace(/".*$/, ''));
    if (!m) continue;
    for (const opt of m[1]!.trim().split(/\s+/)) {
      const [k, v] = opt.split('=') as [string, string | undefined];
      if (k === 'expandtab' || k === 'et') s.expandtab = true;
      else if (k === 'noexpandtab' || k === 'noet') s.expandtab = false;
      else if ((k === 'tabstop' || k === 'ts') && v) s.tabstop = Number(v) || s.tabstop;
      else if ((k === 'shiftwidth' || k === 'sw') && v) s.shiftwidth = Number(v) || s.shiftwidth;
      else if ((k === 'softtabstop' || k === 'sts') && v !== undefined) s.softtabstop = Number(v) || 0;
      else if (k === 'number' || k === 'nu') s.number = true;
    }
  }
  return s;
}

export type Filetype = 'yaml' | 'json' | 'sh' | 'text';

export function filetypeOf(path: string, purpose: 'file' | 'kubectl-edit'): Filetype {
  if (/\.ya?ml$/i.test(path)) return 'yaml';
  if (/\.json$/i.test(path)) return 'json';
  if (/\.(sh|bash)$/i.test(path) || /(^|\/)\.(bashrc|bash_profile|profile)$/.test(path)) return 'sh';
  return purpose === 'kubectl-edit' ? 'yaml' : 'text';
}

/**
 * The indent options vim ends up with for a file: ~/.vimrc first, then the filetype plugin
 * (loaded after the vimrc, so it wins). vim 9's ftplugin/yaml.vim sets `expandtab shiftwidth=2
 * softtabstop=2`; json.vim and sh.vim set no indent options, so vim's defaults (or the
 * vimrc's) stay: tabs, shiftwidth 8. Checked against vim 9.0 with `-u DEFAULTS` and with a vimrc.
 */
export function indentSettings(ft: Filetype, rc: string | undefined): { expandtab: boolean; tabstop: number; shiftwidth: number; softtabstop: number; number: boolean } {
  const s = vimrcSettings(rc);
  if (ft === 'yaml') return { ...s, expandtab: true, shiftwidth: 2, softtabstop: 2 };
  return s;
}

const yamlLint = linter(
  (view): Diagnostic[] => {
    const text = view.state.doc.toString();
    const out: Diagnostic[] = [];
    for (const doc of parseAllDocuments(text)) {
      for (const e of [...doc.errors, ...doc.warnings]) {
        let from = Math.min(e.pos[0], text.length);
        let to = Math.max(from, Math.min(e.pos[1], text.length));
        // An error at the very end (an unclosed bracket) underlines the last character before it.
        if (to === from) {
          if (from < text.length) to = from + 1;
          else from = Math.max(0, text.length - 1);
        }
        out.push({ from, to, severity: 'warning', message: e.message.split('\n')[0]! });
      }
    }
    return out;
  },
  { delay: 400 },
);

const termHighlight = HighlightStyle.define([
  { tag: tags.propertyName, color: '#7aa2f7' },
  { tag: [tags.string, tags.special(tags.string)], color: '#9ece6a' },
  { tag: [tags.number, tags.bool, tags.null], color: '#ff9e64' },
  { tag: tags.comment, color: '#7f849c', fontStyle: 'italic' },
  { tag: [tags.punctuation, tags.separator], color: '#a9b1d6' },
]);

let exDefined = false;
let active: { save(): Promise<boolean>; quit(force: boolean): void; modified(): boolean; message(text: string, error?: boolean): void } | undefined;

/** Ex commands route to whichever editor is open (there is one at a time). */
function defineEx(): void {
  if (exDefined) return;
  exDefined = true;
  Vim.defineEx('write', 'w', () => void active?.save());
  Vim.defineEx('quit', 'q', (_cm: unknown, params: { argString?: string }) => {
    if (!active) return;
    const force = (params.argString ?? '').trim() === '!';
    if (!force && active.modified()) return active.message('E37: No write since last change (add ! to override)', true);
    active.quit(true);
  });
  Vim.defineEx('wq', 'wq', async () => {
    if (active && (await active.save())) active.quit(true);
  });
  Vim.defineEx('xit', 'x', async () => {
    if (!active) return;
    if (!active.modified() || (await active.save())) active.quit(true);
  });
  Vim.defineEx('wall', 'wa', () => void active?.save());
  Vim.map('ZZ', ':x<CR>', 'normal');
  Vim.map('ZQ', ':q!<CR>', 'normal');
  // Options the exam's ~/.vimrc and learners set; number and paste do something, the rest are accepted.
  for (const [name, def] of [['expandtab', false], ['paste', false], ['autoindent', true], ['number', false]] as const) {
    try {
      let current: boolean = def;
      Vim.defineOption(name, def, 'boolean', name === 'number' ? ['nu'] : name === 'expandtab' ? ['et'] : name === 'autoindent' ? ['ai'] : [], (v: unknown) => {
        // Called with no value to read the option, with one to set it.
        if (v === undefined) return current;
        current = Boolean(v);
        optionHook?.(name, current);
        return undefined;
      });
    } catch {
      /* already defined */
    }
  }
  for (const [name, alias] of [['tabstop', 'ts'], ['shiftwidth', 'sw'], ['softtabstop', 'sts']] as const) {
    try {
      Vim.defineOption(name, 2, 'number', [alias]);
    } catch {
      /* already defined */
    }
  }
}
/**
 * Tab in insert mode as vim types it: with expandtab, spaces to the next softtabstop (or
 * shiftwidth) stop; without, a tab character. Normal mode keeps Tab for the vim keymap.
 */
function insertTab(view: EditorView, rc: { expandtab: boolean; softtabstop: number; shiftwidth: number; tabstop: number }): boolean {
  const cm = getCM(view) as unknown as { state: { vim?: { insertMode?: boolean } } } | null;
  if (!cm?.state.vim?.insertMode) return false;
  const { head } = view.state.selection.main;
  const line = view.state.doc.lineAt(head);
  let insert = '\t';
  if (rc.expandtab) {
    const step = rc.softtabstop > 0 ? rc.softtabstop : rc.softtabstop < 0 ? rc.shiftwidth : rc.tabstop;
    const col = head - line.from;
    insert = ' '.repeat(step - (col % step));
  }
  view.dispatch(view.state.replaceSelection(insert), { scrollIntoView: true, userEvent: 'input' });
  return true;
}

/**
 * Enter in a YAML buffer as vim 9's indent/yaml.vim indents the new line: one shiftwidth more
 * after `key:`, under the key after `- key: value`, else the line's own indent. A line left
 * holding only its autoindent is emptied, as vim does.
 */
export function yamlIndentAfter(line: string, shiftwidth: number): number {
  const text = line.replace(/\s+#.*$/, '').replace(/\s+$/, '');
  const indent = /^ */.exec(line)![0].length;
  const item = /^(\s*)-\s+/.exec(text);
  const base = item ? item[0].length : indent;
  if (text.endsWith(':')) return base + shiftwidth;
  return item ? base : indent;
}

function yamlEnter(view: EditorView, shiftwidth: number): boolean {
  const cm = getCM(view) as unknown as { state: { vim?: { insertMode?: boolean } } } | null;
  if (!cm?.state.vim?.insertMode) return false;
  const { head } = view.state.selection.main;
  const line = view.state.doc.lineAt(head);
  const before = line.text.slice(0, head - line.from);
  if (before.trim() === '') {
    view.dispatch({ changes: { from: line.from, to: head, insert: `\n${before}` }, selection: { anchor: line.from + 1 + before.length }, scrollIntoView: true, userEvent: 'input' });
    return true;
  }
  const indent = ' '.repeat(yamlIndentAfter(before, shiftwidth));
  view.dispatch(view.state.replaceSelection(`\n${indent}`), { scrollIntoView: true, userEvent: 'input' });
  return true;
}

let optionHook: ((name: string, on: boolean) => void) | undefined;

export function openEditor(container: HTMLElement, req: EditorRequest, host: EditorHost): () => void {
  defineEx();
  const overlay = document.createElement('div');
  overlay.className = `editor-overlay editor-${req.editor}`;
  overlay.setAttribute('role', 'dialog');
  overlay.setAttribute('aria-label', `${req.editor === 'nano' ? 'nano' : 'vim'}: ${req.path}`);
  overlay.style.fontSize = `${host.fontSize()}px`;
  const name = req.path.startsWith('/root/') ? req.path.slice(6) : req.path;
  const top = document.createElement('div');
  top.className = 'editor-top';
  const editorHost = document.createElement('div');
  editorHost.className = 'editor-body';
  const status = document.createElement('div');
  status.className = 'editor-status';
  const statusLeft = document.createElement('span');
  const statusRight = document.createElement('span');
  status.append(statusLeft, statusRight);
  overlay.append(top, editorHost, status);
  container.appendChild(overlay);

  const ft = filetypeOf(req.path, req.purpose);
  const rc = req.editor === 'vim' ? indentSettings(ft, req.vimrc) : vimrcSettings(undefined);
  const isYaml = ft === 'yaml';
  // vim shows a file's final newline as the end of its last line (no empty line after it) and
  // writes it back (fixendofline): the buffer holds the text without it.
  const initial = req.content.endsWith('\n') ? req.content.slice(0, -1) : req.content;
  let saved = initial;
  let closed = false;
  const numbers = new Compartment();
  // :set paste (or noautoindent): Enter starts the next line at column 0, as pasted text needs.
  const plainEnter = new Compartment();
  const flags = { paste: false, autoindent: true };
  const enterExt = () => (flags.paste || !flags.autoindent ? Prec.highest(keymap.of([{ key: 'Enter', run: insertNewline }])) : []);
  const extensions: Extension[] = [
    numbers.of(rc.number ? lineNumbers() : []),
    plainEnter.of([]),
    history(),
    drawSelection(),
    highlightActiveLine(),
    EditorState.tabSize.of(rc.tabstop),
    indentUnit.of(rc.expandtab || rc.shiftwidth % rc.tabstop !== 0 ? ' '.repeat(rc.shiftwidth) : '\t'.repeat(rc.shiftwidth / rc.tabstop)),
    syntaxHighlighting(host.theme() === 'dark' ? termHighlight : defaultHighlightStyle),
    EditorView.theme({ '&': { height: '100%' }, '.cm-scroller': { fontFamily: 'inherit', lineHeight: '1.2' } }, { dark: host.theme() === 'dark' }),
    EditorView.updateListener.of((u) => {
      if (u.docChanged || u.selectionSet) updateStatus();
      if (u.docChanged || u.geometryChanged || u.viewportChanged) placeFiller();
    }),
  ];
  if (isYaml) extensions.push(yamlLanguage(), yamlLint);
  if (req.editor === 'vim')
    extensions.unshift(
      vim({ status: false }),
      Prec.high(keymap.of([{ key: 'Tab', run: (v) => insertTab(v, rc) }, ...(isYaml ? [{ key: 'Enter', run: (v: EditorView) => !flags.paste && flags.autoindent && yamlEnter(v, rc.shiftwidth) }] : [])])),
    );
  else extensions.push(keymap.of([...nanoKeys(), indentWithTab, ...defaultKeymap, ...historyKeymap]));
  if (req.editor === 'vim') extensions.push(keymap.of([...defaultKeymap, ...historyKeymap]));

  const view = new EditorView({ state: EditorState.create({ doc: initial, extensions }), parent: editorHost });
  // vim's `~` lines below the end of the buffer.
  const filler = document.createElement('div');
  filler.className = 'editor-filler';
  filler.setAttribute('aria-hidden', 'true');
  filler.textContent = '~\n'.repeat(200);
  if (req.editor === 'vim') editorHost.appendChild(filler);
  const placeFiller = () =>
    view.requestMeasure({
      read: () => ({ bottom: view.lineBlockAt(view.state.doc.length).bottom + view.documentTop - editorHost.getBoundingClientRect().top, line: view.defaultLineHeight }),
      write: ({ bottom, line }) => {
        filler.style.top = `${bottom}px`;
        filler.style.lineHeight = `${line}px`;
      },
    });
  optionHook = (name, on) => {
    if (name === 'number') view.dispatch({ effects: numbers.reconfigure(on ? lineNumbers() : []) });
    if (name === 'paste' || name === 'autoindent') {
      flags[name] = on;
      view.dispatch({ effects: plainEnter.reconfigure(enterExt()) });
    }
  };
  // Settings last for one editing session, as in vim without a vimrc line for them.
  if (req.editor === 'vim') {
    Vim.setOption('paste', false);
    Vim.setOption('autoindent', true);
    Vim.setOption('number', rc.number);
  }

  let message = '';
  let messageError = false;
  let dialogOpen = false;
  function updateStatus(): void {
    const line = view.state.doc.lineAt(view.state.selection.main.head);
    const col = view.state.selection.main.head - line.from + 1;
    statusRight.textContent = req.editor === 'nano' ? '' : `${line.number},${view.state.doc.length === 0 ? '0-1' : col}`;
    statusLeft.textContent = message;
    statusLeft.className = messageError ? 'error' : '';
    // The ex command line (`:`, `/`) takes the bottom line while it is open, as in vim.
    status.hidden = dialogOpen;
    top.textContent = req.editor === 'nano' ? `  GNU nano 7.2${' '.repeat(20)}${name}${modified() ? ' *' : ''}` : '';
  }
  const modified = () => view.state.doc.toString() !== saved;
  const say = (text: string, error = false) => {
    message = text;
    messageError = error;
    updateStatus();
  };
  if (req.editor === 'vim') {
    const cm = getCM(view) as unknown as { on(ev: string, fn: (e: { mode: string; subMode?: string }) => void): void; state: { dialog?: unknown } } | null;
    cm?.on('vim-mode-change', (e) => {
      const mode = e.mode === 'insert' ? '-- INSERT --' : e.mode === 'replace' ? '-- REPLACE --' : e.mode === 'visual' ? (e.subMode === 'linewise' ? '-- VISUAL LINE --' : e.subMode === 'blockwise' ? '-- VISUAL BLOCK --' : '-- VISUAL --') : '';
      // Entering a mode replaces the last message; leaving it clears the line.
      if (mode || /^-- .* --$/.test(message)) say(mode);
    });
    cm?.on('dialog', () => {
      dialogOpen = !!cm.state.dialog;
      updateStatus();
    });
  }

  const save = async (): Promise<boolean> => {
    // vim (fixendofline) and nano end a written file with a newline.
    const text = view.state.doc.toString();
    const content = text === '' ? '' : `${text}\n`;
    const r = await host.save(req.path, content);
    if (!r.ok) {
      say(`"${name}" ${r.message.replace(/^".*?" /, '')}`, true);
      return false;
    }
    saved = view.state.doc.toString();
    placeFiller();
    const lines = content === '' ? 0 : content.split('\n').length - (content.endsWith('\n') ? 1 : 0);
    say(req.editor === 'nano' ? `[ Wrote ${lines} line${lines === 1 ? '' : 's'} ]` : `"${name}" ${lines}L, ${new TextEncoder().encode(content).length}B written`);
    return true;
  };
  // Quit after the key that asked for it is done: its Enter must not reach the terminal.
  const quit = () => {
    if (closed) return;
    closed = true;
    if (active === api) active = undefined;
    overlay.style.display = 'none';
    window.setTimeout(() => {
      view.destroy();
      overlay.remove();
      host.close(req.path);
    }, 0);
  };
  const api = { save, quit: () => quit(), modified, message: say };
  active = api;

  // nano: ^O writes, ^X exits (asking to save a modified buffer), ^G shows the keys.
  let askingSave = false;
  function nanoKeys() {
    return [
      { key: 'Ctrl-o', run: () => (void save(), true) },
      { key: 'Ctrl-s', run: () => (void save(), true) },
      {
        key: 'Ctrl-x',
        run: () => {
          if (!modified()) quit();
          else {
            askingSave = true;
            say('Save modified buffer?  Y Yes  N No  ^C Cancel');
          }
          return true;
        },
      },
    ];
  }
  if (req.editor === 'nano') {
    overlay.addEventListener(
      'keydown',
      (e) => {
        if (!askingSave) return;
        e.preventDefault();
        e.stopPropagation();
        const k = e.key.toLowerCase();
        if (k === 'y') {
          askingSave = false;
          void save().then((ok) => ok && quit());
        } else if (k === 'n') {
          askingSave = false;
          quit();
        } else if (k === 'c' && e.ctrlKey) {
          askingSave = false;
          say('[ Cancelled ]');
        }
      },
      true,
    );
    const help = document.createElement('div');
    help.className = 'editor-help';
    help.textContent = '^O Write Out   ^X Exit   ^K Cut   ^U Paste   ^W Where Is';
    overlay.appendChild(help);
  }
  updateStatus();
  if (req.editor === 'vim') say(req.content ? `"${name}" ${req.content.split('\n').length - (req.content.endsWith('\n') ? 1 : 0)}L, ${new TextEncoder().encode(req.content).length}B` : `"${name}" [New]`);
  view.focus();
  return () => {
    // Closed from elsewhere (another tab quit): no save, no close event.
    if (closed) return;
    closed = true;
    if (active === api) active = undefined;
    view.destroy();
    overlay.remove();
  };
}
