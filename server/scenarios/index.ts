export * from './types.js';
export { SCENARIO_SCHEMA } from './schema.js';
export { parseScenario, locateInText, SCENARIO_LIMITS, type LoadResult } from './load.js';
export { pathText, type PathSegment } from './validate.js';
export { endpointRef } from './normalize.js';
export { startingEngine } from './semantics.js';
export { editDistance, suggest } from './validate.js';
export { scenarioSkeleton } from './skeleton.js';
