export * from "./pki/index.js";
export * from './hosts.js';
export * from './journal.js';
export { startKubelet, parseUnit, type KubeletStart } from './kubelet.js';
export type { ComponentProblem } from './components.js';
export * as tools from './commands.js';
export type { HostCommand } from './commands.js';
