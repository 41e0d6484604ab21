// The engine everyone should use: the compiled engine (src/core/engine/compiled), which passes
// test/engine/suite.ts and the randomized differential test against the reference evaluator.
import type { Cluster } from '../model/types.js';
import type { Engine, EngineOptions } from './types.js';
import { createCompiledEngine } from './compiled/index.js';

export function createEngine(cluster: Cluster, opts: EngineOptions = {}): Engine {
  return createCompiledEngine(cluster, opts);
}
export { createCompiledEngine, summarize, CompiledEngine, type EngineChange } from './compiled/index.js';

export type * from './types.js';
export { createReferenceEngine, isSelf, sideConnections, isolatingPolicies, selectingPoliciesOf } from './reference.js';
export { explainPod, type PodExplanation, type DirectionExplanation, type RuleExplanation } from './explain.js';
export { matchesSelector, matchesRequirement, isEmptySelector, formatSelector, formatLabels } from './selectors.js';
export { resolveEndpoint, endpointId, type ResolvedEndpoint } from './endpoints.js';
export { formatRuleRef, describeEndpoint } from './describe.js';
export { matchPeer, describePeer, ipBlockSet, namespaceLabels } from './peers.js';
export { policyPortSet, rulePortSet, describePolicyPort, describePorts } from './ports.js';
