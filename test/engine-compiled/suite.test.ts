// The compiled engine runs the shared case suite (test/engine/suite.ts) like every Engine.
import { createCompiledEngine } from '../../src/core/engine/compiled/index.js';
import { runEngineSuite } from '../engine/suite.js';

runEngineSuite('compiled', (c, o) => createCompiledEngine(c, o));
