// The shared suite against the reference evaluator and against createEngine (whatever it returns).
import { createEngine } from '../../src/core/engine/index.js';
import { createReferenceEngine } from '../../src/core/engine/reference.js';
import { runEngineSuite } from './suite.js';

runEngineSuite('reference', createReferenceEngine);
runEngineSuite('createEngine', createEngine);
