/**
 * Event (core/v1; pkg/registry/core/event): stored as given, written by the lab's controllers
 * through `recordEvent` (../controllers/events.ts) as the scheduler writes its own; the kubelet's
 * events are derived from the pods' lifecycle when events are listed (../controllers/kubelet.ts).
 */
import type { KubeObject } from '../../api/index.js';
import { kubeletEvents } from '../controllers/kubelet.js';
import { storedAsGiven, type KindStrategy } from './strategy.js';

export interface ObjectReference {
  apiVersion?: string;
  kind?: string;
  name?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  fieldPath?: string;
}

export interface CoreEvent extends KubeObject {
  kind: 'Event';
  involvedObject: ObjectReference;
  reason?: string;
  message?: string;
  source?: { component?: string; host?: string };
  firstTimestamp?: string | null;
  lastTimestamp?: string | null;
  count?: number;
  type?: 'Normal' | 'Warning' | string;
  eventTime?: string | null;
  reportingComponent?: string;
  reportingInstance?: string;
  series?: { count: number; lastObservedTime: string };
}

export const eventKind: KindStrategy<CoreEvent> = {
  ...storedAsGiven<CoreEvent>({ kind: 'Event', resource: 'events', shortNames: ['ev'], group: '', version: 'v1', namespaced: true }),
  derivedAtRead: (ns, ctx) => kubeletEvents(ctx, ns) as CoreEvent[],
};
