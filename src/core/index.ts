// Public, browser-safe core API.
export * from './model/types.js';
export * from './sets/port-set.js';
export * from './sets/connection-set.js';
export * from './sets/ip-set.js';
export * from './engine/types.js';
export { VERSION } from './version.js';
export { loadCluster, NS_NAME_LABEL, MAX_ALIAS_COUNT, type InputFile, type LoadOptions, type LoadResult } from './parse/index.js';
export { validateObject, formatProblem } from './validate/index.js';
export { createEngine } from './engine/index.js';
