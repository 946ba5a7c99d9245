export * from './clock.js';
export * from './result.js';
export * from './random.js';
export * from './yaml.js';
