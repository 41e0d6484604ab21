// Scenario and measure registry. Teammates extend the bench without editing run.ts: a module in
// bench/extensions/*.ts is imported at start and may call registerScenario / registerMeasure
// (the enforcement teammate's `--enforce` measures hook in here).
import type { Cluster } from '../src/core/model/types.js';
import type { GeneratedFiles } from './generate.js';

export interface Scenario {
  readonly name: string;
  readonly pods: number;
  readonly namespaces: number;
  readonly policies: number;
  readonly seed: number;
  /** Run when no --scenario is given. */
  readonly default: boolean;
}

export interface MeasureContext {
  readonly scenario: Scenario;
  readonly generated: GeneratedFiles;
  /** A directory holding the generated YAML (namespaces.yaml, pods.yaml, policies.yaml). */
  readonly dir: string;
  readonly cluster: Cluster;
}

/** Extra fields for a scenario's JSON object; runs only when its flag (e.g. "--enforce") is given. */
export interface Measure {
  readonly flag: string;
  readonly run: (ctx: MeasureContext) => Promise<Record<string, number | string | null>>;
}

export const scenarios = new Map<string, Scenario>();
export const measures: Measure[] = [];

export function registerScenario(s: Scenario): void {
  scenarios.set(s.name, s);
}

export function registerMeasure(m: Measure): void {
  measures.push(m);
}

// issue 5: 1k pods/100 policies, 10k/1k, 100k/10k; 5k is the second netpol-analyzer comparison point.
registerScenario({ name: '1k', pods: 1_000, namespaces: 10, policies: 100, seed: 1, default: true });
registerScenario({ name: '5k', pods: 5_000, namespaces: 50, policies: 500, seed: 5, default: false });
registerScenario({ name: '10k', pods: 10_000, namespaces: 100, policies: 1_000, seed: 10, default: true });
registerScenario({ name: '100k', pods: 100_000, namespaces: 1_000, policies: 10_000, seed: 100, default: true });
