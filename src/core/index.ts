// Public, browser-safe core API.
export * from './model/types.js';
export * from './sets/port-set.js';
export * from './sets/connection-set.js';
export * from './sets/ip-set.js';
export * from './engine/types.js';
export { VERSION } from './version.js';
