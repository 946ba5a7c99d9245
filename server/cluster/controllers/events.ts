/**
 * client-go's EventRecorder as the lab's controllers use it: one core/v1 Event per (object,
 * reason, message, source), its count and lastTimestamp raised when the same thing happens again
 * (the event correlator's aggregation by key), named `<object>.<hex nanoseconds>` as record.go names them.
 */
import { rfc3339 } from '../../core/index.js';
import type { KubeObject } from '../../api/index.js';
import type { CoreEvent } from '../kinds/event.js';
import type { ControllerContext, KindStrategy } from '../kinds/strategy.js';

export interface EventSource {
  /** `default-scheduler`, `kubelet`, `deployment-controller`, `replicaset-controller`, `node-controller`. */
  component: string;
  /** kubelet's node name. */
  host?: string;
}

export interface RecordedEvent {
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
  source: EventSource;
  /** The container a kubelet event is about: `spec.containers{app}`. */
  fieldPath?: string;
  /** Epoch ms; the lab clock's now when omitted. */
  at?: number;
  /** The object was just created: no earlier event about it can exist (skips the correlator's lookup). */
  fresh?: boolean;
}

/** Records an event about `obj`, or counts it again when the same one exists. */
export function recordEvent(ctx: ControllerContext, obj: KubeObject, e: RecordedEvent): void {
  const kind = ctx.kindOf('Event') as KindStrategy<CoreEvent> | undefined;
  if (!kind) return;
  const at = e.at ?? ctx.clock.now();
  const ts = rfc3339(at);
  const ns = obj.metadata.namespace ?? 'default';
  const same = e.fresh
    ? undefined
    : ctx.list(kind, ns).find(
      (x) =>
        x.involvedObject.uid === obj.metadata.uid &&
        x.reason === e.reason &&
        x.message === e.message &&
        x.source?.component === e.source.component &&
        (x.involvedObject.fieldPath ?? '') === (e.fieldPath ?? ''),
    );
  if (same) {
    same.count = (same.count ?? 1) + 1;
    same.lastTimestamp = ts;
    ctx.touch(same);
    return;
  }
  let name = `${obj.metadata.name}.${(BigInt(at) * 1_000_000n).toString(16)}`;
  for (let i = 1; ctx.get(kind, ns, name); i++) name = `${obj.metadata.name}.${(BigInt(at) * 1_000_000n + BigInt(i)).toString(16)}`;
  const ev: CoreEvent = {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name, namespace: ns, creationTimestamp: ts },
    involvedObject: {
      apiVersion: obj.apiVersion,
      kind: obj.kind,
      name: obj.metadata.name,
      namespace: obj.metadata.namespace,
      uid: obj.metadata.uid,
      ...(obj.metadata.resourceVersion ? { resourceVersion: obj.metadata.resourceVersion } : {}),
      ...(e.fieldPath ? { fieldPath: e.fieldPath } : {}),
    },
    reason: e.reason,
    message: e.message,
    source: { component: e.source.component, ...(e.source.host ? { host: e.source.host } : {}) },
    firstTimestamp: ts,
    lastTimestamp: ts,
    count: 1,
    type: e.type,
    eventTime: null,
    reportingComponent: e.source.component,
    reportingInstance: e.source.host ?? '',
  };
  if (!obj.metadata.namespace) delete ev.involvedObject.namespace;
  ctx.createChild(kind, ev);
}
