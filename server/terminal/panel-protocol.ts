/**
 * The lab page's task panel over socket.io, beside the terminal's events: answers, checks,
 * hints, solutions, skips, reset and the app page's connection test. Each request is
 * acknowledged with a result or `{ error }`; state and map updates are pushed to every tab.
 */
import type { AttemptSummary, MapView, StepStatus } from '../lab/index.js';
import type { AnswerResult, TaskResult } from '../grader/index.js';

export interface StepView {
  status: StepStatus;
  tries: number;
  hints: string[];
  hintCount: number;
  solution?: string;
  answer?: { response: string | string[]; result: AnswerResult };
  check?: TaskResult;
}

export interface PanelState {
  steps: StepView[];
  current: number;
  startedAt: number;
  /** The server's clock when sent: the page's timer corrects for the browser's. */
  serverNow: number;
  summary: AttemptSummary;
}

export type Ack<T> = (reply: T | { error: string }) => void;

export interface PanelClientToServer {
  'panel:answer': (p: { step: number; response: string | string[] }, ack: Ack<{ correct: boolean; explanation: string }>) => void;
  'panel:check': (p: { step: number }, ack: Ack<TaskResult>) => void;
  'panel:hint': (p: { step: number }, ack: Ack<{ hint: string }>) => void;
  'panel:solution': (p: { step: number }, ack: Ack<{ solution: string }>) => void;
  'panel:skip': (p: { step: number }, ack: Ack<{ ok: true }>) => void;
  'panel:reset': (p: Record<string, never>, ack: Ack<{ ok: true }>) => void;
  /** A completed scenario, from the start: a new attempt on a fresh lab (the page reloads). */
  'panel:restart': (p: Record<string, never>, ack: Ack<{ ok: true }>) => void;
  'panel:app': (p: { pod: string; host: string; port: number; mode: 'tcp' | 'http' }, ack: Ack<{ ok: boolean; message: string; why: string[] }>) => void;
}

export interface PanelServerToClient {
  'panel:state': (s: PanelState) => void;
  'panel:map': (m: MapView & { failing: { from: string; to: string; port: string }[] }) => void;
}

export function validStep(p: unknown): p is { step: number } {
  return !!p && typeof p === 'object' && Number.isInteger((p as { step?: unknown }).step) && (p as { step: number }).step >= 0 && (p as { step: number }).step < 100;
}

export function validAnswer(p: unknown): p is { step: number; response: string | string[] } {
  if (!validStep(p)) return false;
  const r = (p as { response?: unknown }).response;
  return (typeof r === 'string' && r.length <= 1000) || (Array.isArray(r) && r.length <= 20 && r.every((x) => typeof x === 'string' && x.length <= 1000));
}

export function validApp(p: unknown): p is { pod: string; host: string; port: number; mode: 'tcp' | 'http' } {
  if (!p || typeof p !== 'object') return false;
  const x = p as Record<string, unknown>;
  return typeof x.pod === 'string' && x.pod.length <= 300 && typeof x.host === 'string' && x.host.length <= 300 && typeof x.port === 'number' && (x.mode === 'tcp' || x.mode === 'http');
}
