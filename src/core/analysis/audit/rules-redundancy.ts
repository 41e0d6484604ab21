// Redundancy: rules and policies whose removal changes no connection. Judged with the engine on
// one-direction views (see universe.ts), over the pods the policy selects (the only pods whose
// decisions it can change) against every pod and every external block. Greedy: once something is
// found redundant it is removed before the next check, so everything reported can go together.
import type { Cluster, NetworkPolicy, Pod, PolicyType, Rule } from '../../model/types.js';
import { policyId } from '../../model/types.js';
import type { Endpoint, Engine } from '../../engine/types.js';
import type { ConnectionSet } from '../../sets/connection-set.js';
import { isEmptySelector } from '../../engine/selectors.js';
import { matchPeer } from '../../engine/peers.js';
import type { Finding, RuleContext } from './types.js';
import { finding, policyResource, rulePath, ruleSource, selectedPods } from './helpers.js';
import { directionOnly, universe } from './universe.js';

interface Work {
  policy: NetworkPolicy;
  /** Original indices of the rules still present. */
  kept: number[];
  dropped: boolean;
}

const rulesOf = (p: NetworkPolicy, dir: PolicyType) => (dir === 'Ingress' ? p.ingress : p.egress);

function build(base: Cluster, work: Map<string, Work>, dir: PolicyType): Cluster {
  const policies: NetworkPolicy[] = [];
  for (const w of work.values()) {
    if (w.dropped) continue;
    const rules = w.kept.map((i) => rulesOf(w.policy, dir)[i]!);
    policies.push(dir === 'Ingress' ? { ...w.policy, ingress: rules } : { ...w.policy, egress: rules });
  }
  return { ...base, policies };
}

export function redundancy(ctx: RuleContext): Finding[] {
  const { cluster } = ctx;
  const u = universe(cluster);
  const others = [...u.pods, ...u.external];
  const scope = ctx.engine.options.ipBlockScope;
  const affected = new Map<string, Pod[]>(cluster.policies.map((p) => [policyId(p), selectedPods(cluster, p).filter((x) => !x.hostNetwork)]));
  // A rule can only change pairs whose other side its peers match (no peers: every endpoint).
  const peersOf = new Map<Rule, Endpoint[]>();
  const matched = (p: NetworkPolicy, r: Rule): Endpoint[] => {
    let m = peersOf.get(r);
    if (!m) peersOf.set(r, (m = r.peers.length === 0 ? others : others.filter((o) => r.peers.some((peer) => matchPeer(cluster, p, peer, o, scope).matched))));
    return m;
  };
  let cost = 0;
  for (const p of cluster.policies) {
    const n = affected.get(policyId(p))!.length;
    for (const dir of p.policyTypes) {
      const rules = rulesOf(p, dir);
      const sum = rules.reduce((a, r) => a + matched(p, r).length, 0);
      cost += 2 * n * (sum + Math.min(others.length, sum || others.length));
    }
  }
  if (cost > ctx.config.maxRedundancyQueries) {
    ctx.notes.push(`redundancy rules NP601/NP602 skipped: about ${cost} engine queries needed, limit ${ctx.config.maxRedundancyQueries} (audit.maxRedundancyQueries)`);
    return [];
  }
  const redundantDir = new Map<string, Set<PolicyType>>();
  const redundantRules: { p: NetworkPolicy; dir: PolicyType; index: number }[] = [];

  for (const dir of ['Ingress', 'Egress'] as const) {
    const view = directionOnly(cluster, dir);
    const work = new Map<string, Work>(view.policies.map((p) => [policyId(p), { policy: p, kept: rulesOf(p, dir).map((_, i) => i), dropped: false }]));
    let current = ctx.engineFactory(view);
    const cache = new Map<string, ConnectionSet>();
    const same = (next: Engine, pods: readonly Pod[], candidates: readonly Endpoint[]): boolean => {
      for (const pod of pods) {
        const a: Endpoint = { kind: 'pod', pod };
        for (const o of candidates) {
          const key = `${policyId(pod)}|${o.kind === 'pod' ? policyId(o.pod) : o.ip}`;
          const [src, dst] = dir === 'Ingress' ? [o, a] : [a, o];
          let before = cache.get(key);
          if (before === undefined) cache.set(key, (before = current.allowed(src, dst)));
          if (!next.allowed(src, dst).equals(before)) return false;
        }
      }
      return true;
    };
    const accept = (c: Cluster): void => {
      current = ctx.engineFactory(c);
      cache.clear();
    };
    for (const [id, w] of [...work].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const pods = affected.get(id) ?? [];
      if (pods.length === 0) continue; // NP202 reports it
      // A default deny (podSelector {}, no rules) is never called redundant: it keeps the namespace
      // isolated when the other policies change, which is its purpose.
      if (isEmptySelector(w.policy.podSelector) && w.kept.length === 0) continue;
      const rules = rulesOf(w.policy, dir);
      w.dropped = true;
      let c = build(view, work, dir);
      let next = ctx.engineFactory(c);
      // Without the policy a pod may lose its isolation, which changes pairs with every endpoint.
      const keepsIsolation = pods.every((pod) => (dir === 'Ingress' ? next.isolation(pod).ingress : next.isolation(pod).egress).length > 0);
      const candidates = keepsIsolation ? [...new Set(w.kept.flatMap((i) => matched(w.policy, rules[i]!)))] : others;
      if (same(next, pods, candidates)) {
        accept(c);
        redundantDir.set(id, (redundantDir.get(id) ?? new Set()).add(dir));
        continue;
      }
      w.dropped = false;
      for (const index of [...w.kept]) {
        w.kept = w.kept.filter((i) => i !== index);
        c = build(view, work, dir);
        next = ctx.engineFactory(c);
        if (same(next, pods, matched(w.policy, rules[index]!))) {
          accept(c);
          redundantRules.push({ p: w.policy, dir, index });
        } else {
          w.kept = [...w.kept, index].sort((a, b) => a - b);
        }
      }
    }
  }

  const out: Finding[] = [];
  for (const p of cluster.policies) {
    const dirs = redundantDir.get(policyId(p));
    if (!dirs) continue;
    const whole = p.policyTypes.every((t) => dirs.has(t));
    const part = [...dirs].join(' and ');
    out.push(finding(ctx, 'NP602', {
      resource: policyResource(p),
      source: p.source,
      path: whole ? '' : 'spec.policyTypes',
      message: whole
        ? `Removing policy ${p.namespace}/${p.name} changes no connection: other policies already isolate its pods and allow all it allows.`
        : `The ${part} part of policy ${p.namespace}/${p.name} changes no connection: other policies already isolate its pods and allow all it allows.`,
      fix: whole
        ? `kubectl delete networkpolicy -n ${p.namespace} ${p.name}   # or merge it into the policy that covers it`
        : `# drop ${part} from spec.policyTypes and its rules`,
    }));
  }
  for (const { p, dir, index } of redundantRules) {
    const r = rulesOf(p, dir)[index];
    out.push(finding(ctx, 'NP601', {
      resource: policyResource(p),
      source: ruleSource(p, r),
      path: rulePath(dir, index),
      message: `Removing ${rulePath(dir, index)} of ${p.namespace}/${p.name} changes no connection: other rules already allow everything it allows.`,
      fix: `# delete ${rulePath(dir, index)} (shadowed by other rules of the pods' policies)`,
    }));
  }
  return out;
}
