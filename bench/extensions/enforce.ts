// `npm run bench -- --enforce`: nftables compile/render/apply per scenario (one node holding every
// pod), and added connection-setup latency on the 1k-policy scenario. bench/enforce.ts has the code
// (and runs standalone for 100, 1k and 10k pods). Scenarios above 10k pods are not applied.
import { measureEnforce } from '../enforce.js';
import { registerMeasure, registerScenario } from '../scenarios.js';

registerScenario({ name: '100', pods: 100, namespaces: 2, policies: 10, seed: 2, default: false });
registerMeasure({
  flag: '--enforce',
  run: async ({ scenario, cluster }) =>
    scenario.pods > 10_000 ? { enforceSkipped: 'above 10k pods' } : measureEnforce(cluster, { latency: scenario.policies === 1_000 }),
});
