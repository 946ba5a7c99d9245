// The lab page around the terminal: the task panel (steps, questions, Check, hints, solution,
// skip), the top bar (progress, timer, reset, theme, font size, map toggle), the draggable
// split, the app-page tabs and the network map. Everything a learner or a scenario wrote is
// put in the page as text (textContent), except step markdown the server rendered safely.
import type { Socket } from 'socket.io-client';
import type { Terminal } from '@xterm/xterm';
import type { FitAddon } from '@xterm/addon-fit';
import type { PanelState, StepView } from '../../server/terminal/panel-protocol.js';
import type { TaskResult } from '../../server/grader/types.js';
import { drawDiagram, drawMatrix, type MapMessage } from './map.js';

interface StepData {
  id: string;
  title: string;
  html: string;
  points: number;
  kind: 'single' | 'multiple' | 'text' | 'task';
  choices: string[];
  hintCount: number;
}

interface PageData {
  id: string;
  title: string;
  map: boolean;
  appPages: { namespace: string; pod: string }[];
  steps: StepData[];
}

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;

function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

function fmtTime(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const hh = Math.floor(s / 3600);
  const mm = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return hh ? `${hh}:${String(mm).padStart(2, '0')}:${ss}` : `${mm}:${ss}`;
}

export function startLabPage(socket: Socket, term: Terminal, fit: FitAddon): void {
  const data = JSON.parse($('scenario-data').textContent ?? '{}') as PageData;
  let state: PanelState | undefined;
  let shown = 0;
  /** Move to the current step on the next state push (first load, after Skip). */
  let followCurrent = true;
  let clockSkew = 0;
  let lastMap: MapMessage | undefined;
  let mapView: 'diagram' | 'matrix' = 'diagram';
  const pending = new Set<string>();

  const toast = (msg: string) => {
    const t = $('toast');
    t.textContent = msg;
    t.hidden = false;
    clearTimeout((t as unknown as { timer?: number }).timer);
    (t as unknown as { timer?: number }).timer = window.setTimeout(() => (t.hidden = true), 5000);
  };

  /** Sends a request once at a time per kind; a lost connection or a timeout says so. */
  const request = <T>(event: string, payload: unknown, key = event): Promise<T | { error: string }> => {
    if (pending.has(key)) return Promise.resolve({ error: 'Still working on the last one…' });
    if (!socket.connected) return Promise.resolve({ error: 'The connection to the lab is lost: reconnecting… try again in a moment.' });
    pending.add(key);
    return new Promise((resolve) => {
      socket.timeout(15000).emit(event, payload, (err: Error | null, reply: T | { error: string }) => {
        pending.delete(key);
        resolve(err ? { error: 'No answer from the lab (the connection was lost?): try again.' } : reply);
      });
    });
  };

  // ---- top bar ----
  const applyFont = (size: number) => {
    term.options.fontSize = size;
    localStorage.setItem('ckalab.font', String(size));
    fit.fit();
  };
  const savedFont = Number(localStorage.getItem('ckalab.font'));
  if (savedFont >= 10 && savedFont <= 28) applyFont(savedFont);
  $('font-up').addEventListener('click', () => applyFont(Math.min(28, (term.options.fontSize ?? 15) + 1)));
  $('font-down').addEventListener('click', () => applyFont(Math.max(10, (term.options.fontSize ?? 15) - 1)));
  const applyTheme = (t: string) => {
    document.documentElement.dataset.theme = t;
    localStorage.setItem('ckalab.theme', t);
    term.options.theme = t === 'light' ? { background: '#fbfbfb', foreground: '#1e1e1e', cursor: '#1e1e1e', selectionBackground: '#c8d7f0' } : { background: '#000000', foreground: '#e0e0e0' };
  };
  applyTheme(localStorage.getItem('ckalab.theme') ?? 'dark');
  $('theme').addEventListener('click', () => applyTheme(document.documentElement.dataset.theme === 'light' ? 'dark' : 'light'));
  const mapPane = $('map-pane');
  const mapPref = localStorage.getItem(`ckalab.map.${data.id}`);
  if (mapPref) mapPane.hidden = mapPref !== 'on';
  $('map-toggle').setAttribute('aria-pressed', String(!mapPane.hidden));
  $('map-toggle').addEventListener('click', () => {
    mapPane.hidden = !mapPane.hidden;
    $('map-toggle').setAttribute('aria-pressed', String(!mapPane.hidden));
    localStorage.setItem(`ckalab.map.${data.id}`, mapPane.hidden ? 'off' : 'on');
    drawMap();
  });
  $('reset').addEventListener('click', async () => {
    if (!confirm('Reset the lab? You get a fresh cluster: your files, objects and shell history are lost. Your answers and passed steps stay.')) return;
    const r = await request<{ ok: true }>('panel:reset', {});
    if ('error' in r) toast(r.error);
    else {
      toast('The lab was reset.');
      term.focus();
    }
  });
  window.setInterval(() => {
    if (!state) return;
    const end = state.summary.completed ? state.startedAt + state.summary.elapsed : Date.now() + clockSkew;
    $('timer').textContent = fmtTime(end - state.startedAt);
  }, 1000);

  // ---- split ----
  const splitter = $('splitter');
  const panel = $('panel');
  const savedWidth = Number(localStorage.getItem('ckalab.split'));
  if (savedWidth > 200) panel.style.width = `${savedWidth}px`;
  const setWidth = (w: number) => {
    const clamped = Math.max(260, Math.min(window.innerWidth - 360, w));
    panel.style.width = `${clamped}px`;
    localStorage.setItem('ckalab.split', String(clamped));
    fit.fit();
  };
  splitter.addEventListener('pointerdown', (e) => {
    splitter.setPointerCapture(e.pointerId);
    const move = (ev: PointerEvent) => setWidth(ev.clientX);
    const up = () => {
      splitter.removeEventListener('pointermove', move);
      splitter.removeEventListener('pointerup', up);
    };
    splitter.addEventListener('pointermove', move);
    splitter.addEventListener('pointerup', up);
  });
  splitter.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowLeft') setWidth(panel.offsetWidth - 24);
    if (e.key === 'ArrowRight') setWidth(panel.offsetWidth + 24);
  });

  // ---- tabs: terminal and app pages ----
  const appPage = $('app-page');
  let appPod = '';
  document.querySelectorAll<HTMLButtonElement>('#tabs [role=tab]').forEach((tab) => {
    tab.addEventListener('click', () => {
      document.querySelectorAll('#tabs [role=tab]').forEach((t) => t.setAttribute('aria-selected', String(t === tab)));
      const isTerm = tab.dataset.tab === 'terminal';
      $('terminal').hidden = !isTerm;
      appPage.hidden = isTerm;
      if (isTerm) {
        fit.fit();
        term.focus();
      } else {
        // Each pod's page starts empty: a host typed for another pod is not reused.
        if (appPod !== (tab.dataset.pod ?? '')) ($('app-form') as HTMLFormElement).reset();
        appPod = tab.dataset.pod ?? '';
        $('app-title').textContent = `Connectivity test from pod ${appPod.replace(/^default\//, '')}`;
        $('app-result').textContent = '';
        ($('app-why') as HTMLDetailsElement).hidden = true;
        appPage.querySelector<HTMLInputElement>('input[name=host]')?.focus();
      }
    });
  });
  $('app-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const f = new FormData(e.target as HTMLFormElement);
    $('app-result').textContent = 'Testing…';
    const r = await request<{ ok: boolean; message: string; why: string[] }>('panel:app', { pod: appPod, host: String(f.get('host') ?? ''), port: Number(f.get('port')), mode: f.get('mode') === 'http' ? 'http' : 'tcp' });
    if ('error' in r) {
      $('app-result').textContent = r.error;
      return;
    }
    $('app-result').textContent = r.message;
    $('app-result').className = r.ok ? 'ok' : 'no';
    const why = $('app-why') as HTMLDetailsElement;
    why.hidden = r.why.length === 0;
    why.querySelector('pre')!.textContent = r.why.join('\n');
  });

  // ---- the map ----
  const drawMap = () => {
    if (!lastMap || mapPane.hidden) return;
    (mapView === 'diagram' ? drawDiagram : drawMatrix)($('map'), lastMap);
  };
  // A larger view: the map over the whole page (Esc or the button again closes it).
  const setFull = (on: boolean) => {
    mapPane.classList.toggle('full', on);
    $('map-full').setAttribute('aria-pressed', String(on));
    $('map-full').textContent = on ? 'Close' : 'Full screen';
    drawMap();
  };
  $('map-full').addEventListener('click', () => setFull(!mapPane.classList.contains('full')));
  window.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && mapPane.classList.contains('full')) setFull(false);
  });
  for (const [id, view] of [['map-diagram', 'diagram'], ['map-matrix', 'matrix']] as const) {
    $(id).addEventListener('click', () => {
      mapView = view;
      $('map-diagram').setAttribute('aria-selected', String(view === 'diagram'));
      $('map-matrix').setAttribute('aria-selected', String(view === 'matrix'));
      drawMap();
    });
  }
  socket.on('panel:map', (m: MapMessage) => {
    lastMap = m;
    drawMap();
  });

  // ---- steps ----
  const stepNav = $('steps');
  const stepEl = $('step');

  const renderNav = () => {
    stepNav.replaceChildren();
    data.steps.forEach((st, i) => {
      const v = state?.steps[i];
      const status = v?.status ?? 'locked';
      const b = h('button', { type: 'button', class: `dot ${status}${i === shown ? ' shown' : ''}`, title: `Step ${i + 1}: ${st.title} (${status})`, 'aria-label': `Step ${i + 1}: ${st.title}, ${status}` }, String(i + 1));
      b.disabled = status === 'locked';
      if (i === shown) b.setAttribute('aria-current', 'step');
      b.addEventListener('click', () => {
        shown = i;
        render();
      });
      stepNav.appendChild(b);
    });
    if (state) {
      const done = state.steps.filter((s) => s.status === 'passed' || s.status === 'skipped').length;
      // The step shown in the panel (the learner may look back, or not have moved on yet).
      $('progress').textContent = `Step ${Math.min(shown + 1, data.steps.length)} of ${data.steps.length} · ${done} done`;
    }
  };

  const checkList = (r: TaskResult): HTMLElement => {
    const ul = h('ul', { class: 'checks' });
    for (const c of r.checks) {
      const li = h('li', { class: c.passed ? 'pass' : 'fail' });
      li.appendChild(h('span', { class: 'mark', 'aria-label': c.passed ? 'passed' : 'failed' }, c.passed ? '✓' : '✗'));
      li.appendChild(h('span', { class: 'check-title' }, c.title));
      if (!c.passed || c.kind === 'reach') li.appendChild(h('p', { class: 'explanation' }, c.explanation));
      ul.appendChild(li);
    }
    return ul;
  };

  const renderSummary = (): HTMLElement | undefined => {
    if (!state?.summary.completed) return undefined;
    const s = state.summary;
    const box = h('section', { class: 'summary', id: 'summary' });
    box.appendChild(h('h2', {}, 'Scenario complete'));
    const dl = h('dl');
    for (const [k, v] of [
      ['Score', `${s.score} / ${s.maxScore} points`],
      ['Time', fmtTime(s.elapsed)],
      ['Steps passed', `${s.passed} of ${data.steps.length}${s.skipped ? ` (${s.skipped} skipped)` : ''}`],
      ['Hints used', String(s.hints)],
      ['Solutions viewed', String(s.solutions)],
    ]) {
      dl.appendChild(h('dt', {}, k));
      dl.appendChild(h('dd', {}, v));
    }
    box.appendChild(dl);
    box.appendChild(h('a', { href: '/', class: 'button' }, 'Back to the scenarios'));
    const again = h('button', { type: 'button', id: 'restart' }, 'Start again');
    again.addEventListener('click', async () => {
      if (!confirm('Start this scenario again? This attempt stays in your progress; you get a fresh lab.')) return;
      const r = await request<{ ok: true }>('panel:restart', {});
      if ('error' in r) toast(r.error);
      else window.location.reload();
    });
    box.appendChild(again);
    return box;
  };

  let focusAfterRender: string | undefined;
  const render = () => {
    renderNav();
    const st = data.steps[shown];
    const v: StepView | undefined = state?.steps[shown];
    if (!st) return;
    stepEl.replaceChildren();
    const summary = renderSummary();
    if (summary && shown === state!.current) stepEl.appendChild(summary);
    stepEl.appendChild(h('h2', {}, `${shown + 1}. ${st.title}`));
    stepEl.appendChild(h('p', { class: 'points' }, `${st.points} point${st.points === 1 ? '' : 's'}${v?.status === 'passed' ? ' · passed' : v?.status === 'skipped' ? ' · skipped' : ''}`));
    const text = h('div', { class: 'md' });
    text.innerHTML = st.html; // rendered by the server: raw HTML escaped, links limited
    stepEl.appendChild(text);

    const actions = h('div', { class: 'actions' });
    const feedback = h('div', { class: 'feedback', 'aria-live': 'polite' });
    if (st.kind === 'task') {
      const check = h('button', { type: 'button', class: 'primary', id: 'check' }, 'Check');
      check.disabled = v?.status === 'locked';
      check.addEventListener('click', async () => {
        check.disabled = true;
        check.textContent = 'Checking…';
        const r = await request<TaskResult>('panel:check', { step: shown }, 'check');
        check.disabled = false;
        check.textContent = 'Check';
        if ('error' in r) {
          feedback.replaceChildren(h('p', { class: 'error' }, r.error));
          return;
        }
        // The state push re-renders; if it is late, show the result now.
        feedback.replaceChildren(h('p', { class: r.passed ? 'ok' : 'no' }, r.passed ? 'All checks pass.' : 'Not yet:'), checkList(r));
      });
      actions.appendChild(check);
      if (v?.check) feedback.replaceChildren(h('p', { class: v.check.passed ? 'ok' : 'no' }, v.check.passed ? 'All checks pass.' : 'Not yet:'), checkList(v.check));
    } else {
      const form = h('form', { class: 'question' });
      if (st.kind === 'text') {
        const input = h('input', { name: 'answer', type: 'text', maxlength: '1000', autocomplete: 'off', 'aria-label': 'Your answer' });
        if (typeof v?.answer?.response === 'string') input.value = v.answer.response;
        form.appendChild(input);
      } else {
        st.choices.forEach((c, i) => {
          const label = h('label', { class: 'choice' });
          const input = h('input', { type: st.kind === 'single' ? 'radio' : 'checkbox', name: 'answer', value: c, id: `choice-${i}` });
          const prev = v?.answer?.response;
          if (prev !== undefined && (Array.isArray(prev) ? prev.includes(c) : prev === c)) input.checked = true;
          label.appendChild(input);
          label.appendChild(h('span', {}, c));
          form.appendChild(label);
        });
      }
      const submit = h('button', { type: 'submit', class: 'primary' }, 'Submit');
      form.appendChild(submit);
      form.addEventListener('submit', async (e) => {
        e.preventDefault();
        const f = new FormData(form);
        const values = f.getAll('answer').map(String);
        const response = st.kind === 'multiple' ? values : (values[0] ?? '');
        submit.disabled = true;
        feedback.replaceChildren(h('p', { class: 'pending' }, 'Checking…'));
        const r = await request<{ correct: boolean; explanation: string }>('panel:answer', { step: shown, response }, 'answer');
        submit.disabled = false;
        if ('error' in r) feedback.replaceChildren(h('p', { class: 'error' }, r.error));
        else {
          feedback.replaceChildren(inline('p', r.correct ? 'ok' : 'no', r.explanation));
          // Right: on to the next step from the keyboard; wrong: try again where you are.
          // (The new state may already be drawn, or may come after this reply.)
          if (r.correct) {
            const next = stepEl.querySelector<HTMLElement>('#next');
            if (next) next.focus();
            else focusAfterRender = '#next';
          }
        }
      });
      stepEl.appendChild(form);
      if (v?.answer) feedback.replaceChildren(inline('p', v.answer.result.correct ? 'ok' : 'no', v.answer.result.explanation));
    }
    // Hints, one at a time; the solution on request; skip or move on.
    if (st.hintCount > 0) {
      const more = (v?.hints.length ?? 0) < st.hintCount;
      const hint = h('button', { type: 'button', id: 'hint' }, more ? `Hint (${(v?.hints.length ?? 0) + 1} of ${st.hintCount})` : 'No more hints');
      hint.disabled = !more || v?.status === 'locked';
      hint.addEventListener('click', async () => {
        const r = await request<{ hint: string }>('panel:hint', { step: shown });
        if ('error' in r) toast(r.error);
      });
      actions.appendChild(hint);
    }
    if (!v?.solution) {
      const sol = h('button', { type: 'button', id: 'solution' }, 'Solution');
      sol.addEventListener('click', async () => {
        if (!confirm('Show the solution? It is recorded, and this step then earns no points.')) return;
        const r = await request<{ solution: string }>('panel:solution', { step: shown });
        if ('error' in r) toast(r.error);
      });
      actions.appendChild(sol);
    }
    if (v && (v.status === 'open' || v.status === 'locked') && shown < data.steps.length) {
      const skip = h('button', { type: 'button', id: 'skip' }, 'Skip');
      skip.disabled = v.status === 'locked';
      skip.addEventListener('click', async () => {
        // Set before asking: the new state is pushed before the reply arrives.
        followCurrent = true;
        const r = await request<{ ok: true }>('panel:skip', { step: shown });
        if ('error' in r) {
          followCurrent = false;
          toast(r.error);
        }
      });
      actions.appendChild(skip);
    }
    if (v && (v.status === 'passed' || v.status === 'skipped') && shown < data.steps.length - 1 && state && state.steps[shown + 1]?.status !== 'locked') {
      const next = h('button', { type: 'button', class: 'primary', id: 'next' }, 'Next step →');
      next.addEventListener('click', () => {
        shown++;
        render();
        stepEl.querySelector<HTMLElement>('input, button.primary')?.focus();
      });
      actions.appendChild(next);
    }
    stepEl.appendChild(actions);
    stepEl.appendChild(feedback);
    if (v?.hints.length) {
      const list = h('ol', { class: 'hints' });
      for (const t of v.hints) {
        const li = h('li');
        li.innerHTML = renderInline(t);
        list.appendChild(li);
      }
      stepEl.appendChild(h('h3', {}, 'Hints'));
      stepEl.appendChild(list);
    }
    if (focusAfterRender) {
      stepEl.querySelector<HTMLElement>(focusAfterRender)?.focus();
      focusAfterRender = undefined;
    }
    if (v?.solution) {
      stepEl.appendChild(h('h3', {}, 'Solution'));
      const pre = h('pre', { class: 'solution' }, v.solution);
      stepEl.appendChild(pre);
      const copy = h('button', { type: 'button', class: 'copy-solution' }, 'Copy');
      copy.addEventListener('click', () => void copyText(v.solution!, copy));
      stepEl.appendChild(copy);
    }
  };

  // Alt+1: the task panel; Alt+2: the terminal (the exam's habit of switching without the mouse).
  // Captured before xterm sees the keys (it would send them to the shell as ESC 1 / ESC 2).
  window.addEventListener(
    'keydown',
    (e) => {
      if (!e.altKey || e.ctrlKey || e.metaKey || (e.key !== '1' && e.key !== '2')) return;
      e.preventDefault();
      e.stopPropagation();
      if (e.key === '1') stepEl.querySelector<HTMLElement>('input, button.primary, button')?.focus();
      else term.focus();
    },
    true,
  );

  // Code spans copy with one click (hints and step text alike).
  panel.addEventListener('click', (e) => {
    const code = (e.target as HTMLElement).closest('code.copy');
    if (code) void copyText(code.textContent ?? '', code as HTMLElement);
  });

  socket.on('panel:state', (s: PanelState) => {
    const before = state;
    state = s;
    clockSkew = s.serverNow - Date.now();
    // Move on to the new current step when the learner was on the one that just passed.
    if (followCurrent || !before) shown = s.current;
    followCurrent = false;
    render();
  });
  // The server closing the socket on purpose (the session ended) is not a lost connection.
  socket.on('disconnect', (reason: string) => {
    if (reason !== 'io server disconnect') toast('Connection lost: reconnecting…');
  });
  socket.io.on('reconnect', () => toast('Reconnected.'));
  render();
}

function inline(tag: 'p' | 'li', cls: string, text: string): HTMLElement {
  const e = document.createElement(tag);
  e.className = cls;
  e.innerHTML = renderInline(text);
  return e;
}

/** A hint's markdown-lite: `code` spans only; everything else is text. */
function renderInline(t: string): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return t
    .split(/(`[^`]*`)/)
    .map((part) => (part.startsWith('`') && part.endsWith('`') && part.length > 1 ? `<code class="copy" title="Click to copy">${esc(part.slice(1, -1))}</code>` : esc(part)))
    .join('');
}

async function copyText(text: string, el: HTMLElement): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    el.classList.add('copied');
    window.setTimeout(() => el.classList.remove('copied'), 1200);
  } catch {
    // Clipboard refused (plain http on a LAN): select the text so Ctrl-C works.
    const range = document.createRange();
    range.selectNodeContents(el);
    const sel = window.getSelection();
    sel?.removeAllRanges();
    sel?.addRange(range);
  }
}
