export * from './lab.js';
export * from './setup.js';
export * from './script.js';
export { execInContainer } from './container-exec.js';
