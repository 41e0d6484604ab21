// Incremental updates: one policy, one pod or one namespace's labels. Only the touched policy is
// recompiled (its selection and rule peers, selectors evaluated over the existing classes) and only
// the destination rows whose answers can change are recounted. A change that needs a new ipBlock
// boundary (classes split by IP) falls back to a full rebuild.
import type { Cluster, Labels, NetworkPolicy, Pod } from '../../model/types.js';
import { policyId } from '../../model/types.js';
import type { CompiledEngine } from './index.js';
import { PairAnalysis } from './pairs.js';
import { State, type CPolicy } from './state.js';

export type EngineChange =
  | { readonly kind: 'upsert-policy'; readonly policy: NetworkPolicy }
  | { readonly kind: 'remove-policy'; readonly namespace: string; readonly name: string }
  | { readonly kind: 'upsert-pod'; readonly pod: Pod }
  | { readonly kind: 'remove-pod'; readonly namespace: string; readonly name: string }
  | { readonly kind: 'namespace-labels'; readonly name: string; readonly labels: Labels };

const same = (a: { namespace: string; name: string }, ns: string, name: string): boolean => a.namespace === ns && a.name === name;

function nextCluster(c: Cluster, change: EngineChange): Cluster {
  switch (change.kind) {
    case 'upsert-policy': {
      const p = change.policy;
      const i = c.policies.findIndex((x) => same(x, p.namespace, p.name));
      const policies = [...c.policies];
      if (i >= 0) policies[i] = p;
      else policies.push(p);
      return { ...c, policies };
    }
    case 'remove-policy':
      return { ...c, policies: c.policies.filter((x) => !same(x, change.namespace, change.name)) };
    case 'upsert-pod': {
      const p = change.pod;
      const i = c.pods.findIndex((x) => same(x, p.namespace, p.name));
      const pods = [...c.pods];
      if (i >= 0) pods[i] = p;
      else pods.push(p);
      return { ...c, pods };
    }
    case 'remove-pod':
      return { ...c, pods: c.pods.filter((x) => !same(x, change.namespace, change.name)) };
    case 'namespace-labels': {
      const labels = { ...change.labels, 'kubernetes.io/metadata.name': change.name };
      const i = c.namespaces.findIndex((n) => n.name === change.name);
      const namespaces = [...c.namespaces];
      if (i >= 0) namespaces[i] = { ...namespaces[i]!, labels };
      else namespaces.push({ name: change.name, labels, implicit: false });
      return { ...c, namespaces };
    }
  }
}

function rebuild(e: CompiledEngine, cluster: Cluster): void {
  e.state = new State(cluster, e.options.ipBlockScope);
  e.pairs = new PairAnalysis(e.state);
  e.reindexPods();
}

/** Rows to recount after a policy moved from `before` to `after`. */
function policyRows(e: CompiledEngine, before: CPolicy | undefined, after: CPolicy | undefined): Iterable<number> | 'all' {
  const s = e.state;
  const { egIso } = e.pairs.isolationFlags();
  const rows = new Set<number>();
  for (const cp of [before, after]) {
    if (!cp) continue;
    for (const c of cp.selected) {
      const cls = s.classes[c]!;
      const nowEg = !cls.hostNetwork && s.selecting[c]!.some((p) => s.policies[p]!.egress !== null);
      // a source whose egress isolation flips changes every row it appears in
      if ((egIso[c] ?? 0) !== (nowEg ? 1 : 0)) return 'all';
      if (cp.ingress) rows.add(c);
    }
    for (const r of cp.egress ?? []) for (const c of r.members) rows.add(c);
  }
  return rows;
}

export function applyChange(e: CompiledEngine, change: EngineChange): void {
  const s = e.state;
  const cluster = nextCluster(s.cluster, change);
  s.cluster = cluster;
  e.dropReference();
  switch (change.kind) {
    case 'upsert-policy':
    case 'remove-policy': {
      const pid = change.kind === 'upsert-policy' ? policyId(change.policy) : `${change.namespace}/${change.name}`;
      const before = s.removePolicy(pid);
      let after: CPolicy | undefined;
      if (change.kind === 'upsert-policy') {
        if (!s.addPolicy(change.policy)) return rebuild(e, cluster);
        after = s.policies[s.policyById.get(pid)!]!;
        const rules = [...(after.ingress ?? []), ...(after.egress ?? [])];
        if (!e.pairs.atomsCover(rules)) e.pairs.resetAtoms();
      }
      e.pairs.invalidate(policyRows(e, before, after));
      e.dropReference();
      return;
    }
    case 'upsert-pod':
    case 'remove-pod': {
      const ns = change.kind === 'upsert-pod' ? change.pod.namespace : change.namespace;
      const name = change.kind === 'upsert-pod' ? change.pod.name : change.name;
      s.table.remove(ns, name);
      if (change.kind === 'upsert-pod') {
        const known = new Set(s.table.portGroups.values());
        const { cls, created } = s.table.add(change.pod);
        if (created) {
          s.linkNewClass(cls);
          if (!known.has(cls.portGroup)) e.pairs.resetAtoms();
        }
        e.indexPod();
      }
      // pod counts weigh every row
      e.pairs.invalidate('all');
      return;
    }
    case 'namespace-labels':
      s.relinkNamespace(change.name, cluster.namespaces.find((n) => n.name === change.name)!.labels);
      e.pairs.invalidate('all');
      e.dropReference();
      return;
  }
}
