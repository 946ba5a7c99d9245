export * from './types.js';
export { filterNode, podRequests, toleratesTaint, untoleratedTaint, nodeSelectorTermMatches, type ClusterView, type FilterFailure, type FilterCode, type Requests } from './filters.js';
export { schedule, fitErrorMessage, matchesNodeSelectorAndAffinity, type ScheduleResult } from './schedule.js';
