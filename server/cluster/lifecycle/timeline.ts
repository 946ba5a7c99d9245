/**
 * A container's life on the lab clock, computed when read (nothing ticks for an idle lab): its
 * runs, restarts with kubelet's crash back-off (the first restart at once, then 10 s doubling to
 * 5 min; reset after a run of 10 min), and the state, lastState and restartCount kubelet reports
 * at a given moment (pkg/kubelet/kuberuntime, pkg/kubelet/container/sync_result.go reasons).
 */
import type { Program } from './program.js';

export type RestartPolicy = 'Always' | 'OnFailure' | 'Never';

export interface Run {
  /** Epoch ms when the process started. */
  start: number;
  /** Epoch ms when it ended, or undefined while it runs. */
  end?: number;
  exitCode?: number;
  reason?: 'Completed' | 'Error' | 'OOMKilled' | 'StartError';
  message?: string;
}

export type ContainerState =
  | { waiting: { reason: string; message?: string } }
  | { running: { startedAt: number } }
  | { terminated: { exitCode: number; reason: string; message?: string; startedAt: number; finishedAt: number } };

export interface ContainerStatusAt {
  state: ContainerState;
  lastState: ContainerState | Record<string, never>;
  restartCount: number;
  started: boolean;
  /** Running (readiness probes are judged by the caller). */
  running: boolean;
  /** The latest runs (at most RECENT_RUNS), oldest first: the current one and those before it. */
  runs: Run[];
  /** The back-off kubelet waits before the next start, when in CrashLoopBackOff (seconds). */
  backOff?: number;
}

const MAX_BACKOFF_S = 300;
const RESET_AFTER_S = 600;
/** How long kubelet shows a finished run as terminated before it starts the back-off wait. */
const TERMINATED_SHOWN_S = 1;
/** Runs kept in the answer (logs -p needs the previous one; describe the last state). */
const RECENT_RUNS = 20;

export interface TimelineOptions {
  /** The container's memory use exceeds its limit: the kernel kills it after this many seconds of each run. */
  oomAfter?: number;
}

function exitOf(program: Program, opts: TimelineOptions): { after: number; code: number; reason: Run['reason']; message?: string } | undefined {
  if (program.kind === 'cannot-start') return { after: 0, code: 128, reason: 'StartError', message: program.message };
  if (opts.oomAfter !== undefined && (program.kind === 'runs' || opts.oomAfter < program.after)) return { after: opts.oomAfter, code: 137, reason: 'OOMKilled' };
  if (program.kind === 'runs') return undefined;
  return { after: program.after, code: program.code, reason: program.code === 0 ? 'Completed' : 'Error' };
}

const restarts = (policy: RestartPolicy, code: number) => policy === 'Always' || (policy === 'OnFailure' && code !== 0);

/** The container's status at `now`, for a first start at `firstStart` (both epoch ms). */
export function containerStatusAt(program: Program, policy: RestartPolicy, firstStart: number, now: number, opts: TimelineOptions = {}): ContainerStatusAt {
  if (now < firstStart) {
    return { state: { waiting: { reason: 'ContainerCreating' } }, lastState: {}, restartCount: 0, started: false, running: false, runs: [] };
  }
  const ending = exitOf(program, opts);
  const runs: Run[] = [];
  let count = 0;
  let start = firstStart;
  let backOffStep = 0;
  const push = (r: Run) => {
    runs.push(r);
    count++;
    if (runs.length > RECENT_RUNS) runs.shift();
  };
  for (;;) {
    if (!ending || start + ending.after * 1000 > now) {
      push({ start });
      break;
    }
    const end = start + ending.after * 1000;
    push({ start, end, exitCode: ending.code, reason: ending.reason, ...(ending.message ? { message: ending.message } : {}) });
    if (!restarts(policy, ending.code)) break;
    if (ending.after >= RESET_AFTER_S) backOffStep = 0;
    const wait = backOffStep === 0 ? 0 : Math.min(10 * 2 ** (backOffStep - 1), MAX_BACKOFF_S);
    backOffStep++;
    let next = end + Math.max(wait, TERMINATED_SHOWN_S) * 1000;
    if (next > now) break;
    // At the cap every cycle is alike: skip the whole cycles that end before now, keeping the count.
    if (wait === MAX_BACKOFF_S && ending.after < RESET_AFTER_S) {
      const period = (ending.after + MAX_BACKOFF_S) * 1000;
      const skip = Math.floor((now - next) / period) - RECENT_RUNS;
      if (skip > 0) {
        next += skip * period;
        count += skip;
      }
    }
    start = next;
  }
  const last = runs[runs.length - 1]!;
  const previous = runs[runs.length - 2];
  const terminated = (r: Run): ContainerState => ({
    terminated: { exitCode: r.exitCode!, reason: r.reason!, ...(r.message ? { message: r.message } : {}), startedAt: r.start, finishedAt: r.end! },
  });
  const restartCount = count - 1;
  const lastState = previous ? terminated(previous) : {};
  if (last.end === undefined) {
    return { state: { running: { startedAt: last.start } }, lastState, restartCount, started: true, running: true, runs };
  }
  // Finished: final, shown as terminated for a moment before the back-off, or waiting in it.
  if (!restarts(policy, last.exitCode!) || now - last.end < TERMINATED_SHOWN_S * 1000) {
    return { state: terminated(last), lastState, restartCount, started: false, running: false, runs };
  }
  const step = Math.max(1, restartCount);
  const backOff = Math.min(10 * 2 ** (step - 1), MAX_BACKOFF_S);
  return { state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: terminated(last), restartCount, started: false, running: false, runs, backOff };
}

/** kubelet's CrashLoopBackOff message: `back-off 10s restarting failed container=app pod=web_default(uid)`. */
export function crashLoopMessage(backOffSeconds: number, container: string, pod: { name: string; namespace: string; uid: string }): string {
  return `back-off ${goDuration(backOffSeconds)} restarting failed container=${container} pod=${pod.name}_${pod.namespace}(${pod.uid})`;
}

/** time.Duration.String() for whole seconds: 10s, 1m20s, 5m0s. */
export function goDuration(seconds: number): string {
  const s = Math.floor(seconds);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${s % 60}s`;
  return `${Math.floor(m / 60)}h${m % 60}m${s % 60}s`;
}
