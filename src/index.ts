// Library entry point: the core API.
export * from './core/index.js';
