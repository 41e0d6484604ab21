// JSON report: the contract in docs/json-output.md (schema: docs/schema/analyze.schema.json).
import type { AnalysisEndpoint, Connectivity } from '../analysis/types.js';
import type { ProtocolPorts } from '../sets/connection-set.js';

export interface JsonEndpoint {
  id: string;
  kind: string;
  namespace?: string;
  name?: string;
  ips?: string[];
  cidrs?: string[];
}

export interface JsonConnection {
  from: string;
  to: string;
  allowed: ProtocolPorts[];
}

export interface JsonConnectivity {
  endpoints: JsonEndpoint[];
  connections: JsonConnection[];
}

export function endpointJson(e: AnalysisEndpoint): JsonEndpoint {
  if (e.type === 'external') return { id: e.id, kind: 'External', cidrs: [...e.cidrs] };
  const j: JsonEndpoint = { id: e.id, kind: e.kind, namespace: e.namespace, name: e.name };
  if (e.ips.length > 0) j.ips = [...e.ips];
  return j;
}

export function toJson(c: Connectivity): JsonConnectivity {
  return {
    endpoints: c.endpoints.map(endpointJson),
    connections: c.connections.map((x) => ({ from: x.from, to: x.to, allowed: x.allowed.toJSON() })),
  };
}

export function formatJson(c: Connectivity): string {
  return `${JSON.stringify(toJson(c), null, 2)}\n`;
}
