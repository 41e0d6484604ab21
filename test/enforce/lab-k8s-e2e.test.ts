// Every step of ../shared/conformance/k8s-e2e through the lab: 9 pods over 2 nodes, one lab for all
// cases, policies re-applied atomically per step (multi-step cases update policies mid-run).
// Observed packets = engine prediction = upstream expectation, off the diagonal (upstream ignores loopback).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cases, model, stepCluster } from './k8s-e2e-corpus.js';
import { labCapability, track, uniquePrefix, untrack, type LabCapability } from './lab-helpers.js';
import { applyLabPolicies, labUp, type LabState } from '../../src/enforce/lab/lab.js';
import { probeLab, type ProbeResult } from '../../src/enforce/lab/probe.js';

const cap: LabCapability = await labCapability();
if (!cap.ok) console.warn(`[netpol] SKIPPING lab k8s-e2e tests: ${cap.why} (CI runs them as root)`);
if (cap.ok && !cap.sctp) console.warn(`[netpol] SKIPPING SCTP lab probes: ${cap.sctpWhy}`);

const m = model();
const all = cases();
const prefix = uniquePrefix('e');
let state: LabState | undefined;

function offDiagonal(res: ProbeResult, k: number): (boolean | null)[][] {
  return res.matrices[k]!.observed;
}

describe.skipIf(!cap.ok)('lab: upstream e2e NetworkPolicy truth tables on real packets', () => {
  beforeAll(async () => {
    track(prefix);
    state = (await labUp(stepCluster(m, undefined), { prefix, nodes: 2 })).state;
  }, 120_000);
  afterAll(async () => {
    await untrack(prefix);
  }, 60_000);

  it('spreads the 9 pods over 2 nodes, and everything is reachable before any policy (upstream step 0)', async () => {
    expect(new Set(state!.pods.map((p) => p.node))).toEqual(new Set([0, 1]));
    const cl = stepCluster(m, undefined);
    await applyLabPolicies(state!, cl);
    const res = await probeLab(state!, cl, [{ protocol: 'TCP', port: 80 }, { protocol: 'UDP', port: 81 }], { timeoutMs: 1500 });
    expect(res.mismatches).toEqual([]);
    for (const mx of res.matrices) expect(mx.observed.flat().filter((v) => v === false)).toEqual([]);
  }, 60_000);

  for (const c of all) {
    for (const step of c.steps) {
      const sctpOnly = step.probes.every((p) => p.protocol === 'SCTP');
      it.skipIf(sctpOnly && !cap.sctp)(`${c.id} ${c.slug} step ${step.step}: observed = engine = upstream`, async () => {
        const cl = stepCluster(m, step);
        await applyLabPolicies(state!, cl);
        const probes = step.probes.filter((p) => p.protocol !== 'SCTP' || cap.sctp);
        const res = await probeLab(state!, cl, probes.map((p) => ({ protocol: p.protocol, port: p.port })), { timeoutMs: 1500 });
        expect(res.pods).toEqual(c.pods);
        expect(res.mismatches).toEqual([]);
        probes.forEach((p, k) => {
          const want = p.expected.map((row, i) => row.map((v, j) => (i === j ? null : v)));
          expect(offDiagonal(res, k), `${p.protocol}/${p.port}`).toEqual(want);
        });
      }, 60_000);
    }
  }
});
