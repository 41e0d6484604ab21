// The compiled state: classes, and each policy's selection and rule peer matches as sorted class-id
// lists, every selector evaluated once per (namespace, selector). Mutated in place by update.ts.
import type { Cluster, Labels, LabelSelector, NetworkPolicy, Peer, PolicyType, Rule } from '../../model/types.js';
import { policyId } from '../../model/types.js';
import type { ConnectionSet } from '../../sets/connection-set.js';
import type { IpSet } from '../../sets/ip-set.js';
import { matchesSelector } from '../selectors.js';
import type { IpBlockScope } from '../types.js';
import { ClassTable, type PodClass } from './classes.js';
import { buildIpIndex, ipBlockKey, type IpIndex } from './ip-index.js';

export interface CRule {
  readonly id: number;
  readonly policy: number;
  readonly dir: PolicyType;
  readonly index: number;
  readonly rule: Rule;
  /** No peers: every pod and every address. */
  readonly all: boolean;
  /** Classes some peer matches, sorted. */
  members: Int32Array;
  /** ipBlock sets of the peers, for external addresses. */
  readonly ipSets: readonly IpSet[];
  /** Resolved ports per destination port group (named ports); -1 = an external address. */
  readonly portCache: Map<number, ConnectionSet>;
}

export interface CPolicy {
  readonly id: number;
  readonly policy: NetworkPolicy;
  readonly pid: string;
  selected: Int32Array;
  /** Rules per direction, or null when policyTypes leaves the direction out (its rules are ignored). */
  readonly ingress: CRule[] | null;
  readonly egress: CRule[] | null;
}

const EMPTY_SEL: LabelSelector = { matchLabels: {}, matchExpressions: [] };
const keys = new WeakMap<LabelSelector, string>();
/** Memo key of a selector (cached per selector object: the same peer asks once per namespace). */
const selKey = (s: LabelSelector): string => {
  let k = keys.get(s);
  if (k === undefined) keys.set(s, (k = JSON.stringify(s)));
  return k;
};
const isEmpty = (s: LabelSelector): boolean => s.matchExpressions.length === 0 && Object.keys(s.matchLabels).length === 0;

export class State {
  cluster: Cluster;
  readonly scope: IpBlockScope;
  index: IpIndex;
  table: ClassTable;
  policies: (CPolicy | null)[] = [];
  readonly policyById = new Map<string, number>();
  rules: (CRule | null)[] = [];
  nsLabels = new Map<string, Labels>();
  /** Per class: selecting policy ids (any policyTypes). */
  selecting: number[][] = [];
  /** Per class: egress rules whose peers match it as a destination (for the pair analysis). */
  egMatched: number[][] = [];
  private memo = new Map<string, Int32Array>();
  private nsMemo = new Map<string, string[]>();
  private blockMembers: Int32Array[] | null = null;
  private labelIndex: Map<string, number[]> | null = null;

  constructor(cluster: Cluster, scope: IpBlockScope) {
    this.cluster = cluster;
    this.scope = scope;
    for (const n of cluster.namespaces) this.nsLabels.set(n.name, n.labels);
    this.index = buildIpIndex(collectBlocks(cluster.policies));
    this.table = new ClassTable(this.index, scope);
    for (const p of cluster.pods) this.table.add(p);
    for (let c = 0; c < this.table.classes.length; c++) {
      this.selecting.push([]);
      this.egMatched.push([]);
    }
    for (const p of cluster.policies) this.addPolicy(p);
  }

  get classes(): readonly PodClass[] {
    return this.table.classes;
  }

  labelsOfNs(ns: string): Labels {
    return this.nsLabels.get(ns) ?? { 'kubernetes.io/metadata.name': ns };
  }

  /** Namespaces (with pods) matched by a namespaceSelector. */
  private namespacesMatching(sel: LabelSelector): string[] {
    const k = selKey(sel);
    let r = this.nsMemo.get(k);
    if (!r) {
      r = [...this.table.byNs.keys()].filter((ns) => matchesSelector(sel, this.labelsOfNs(ns)));
      this.nsMemo.set(k, r);
    }
    return r;
  }

  /** Classes of `ns` (undefined: of every namespace) carrying label k=v: candidates for matchLabels. */
  private posting(ns: string | undefined, k: string, v: string): readonly number[] {
    if (!this.labelIndex) {
      this.labelIndex = new Map();
      for (const c of this.table.classes) {
        for (const [lk, lv] of Object.entries(c.labels)) {
          for (const key of [`${c.ns}\u0000${lk}=${lv}`, `\u0001${lk}=${lv}`]) {
            let l = this.labelIndex.get(key);
            if (!l) this.labelIndex.set(key, (l = []));
            l.push(c.id);
          }
        }
      }
    }
    return this.labelIndex.get(ns === undefined ? `\u0001${k}=${v}` : `${ns}\u0000${k}=${v}`) ?? [];
  }

  /** Classes of `ns` whose labels match `sel` (hostNetwork excluded when `peer`). */
  private classesIn(ns: string, sel: LabelSelector, peer: boolean): Int32Array {
    const k = `${peer ? 'p' : 's'}\u0000${ns}\u0000${selKey(sel)}`;
    let r = this.memo.get(k);
    if (!r) {
      let cands: readonly number[] = this.table.byNs.get(ns) ?? [];
      for (const [lk, lv] of Object.entries(sel.matchLabels)) {
        const p = this.posting(ns, lk, lv);
        if (p.length < cands.length) cands = p;
      }
      const all = isEmpty(sel); // `{}` selects every pod
      const ids = cands.filter((c) => {
        const cls = this.table.classes[c]!;
        return !(peer && cls.hostNetwork) && (all || matchesSelector(sel, cls.labels));
      });
      r = Int32Array.from(ids);
      this.memo.set(k, r);
    }
    return r;
  }

  /** Upstream NetworkPolicyPeer: selectors never match hostNetwork pods; ipBlock matches pod IPs (scope "all"). */
  peerMatchesClass(policy: NetworkPolicy, peer: Peer, cls: PodClass): boolean {
    if (peer.ipBlock) {
      if (this.scope === 'external') return false;
      const b = this.index.keyToBlock.get(ipBlockKey(peer.ipBlock.cidr, peer.ipBlock.except));
      return b !== undefined && cls.blocks.includes(b);
    }
    if (cls.hostNetwork) return false;
    if (peer.namespaceSelector) {
      if (!matchesSelector(peer.namespaceSelector, this.labelsOfNs(cls.ns))) return false;
    } else if (cls.ns !== policy.namespace) return false;
    return !peer.podSelector || matchesSelector(peer.podSelector, cls.labels);
  }

  private peerMembers(policy: NetworkPolicy, peer: Peer): Int32Array {
    if (peer.ipBlock) {
      if (this.scope === 'external') return new Int32Array(0);
      const b = this.index.keyToBlock.get(ipBlockKey(peer.ipBlock.cidr, peer.ipBlock.except));
      if (!this.blockMembers) {
        const lists: number[][] = this.index.blocks.map(() => []);
        for (const c of this.table.classes) for (const x of c.blocks) lists[x]!.push(c.id);
        this.blockMembers = lists.map((l) => Int32Array.from(l));
      }
      return b === undefined ? new Int32Array(0) : this.blockMembers[b]!;
    }
    const pod = peer.podSelector ?? EMPTY_SEL;
    if (!peer.namespaceSelector) return this.classesIn(policy.namespace, pod, true);
    const k = `P\u0000${selKey(peer.namespaceSelector)}\u0000${selKey(pod)}`;
    let r = this.memo.get(k);
    if (!r) {
      const nss = this.namespacesMatching(peer.namespaceSelector);
      const labels = Object.entries(pod.matchLabels);
      if (labels.length > 0) {
        // a podSelector with matchLabels: walk the cluster-wide posting, not every matched namespace
        let cands = this.posting(undefined, labels[0]![0], labels[0]![1]);
        for (const [lk, lv] of labels) {
          const p = this.posting(undefined, lk, lv);
          if (p.length < cands.length) cands = p;
        }
        const nsSet = new Set(nss);
        const classes = this.table.classes;
        r = Int32Array.from(cands.filter((c) => {
          const cls = classes[c]!;
          return !cls.hostNetwork && nsSet.has(cls.ns) && matchesSelector(pod, cls.labels);
        }));
      } else r = concatSorted(nss.map((ns) => this.classesIn(ns, pod, true)));
      this.memo.set(k, r);
    }
    return r;
  }

  private compileRule(p: NetworkPolicy, pol: number, dir: PolicyType, rule: Rule, index: number): CRule {
    const all = rule.peers.length === 0;
    let members: Int32Array;
    if (all) members = Int32Array.from(this.table.classes.keys());
    else if (rule.peers.length === 1) members = this.peerMembers(p, rule.peers[0]!);
    else members = unionSorted(rule.peers.map((peer) => this.peerMembers(p, peer)));
    const ipSets = rule.peers.filter((x) => x.ipBlock).map((x) => this.index.blocks[this.index.keyToBlock.get(ipBlockKey(x.ipBlock!.cidr, x.ipBlock!.except))!]!);
    const r: CRule = { id: this.rules.length, policy: pol, dir, index, rule, all, members, ipSets, portCache: new Map() };
    this.rules.push(r);
    return r;
  }

  /** Compiles and links a policy; false when it needs an ipBlock the index does not know (rebuild). */
  addPolicy(p: NetworkPolicy): boolean {
    for (const k of collectBlocks([p]).keys()) if (!this.index.keyToBlock.has(k)) return false;
    const id = this.policies.length;
    const dirRules = (dir: PolicyType, rules: readonly Rule[]): CRule[] | null =>
      p.policyTypes.includes(dir) ? rules.map((r, i) => this.compileRule(p, id, dir, r, i)) : null;
    const cp: CPolicy = {
      id,
      policy: p,
      pid: policyId(p),
      selected: this.classesIn(p.namespace, p.podSelector, false),
      ingress: dirRules('Ingress', p.ingress),
      egress: dirRules('Egress', p.egress),
    };
    this.policies.push(cp);
    this.policyById.set(cp.pid, id);
    for (const c of cp.selected) this.selecting[c]!.push(id);
    for (const r of cp.egress ?? []) for (const c of r.members) this.egMatched[c]!.push(r.id);
    return true;
  }

  removePolicy(pid: string): CPolicy | undefined {
    const id = this.policyById.get(pid);
    if (id === undefined) return undefined;
    const cp = this.policies[id]!;
    this.policies[id] = null;
    this.policyById.delete(pid);
    for (const c of cp.selected) removeValue(this.selecting[c]!, id);
    for (const r of cp.egress ?? []) {
      for (const c of r.members) removeValue(this.egMatched[c]!, r.id);
      this.rules[r.id] = null;
    }
    for (const r of cp.ingress ?? []) this.rules[r.id] = null;
    return cp;
  }

  /** Links a class created after the build: evaluated against every live policy directly. */
  linkNewClass(cls: PodClass): void {
    this.memo.clear();
    this.nsMemo.clear();
    this.blockMembers = null;
    this.labelIndex = null;
    this.selecting.push([]);
    this.egMatched.push([]);
    for (const cp of this.policies) {
      if (!cp) continue;
      if (cp.policy.namespace === cls.ns && matchesSelector(cp.policy.podSelector, cls.labels)) {
        cp.selected = appendSorted(cp.selected, cls.id);
        this.selecting[cls.id]!.push(cp.id);
      }
      for (const r of [...(cp.ingress ?? []), ...(cp.egress ?? [])]) {
        if (r.all || r.rule.peers.some((peer) => this.peerMatchesClass(cp.policy, peer, cls))) {
          r.members = appendSorted(r.members, cls.id);
          if (r.dir === 'Egress') this.egMatched[cls.id]!.push(r.id);
        }
      }
    }
  }

  /** Re-evaluates every peer against the classes of a namespace whose labels changed. */
  relinkNamespace(ns: string, labels: Labels): void {
    this.nsLabels.set(ns, labels);
    this.nsMemo.clear();
    this.memo.clear();
    const ids = this.table.byNs.get(ns) ?? [];
    for (const cp of this.policies) {
      if (!cp) continue;
      for (const r of [...(cp.ingress ?? []), ...(cp.egress ?? [])]) {
        if (r.all) continue;
        for (const c of ids) {
          const cls = this.table.classes[c]!;
          const now = r.rule.peers.some((peer) => this.peerMatchesClass(cp.policy, peer, cls));
          const before = hasSorted(r.members, c);
          if (now === before) continue;
          r.members = now ? insertSorted(r.members, c) : Int32Array.from([...r.members].filter((x) => x !== c));
          if (r.dir === 'Egress') {
            if (now) this.egMatched[c]!.push(r.id);
            else removeValue(this.egMatched[c]!, r.id);
          }
        }
      }
    }
  }
}

export function collectBlocks(policies: readonly NetworkPolicy[]): Map<string, { cidr: string; except: readonly string[] }> {
  const out = new Map<string, { cidr: string; except: readonly string[] }>();
  for (const p of policies) {
    for (const r of [...p.ingress, ...p.egress]) {
      for (const peer of r.peers) if (peer.ipBlock) out.set(ipBlockKey(peer.ipBlock.cidr, peer.ipBlock.except), peer.ipBlock);
    }
  }
  return out;
}

export function hasSorted(a: Int32Array, v: number): boolean {
  let lo = 0;
  let hi = a.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const x = a[mid]!;
    if (x === v) return true;
    if (x < v) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

function removeValue(a: number[], v: number): void {
  const i = a.indexOf(v);
  if (i >= 0) a.splice(i, 1);
}

function appendSorted(a: Int32Array, v: number): Int32Array {
  const out = new Int32Array(a.length + 1);
  out.set(a);
  out[a.length] = v;
  return out;
}

function insertSorted(a: Int32Array, v: number): Int32Array {
  return Int32Array.from([...a, v]).sort();
}

function concatSorted(parts: Int32Array[]): Int32Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Int32Array(n);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out.sort();
}

function unionSorted(parts: Int32Array[]): Int32Array {
  const all = concatSorted(parts);
  let w = 0;
  for (let i = 0; i < all.length; i++) if (i === 0 || all[i] !== all[i - 1]) all[w++] = all[i]!;
  return all.slice(0, w);
}
