export * from './types.js';
export * from './labels.js';
export * from './resources.js';
export * from './ip.js';
export * from './setup.js';
export * from './quantity.js';
export { parseQuantity, cmpQuantity } from './quantity.js';
