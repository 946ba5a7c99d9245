export * from './types.js';
export * from './rules.js';
export * from './authorizer.js';
export * from './aggregation.js';
export * from './identity.js';
export { bootstrapPolicy, type BootstrapPolicy } from './bootstrap/index.js';
