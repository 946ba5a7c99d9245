export * from './images.js';
export * from './program.js';
export * from './timeline.js';
export * from './pod-status.js';
