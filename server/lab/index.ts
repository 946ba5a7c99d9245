export * from './lab.js';
export * from './setup.js';
export * from './script.js';
export { execInContainer } from './container-exec.js';
export { scenarioLab, runSolution, stepContext, gradeStep } from './scenario-lab.js';
export { selfCheck, type SelfCheckProblem } from './self-check.js';
export { Attempt, solutionText, type AttemptSnapshot, type AttemptSummary, type AttemptEvent, type StepProgress, type StepStatus } from './attempt.js';
export { networkMap, MAP_MAX_PODS, type MapView, type MapNode, type MapEdge } from './network-map.js';
export { connectionTest, type ConnectionTestResult } from './connection-test.js';
