/**
 * describe's trailing events (describe.go DescribeEvents, 1.32): the events whose involvedObject
 * is the described object (kubectl searches by name, namespace, kind and uid), sorted by
 * lastTimestamp, in their own aligned block after a flush: `Type Reason Age From Message`, the
 * age `3m (x4 over 5m)` when an event was counted again.
 */
import type { KubeObject } from '../../api/index.js';
import { resolveResourceType, type ClusterApi } from '../../cluster/index.js';
import { humanDuration } from '../printers/age.js';
import { DESCRIBE_TABS, tabwrite } from '../printers/tabwriter.js';

type Obj = Record<string, any>;

const since = (ts: string | null | undefined, now: number) => (ts ? humanDuration(now - Date.parse(ts)) : '<unknown>');

/** The events about `obj`, oldest last-seen first. */
export function eventsFor(obj: KubeObject, cluster: ClusterApi): Obj[] {
  const type = resolveResourceType('events');
  if (!type) return [];
  const ns = obj.metadata.namespace ?? 'default';
  return (cluster.list(type, ns) as Obj[])
    .filter((e) => {
      const r = e.involvedObject ?? {};
      return r.name === obj.metadata.name && r.kind === obj.kind && (!r.uid || !obj.metadata.uid || r.uid === obj.metadata.uid);
    })
    .sort((a, b) => Date.parse(a.lastTimestamp ?? a.eventTime ?? '') - Date.parse(b.lastTimestamp ?? b.eventTime ?? ''));
}

/** The `Events:` section, `Events:  <none>` aligned by the caller when there are none. */
export function describeEvents(events: readonly Obj[], now: number): string {
  let buf = 'Events:\n  Type\tReason\tAge\tFrom\tMessage\n  ----\t------\t----\t----\t-------\n';
  for (const e of events) {
    const first = e.eventTime ? since(e.eventTime, now) : since(e.firstTimestamp, now);
    let interval = first;
    if (e.series) interval = `${since(e.series.lastObservedTime, now)} (x${e.series.count} over ${first})`;
    else if ((e.count ?? 0) > 1) interval = `${since(e.lastTimestamp, now)} (x${e.count} over ${first})`;
    const source = e.source?.component || e.reportingController || '';
    buf += `  ${e.type ?? ''}\t${e.reason ?? ''}\t${interval}\t${source}\t${String(e.message ?? '').trim()}\n`;
  }
  return tabwrite(buf, DESCRIBE_TABS);
}

/** Replaces a describer's trailing `Events:  <none>` with the object's events, when it has some. */
export function withEvents(text: string, obj: KubeObject, cluster: ClusterApi, now: number): string {
  const m = /Events:[ \t]+<none>\n$/.exec(text);
  if (!m) return text;
  const events = eventsFor(obj, cluster);
  if (events.length === 0) return text;
  return text.slice(0, m.index) + describeEvents(events, now);
}
