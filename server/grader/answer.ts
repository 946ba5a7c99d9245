/** Questions: a choice, every right choice, or a short answer among the accepted ones. */
import type { Question } from '../scenarios/index.js';
import type { AnswerResult } from './types.js';

/** Case, surrounding spaces, quotes, backticks and a final full stop do not matter. */
export function normalizeAnswer(s: string): string {
  return s
    .trim()
    .replace(/^[`'"]+|[`'"]+$/g, '')
    .replace(/\.$/, '')
    .replace(/\s+/g, ' ')
    .toLowerCase();
}

export const MAX_ANSWER_CHARS = 1000;

/**
 * Judges an answer. `wrongBefore` is how many wrong tries came before this one: from the second
 * wrong try on, the step's `explain` says why, as a tutor would; another try is always allowed.
 */
export function gradeAnswer(q: Question, response: string | readonly string[], wrongBefore = 0): AnswerResult {
  const r = judge(q, response);
  if (r.correct || wrongBefore < 1 || !q.explain || r.explanation === 'Type an answer first.' || r.explanation === 'Choose one of the answers.') return r;
  return { correct: false, explanation: `${r.explanation.replace(/: try again\.$/, '.')} ${q.explain}${/: try again\.$/.test(r.explanation) ? ' Try again.' : ''}` };
}

function judge(q: Question, response: string | readonly string[]): AnswerResult {
  const after = q.explain ? ` ${q.explain}` : '';
  const list = (typeof response === 'string' ? [response] : [...response]).map((r) => String(r).slice(0, MAX_ANSWER_CHARS));
  switch (q.kind) {
    case 'single': {
      const ok = list.length === 1 && list[0] === q.answer;
      return { correct: ok, explanation: ok ? `Correct.${after}` : list.length === 1 && q.choices.includes(list[0]!) ? 'Not quite: try again.' : 'Choose one of the answers.' };
    }
    case 'multiple': {
      const chosen = new Set(list);
      const want = new Set(q.answers);
      const ok = chosen.size === want.size && [...want].every((a) => chosen.has(a));
      if (ok) return { correct: true, explanation: `Correct.${after}` };
      const missing = [...want].filter((a) => !chosen.has(a)).length;
      const extra = [...chosen].filter((a) => !want.has(a)).length;
      const parts = [missing ? `${missing} right answer${missing === 1 ? ' is' : 's are'} not selected` : '', extra ? `${extra} selected answer${extra === 1 ? ' is' : 's are'} wrong` : ''].filter(Boolean);
      return { correct: false, explanation: `Not quite: ${parts.join(' and ')}.` };
    }
    case 'text': {
      const given = normalizeAnswer(list.join(' '));
      if (!given) return { correct: false, explanation: 'Type an answer first.' };
      const ok = q.accept.some((a) => normalizeAnswer(a) === given);
      return { correct: ok, explanation: ok ? `Correct.${after}` : 'Not quite: try again.' };
    }
  }
}
