// Connectivity analysis and diff, on the Engine interface only.
export { analyzeConnectivity, type ConnectivityOptions } from './connectivity.js';
export { analyzeDiff, diffConnectivity, isEmptyDiff, type ConnectivityDiff, type ConnectionChange } from './diff.js';
export { externalAtoms, uniformAtoms, ipBlockSets, type AtomMode, type IpAtom } from './atoms.js';
export { clusterEndpoints, defaultLevel, externalEndpoint, workloadOf } from './endpoints.js';
export { endpointMatches, type ConnectivityFilter } from './filters.js';
export * from './types.js';
export { summarizeAnalysis, countConnections, type AnalysisSummary, type ListedCounts } from './summary.js';
