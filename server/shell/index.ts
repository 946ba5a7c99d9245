export * from './command.js';
export { Vfs, normalize, DEFAULT_VFS_LIMITS, type VfsSnapshot, type VfsLimits } from './vfs.js';
export { Shell, errnoText, quote, MAX_STEPS, type ShellSnapshot, type ShellOptions, type ShellRunResult, type OutputChunk } from './shell.js';
export { parse } from './syntax.js';
export { COREUTILS, NOT_AVAILABLE } from './coreutils.js';
export { sha256 } from './tools/digest.js';
