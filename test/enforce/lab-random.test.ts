// Random small clusters through one lab: real packets = engine verdicts, for selectors, namespace
// selectors, ipBlocks with excepts (matching pod IPs), numeric/range/named ports, TCP/UDP (+ SCTP
// crafted packets). Seeds are printed; NETPOL_SEED=n reproduces a run.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyLabPolicies, labUp, type LabState } from '../../src/enforce/lab/lab.js';
import { probeLab, type ProbeTarget } from '../../src/enforce/lab/probe.js';
import { genCluster, rng } from './gen.js';
import { labCapability, track, uniquePrefix, untrack } from './lab-helpers.js';

const cap = await labCapability();
if (!cap.ok) console.warn(`[netpol] SKIPPING randomized lab test: ${cap.why} (CI runs it as root)`);
if (cap.ok && !cap.sctp) console.warn(`[netpol] randomized lab test without SCTP: ${cap.sctpWhy}`);

const BASE = Number(process.env.NETPOL_SEED ?? 20261127);
const ITERATIONS = 12;
const prefix = uniquePrefix('r');
let state: LabState;

describe.skipIf(!cap.ok)('lab = engine on random clusters', () => {
  beforeAll(async () => {
    track(prefix);
    state = (await labUp(genCluster(rng(BASE)), { prefix, nodes: 2 })).state;
  }, 120_000);
  afterAll(() => untrack(prefix), 60_000);

  for (let k = 0; k < ITERATIONS; k++) {
    const seed = BASE + k;
    it(`seed ${seed}`, async () => {
      const cluster = genCluster(rng(seed));
      await applyLabPolicies(state, cluster);
      const targets: ProbeTarget[] = [
        { protocol: 'TCP', port: 80 },
        { protocol: 'TCP', port: 81 },
        { protocol: 'UDP', port: 80 },
        { protocol: 'UDP', port: 81 },
        ...(cap.sctp && k % 4 === 0 ? [{ protocol: 'SCTP' as const, port: 80 }] : []),
      ];
      const res = await probeLab(state, cluster, targets, { timeoutMs: 1200 });
      expect(res.pods.length).toBe(6);
      expect(res.mismatches, `seed ${seed} policies: ${JSON.stringify(cluster.policies)}`).toEqual([]);
    }, 60_000);
  }
});
