/**
 * Pod's table (printers.go printPod, 1.32): READY counts ready containers plus started sidecars
 * over containers plus sidecars; STATUS is the phase, overridden by the first unfinished init
 * container (`Init:0/1`, `Init:CrashLoopBackOff`, `Init:Error`) or else by the last container
 * that waits or terminated (`ImagePullBackOff`, `CrashLoopBackOff`, `Completed`, `Error`),
 * `Terminating` while deleted; RESTARTS is `N (Xs ago)` from the latest lastState.terminated.
 */
import { age } from '../age.js';
import { AGE, NAME, type Column, type Row } from './common.js';

interface Summary {
  ready: string;
  status: string;
  restarts: string;
}

/** One summary per row printed (three columns read it); keyed by the clock and the object's resourceVersion, as controllers change pods in place. */
const summaries = new WeakMap<object, { now: number; rv: string | undefined; s: Summary }>();

function summarize(pod: Row, now: number): Summary {
  const cached = summaries.get(pod);
  const rv = pod.metadata?.resourceVersion;
  if (cached && cached.now === now && cached.rv === rv) return cached.s;
  const s = printPod(pod, now);
  summaries.set(pod, { now, rv, s });
  return s;
}

function conditionTrue(status: Row, type: string): boolean {
  const conds = status.conditions as Row[] | undefined;
  if (conds) for (const c of conds) if (c.type === type && c.status === 'True') return true;
  return false;
}

export function printPod(pod: Row, now: number): Summary {
  const spec = pod.spec ?? {};
  const status = pod.status ?? {};
  const initSpecs = spec.initContainers as Row[] | undefined;
  let restarts = 0;
  let lastRestart = 0;
  let readyContainers = 0;
  let total = (spec.containers ?? []).length;
  let reason: string = status.reason || status.phase || '';
  const conds = status.conditions as Row[] | undefined;
  if (conds) for (const c of conds) if (c.type === 'PodScheduled' && c.reason === 'SchedulingGated') reason = 'SchedulingGated';
  let initializing = false;
  if (initSpecs?.length) {
    const sidecars = new Set<string>();
    for (const c of initSpecs) if (c.restartPolicy === 'Always') {
      sidecars.add(c.name);
      total++;
    }
    const initStatuses = (status.initContainerStatuses ?? []) as Row[];
    for (let i = 0; i < initStatuses.length; i++) {
      const c = initStatuses[i]!;
      restarts += c.restartCount ?? 0;
      const fin = c.lastState?.terminated?.finishedAt;
      if (fin) lastRestart = Math.max(lastRestart, Date.parse(fin));
      if (sidecars.has(c.name)) {
        if (c.started) readyContainers++;
        continue;
      }
      const term = c.state?.terminated;
      const wait = c.state?.waiting;
      if (term && term.exitCode === 0) continue;
      if (term) reason = term.reason ? `Init:${term.reason}` : term.signal ? `Init:Signal:${term.signal}` : `Init:ExitCode:${term.exitCode}`;
      else if (wait?.reason && wait.reason !== 'PodInitializing') reason = `Init:${wait.reason}`;
      else reason = `Init:${i}/${initSpecs.length}`;
      initializing = true;
      break;
    }
  }
  if (!initializing || conditionTrue(status, 'Initialized')) {
    restarts = 0;
    let hasRunning = false;
    const statuses = status.containerStatuses as Row[] | undefined;
    for (let i = (statuses?.length ?? 0) - 1; i >= 0; i--) {
      const c = statuses![i]!;
      restarts += c.restartCount ?? 0;
      const fin = c.lastState?.terminated?.finishedAt;
      if (fin) lastRestart = Math.max(lastRestart, Date.parse(fin));
      const st = c.state;
      const wait = st?.waiting;
      const term = st?.terminated;
      if (wait?.reason) reason = wait.reason;
      else if (term?.reason) reason = term.reason;
      else if (term) reason = term.signal ? `Signal:${term.signal}` : `ExitCode:${term.exitCode}`;
      else if (c.ready && st?.running) {
        hasRunning = true;
        readyContainers++;
      }
    }
    if (reason === 'Completed' && hasRunning) reason = conditionTrue(status, 'Ready') ? 'Running' : 'NotReady';
  }
  if (pod.metadata?.deletionTimestamp) {
    if (status.reason === 'NodeLost') reason = 'Unknown';
    else if (status.phase !== 'Succeeded' && status.phase !== 'Failed') reason = 'Terminating';
  }
  const restartsText = restarts !== 0 && lastRestart ? `${restarts} (${age(new Date(lastRestart).toISOString(), now)} ago)` : String(restarts);
  return { ready: `${readyContainers}/${total}`, status: reason, restarts: restartsText };
}

/** READINESS GATES: `ready/total` of the pod's readiness gates, `<none>` without any. */
function readinessGates(o: Row): string {
  const gates = (o.spec?.readinessGates ?? []) as Row[];
  if (!gates.length) return '<none>';
  const conds = (o.status?.conditions ?? []) as Row[];
  const ok = gates.filter((g) => conds.some((c) => c.type === g.conditionType && c.status === 'True')).length;
  return `${ok}/${gates.length}`;
}

export const podColumns: Column[] = [
  NAME,
  { name: 'READY', cell: (o, now) => summarize(o, now).ready },
  { name: 'STATUS', cell: (o, now) => summarize(o, now).status },
  { name: 'RESTARTS', cell: (o, now) => summarize(o, now).restarts },
  AGE,
  { name: 'IP', wide: true, cell: (o) => o.status?.podIP ?? '<none>' },
  { name: 'NODE', wide: true, cell: (o) => o.spec?.nodeName ?? '<none>' },
  { name: 'NOMINATED NODE', wide: true, cell: (o) => o.status?.nominatedNodeName ?? '<none>' },
  { name: 'READINESS GATES', wide: true, cell: readinessGates },
];
