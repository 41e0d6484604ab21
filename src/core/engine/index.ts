// The engine everyone should use. For now the reference evaluator; the compiled engine
// (src/core/engine/compiled) replaces it once it passes test/engine/suite.ts.
import type { Cluster } from '../model/types.js';
import type { Engine, EngineOptions } from './types.js';
import { createReferenceEngine } from './reference.js';

export function createEngine(cluster: Cluster, opts: EngineOptions = {}): Engine {
  return createReferenceEngine(cluster, opts);
}

export type * from './types.js';
export { createReferenceEngine, isSelf, sideConnections, isolatingPolicies, selectingPoliciesOf } from './reference.js';
export { explainPod, type PodExplanation, type DirectionExplanation, type RuleExplanation } from './explain.js';
export { matchesSelector, matchesRequirement, isEmptySelector, formatSelector, formatLabels } from './selectors.js';
export { resolveEndpoint, endpointId, type ResolvedEndpoint } from './endpoints.js';
export { formatRuleRef, describeEndpoint } from './describe.js';
export { matchPeer, describePeer, ipBlockSet, namespaceLabels } from './peers.js';
export { policyPortSet, rulePortSet, describePolicyPort, describePorts } from './ports.js';
