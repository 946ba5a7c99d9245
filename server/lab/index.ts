export * from './lab.js';
export * from './setup.js';
export * from './script.js';
export { execInContainer } from './container-exec.js';
export { scenarioLab, runSolution, stepBaseline, gradeStep } from './scenario-lab.js';
export { selfCheck, type SelfCheckProblem } from './self-check.js';
