/** Pod's table (printers.go). */
import { AGE, NAME, type Column, type Row } from './common.js';

function podReady(o: Row): string {
  const statuses = (o.status?.containerStatuses ?? []) as Row[];
  const total = (o.spec?.containers ?? []).length;
  return `${statuses.filter((c) => c.ready).length}/${total}`;
}

/** printPod's STATUS: the phase, or the reason a container is waiting or terminated (printers.go). */
function podStatus(o: Row): string {
  let reason: string = o.status?.reason || o.status?.phase || 'Pending';
  let running = false;
  for (const c of [...((o.status?.containerStatuses ?? []) as Row[])].reverse()) {
    const st = c.state ?? {};
    if (st.waiting?.reason) reason = st.waiting.reason;
    else if (st.terminated?.reason) reason = st.terminated.reason;
    else if (st.terminated) reason = st.terminated.signal ? `Signal:${st.terminated.signal}` : `ExitCode:${st.terminated.exitCode ?? 0}`;
    else if (c.ready && st.running) running = true;
  }
  if (reason === 'Completed' && running) {
    const ready = ((o.status?.conditions ?? []) as Row[]).some((c) => c.type === 'Ready' && c.status === 'True');
    reason = ready ? 'Running' : 'NotReady';
  }
  if (o.metadata?.deletionTimestamp) reason = o.status?.reason === 'NodeLost' ? 'Unknown' : 'Terminating';
  return reason;
}

function podRestarts(o: Row): string {
  return String(((o.status?.containerStatuses ?? []) as Row[]).reduce((n, c) => n + (c.restartCount ?? 0), 0));
}

export const podColumns: Column[] = [
  NAME,
  { name: 'READY', cell: podReady },
  { name: 'STATUS', cell: podStatus },
  { name: 'RESTARTS', cell: podRestarts },
  AGE,
  { name: 'IP', wide: true, cell: (o) => o.status?.podIP ?? '<none>' },
  { name: 'NODE', wide: true, cell: (o) => o.spec?.nodeName ?? '<none>' },
  { name: 'NOMINATED NODE', wide: true, cell: (o) => o.status?.nominatedNodeName ?? '<none>' },
  { name: 'READINESS GATES', wide: true, cell: () => '<none>' },
];
