// Compiles the cluster model into one nftables table (`inet netpol`) for the pods of one node.
// Layout (docs/enforcement.md): base chains dispatch by pod address through verdict maps to
// per-pod chains; peers are interval sets shared by every pod a rule applies to.
import type { Cluster, NetworkPolicy, Pod, PolicyType, Protocol, Rule } from '../core/model/types.js';
import { PROTOCOLS, podId, policyId } from '../core/model/types.js';
import { PortSet } from '../core/sets/port-set.js';
import { parseIp, type IpFamily, type IpRange } from '../core/sets/ip-set.js';
import { matchesSelector } from '../core/engine/selectors.js';
import { isPolicyTarget } from '../core/engine/peers.js';
import { policyPortSet } from '../core/engine/ports.js';
import type { IpBlockScope } from '../core/engine/types.js';
import { PeerIndex, parsedIps } from './compile-peers.js';
import {
  clip,
  type ConcatElement,
  type Match,
  type NftChain,
  type NftRule,
  type NftSet,
  type Ruleset,
  type VerdictMap,
} from './ruleset.js';

export interface CompileOptions {
  /** Pods whose spec.nodeName is this node. */
  readonly node?: string;
  /** Or an explicit list of "ns/name" pods. */
  readonly pods?: readonly string[];
  readonly ipBlockScope?: IpBlockScope;
}

export interface CompileResult {
  readonly ruleset: Ruleset;
  /** Pods enforced here (on the node, pod network, with an IP). */
  readonly pods: readonly Pod[];
  /** Why some selected pods are not enforced (hostNetwork, no IP). */
  readonly notes: readonly string[];
}

const FAMILIES: readonly IpFamily[] = [4, 6];
const DIR_WORD: Record<PolicyType, 'ingress' | 'egress'> = { Ingress: 'ingress', Egress: 'egress' };

/** nft identifiers allow letters, digits, '/', '-', '_', '.'; Kubernetes names fit; long ones get a hash. */
export function nftName(text: string): string {
  const s = text.replace(/[^A-Za-z0-9/_.-]/g, '_');
  if (s.length <= 200) return s;
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619) >>> 0;
  return `${s.slice(0, 190)}~${h.toString(16)}`;
}

const ruleLabel = (pol: NetworkPolicy, dir: PolicyType, i: number) => `${policyId(pol)} spec.${DIR_WORD[dir]}[${i}]`;

/** The pods a compile targets: scheduled on the node (or listed), before enforceability checks. */
export function selectPods(cluster: Cluster, opts: CompileOptions): Pod[] {
  if (opts.pods) {
    const want = new Set(opts.pods);
    return cluster.pods.filter((p) => want.has(podId(p)));
  }
  return cluster.pods.filter((p) => opts.node !== undefined && p.nodeName === opts.node);
}

export function compileRuleset(cluster: Cluster, opts: CompileOptions): CompileResult {
  const scope = opts.ipBlockScope ?? 'all';
  const peers = new PeerIndex(cluster, scope);
  const sets = new Map<string, NftSet>();
  const notes: string[] = [];
  const enforced: Pod[] = [];
  const byNs = new Map<string, NetworkPolicy[]>();
  for (const p of cluster.policies) (byNs.get(p.namespace) ?? byNs.set(p.namespace, []).get(p.namespace)!).push(p);

  // Pods isolated by the same policies share one verdict chain (chains, not elements, cost load time).
  const groups = new Map<string, { dir: PolicyType; pols: NetworkPolicy[]; pods: Pod[] }>();
  for (const pod of selectPods(cluster, opts)) {
    // Mainstream plugins never isolate hostNetwork pods: their traffic is the node's (engine: isPolicyTarget).
    if (!isPolicyTarget(pod)) {
      notes.push(`${podId(pod)}: hostNetwork, not enforced (node traffic)`);
      continue;
    }
    if (pod.ips.length === 0) {
      notes.push(`${podId(pod)}: no IP yet, nothing to enforce`);
      continue;
    }
    enforced.push(pod);
    for (const dir of ['Egress', 'Ingress'] as const) {
      const pols = (byNs.get(pod.namespace) ?? []).filter((p) => p.policyTypes.includes(dir) && matchesSelector(p.podSelector, pod.labels));
      // Not isolated in this direction: no map entry, the packet passes through (upstream default allow).
      if (pols.length === 0) continue;
      const key = groupChainName(dir, pod.namespace, pols);
      const g = groups.get(key) ?? groups.set(key, { dir, pols, pods: [] }).get(key)!;
      g.pods.push(pod);
    }
  }

  // One chain per (policy, direction), holding its rules once; ingress named ports need its local pods.
  const polPods = new Map<string, { pol: NetworkPolicy; dir: PolicyType; pods: Pod[] }>();
  for (const g of groups.values()) {
    for (const pol of g.pols) {
      const name = policyChainName(pol, g.dir);
      const e = polPods.get(name) ?? polPods.set(name, { pol, dir: g.dir, pods: [] }).get(name)!;
      e.pods.push(...g.pods);
    }
  }
  const chains: NftChain[] = [];
  for (const [name, { pol, dir, pods }] of [...polPods].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const list = dir === 'Ingress' ? pol.ingress : pol.egress;
    chains.push({ name, rules: list.flatMap((rule, i) => compileRule(cluster, peers, sets, pods, pol, dir, rule, i)) });
  }
  const maps: Record<string, { addr: bigint; chain: string }[]> = {};
  for (const [name, g] of groups) {
    const rules: NftRule[] = g.pols.map((pol) => ({ matches: [], jump: policyChainName(pol, g.dir), comment: clip(policyId(pol)) }));
    rules.push({ matches: [], verdict: 'drop', comment: clip(`isolated for ${DIR_WORD[g.dir]}: ${g.pods.map(podId).join(', ')}`) });
    chains.push({ name, rules });
    for (const pod of g.pods) for (const p of parsedIps(pod)) (maps[`${DIR_WORD[g.dir]}-v${p.family}`] ??= []).push({ addr: p.value, chain: name });
  }

  const vmaps: VerdictMap[] = [];
  for (const dir of ['egress', 'ingress'] as const) {
    for (const fam of FAMILIES) {
      const name = `${dir}-v${fam}`;
      const seen = new Set<bigint>();
      const entries = (maps[name] ?? []).filter((e) => (seen.has(e.addr) ? false : (seen.add(e.addr), true)));
      vmaps.push({ name, family: fam, comment: `pod address -> ${dir} chain of an isolated pod`, entries });
    }
  }

  const dispatch = (dir: 'egress' | 'ingress'): NftRule[] =>
    FAMILIES.map((fam) => ({
      matches: [{ kind: 'vmap', dir: dir === 'egress' ? 'saddr' : 'daddr', family: fam, map: `${dir}-v${fam}` }],
    }));
  // Policies govern connections: replies and related packets of an allowed connection pass.
  const established: NftRule = { matches: [{ kind: 'ct-state', states: ['established', 'related'] }], verdict: 'accept' };
  // Two base chains on forward: an accept in the egress one (priority filter) still meets the
  // ingress one (filter + 10), so two pods of one node get both checks; a drop is final.
  chains.push({ name: 'egress', base: { hook: 'forward', priority: 0, policy: 'accept' }, rules: [established, ...dispatch('egress')] });
  chains.push({ name: 'ingress', base: { hook: 'forward', priority: 10, policy: 'accept' }, rules: [established, ...dispatch('ingress')] });
  // A local pod talking to its own node: egress still applies.
  chains.push({ name: 'egress-to-node', base: { hook: 'input', priority: 0, policy: 'accept' }, rules: [established, ...dispatch('egress')] });

  const target = opts.pods ? `pods ${opts.pods.join(',')}` : `node ${opts.node ?? '?'}`;
  return {
    ruleset: {
      comment: clip(`netpol: NetworkPolicy for ${target} (ipBlock scope ${scope})`),
      sets: [...sets.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
      maps: vmaps,
      chains,
    },
    pods: enforced,
    notes,
  };
}

/** `ingress/<ns>/<policy>_<policy>`: the verdict chain of the pods those policies isolate ('_' never occurs in Kubernetes names). */
export function groupChainName(dir: PolicyType, ns: string, pols: readonly NetworkPolicy[]): string {
  return nftName(`${DIR_WORD[dir]}/${ns}/${pols.map((p) => p.name).join('_')}`);
}

export function policyChainName(pol: NetworkPolicy, dir: PolicyType): string {
  return nftName(`policy/${pol.namespace}/${pol.name}/${DIR_WORD[dir]}`);
}

function compileRule(
  cluster: Cluster,
  peers: PeerIndex,
  sets: Map<string, NftSet>,
  targets: readonly Pod[],
  pol: NetworkPolicy,
  dir: PolicyType,
  rule: Rule,
  i: number,
): NftRule[] {
  const label = ruleLabel(pol, dir, i);
  const verdict = 'accept';
  const base = `${DIR_WORD[dir]}/${pol.namespace}/${pol.name}/${i}`;
  const peerDir = dir === 'Ingress' ? 'saddr' : 'daddr';
  const covered = rule.peers.length > 0 ? peers.rulePeers(pol, rule, base) : undefined;

  // Address matches: none (every peer) or one interval set per family.
  const addrMatches: (Match | undefined)[] = [];
  if (!covered) addrMatches.push(undefined);
  else {
    for (const fam of FAMILIES) {
      const ranges = covered.addrs.ranges(fam);
      if (ranges.length === 0) continue;
      const name = nftName(`peers/${base}.v${fam}`);
      if (!sets.has(name)) sets.set(name, { kind: 'addr', name, family: fam, comment: clip(`${label} peers`), ranges });
      addrMatches.push({ kind: 'addr-set', dir: peerDir, family: fam, set: name });
    }
  }
  const out: NftRule[] = [];
  const emit = (portMatch: Match | undefined) => {
    for (const a of addrMatches) {
      const matches = [a, portMatch].filter((m): m is Match => m !== undefined);
      out.push({ matches, verdict, comment: clip(label) });
    }
  };
  if (rule.ports.length === 0) {
    emit(undefined); // every port of every protocol
    return out;
  }
  // Numeric ports per protocol (port sets and endPort ranges).
  const perProto = new Map<Protocol, PortSet>();
  let hasNamed = false;
  for (const pp of rule.ports) {
    if (typeof pp.port === 'string') {
      hasNamed = true;
      continue;
    }
    const ports = policyPortSet(pp, { kind: 'ip', ip: '0.0.0.0' }).ports(pp.protocol);
    perProto.set(pp.protocol, (perProto.get(pp.protocol) ?? PortSet.EMPTY).union(ports));
  }
  for (const proto of PROTOCOLS) {
    const ports = perProto.get(proto);
    if (ports && !ports.isEmpty()) emit({ kind: 'proto-ports', protocol: proto, ports });
  }
  if (!hasNamed) return out;
  // Named ports resolve on the destination pod (e2e 017-019): a daddr . proto . port set. Ingress:
  // the destinations are this policy's pods here, and the peers set still checks the source.
  // Egress: the destinations are the pods the peers cover (every pod when the rule has no peers).
  const dests = dir === 'Ingress' ? targets : covered ? covered.pods : cluster.pods;
  for (const fam of FAMILIES) {
    const name = nftName(`named/${base}.v${fam}`);
    if (!sets.has(name)) {
      const elements = namedElements(rule, dests, fam);
      if (elements.length === 0) continue;
      sets.set(name, { kind: 'concat', name, family: fam, comment: clip(`${label} named ports`), elements });
    }
    const named: Match = { kind: 'concat-set', dir: 'daddr', family: fam, set: name };
    if (dir === 'Egress' || !covered) out.push({ matches: [named], verdict, comment: clip(`${label} named ports`) });
    else {
      const src = addrMatches.find((m) => m !== undefined && m.kind === 'addr-set' && m.family === fam);
      if (src) out.push({ matches: [src, named], verdict, comment: clip(`${label} named ports`) });
    }
  }
  return out;
}

/** Elements (pod IP . proto . port) for the named ports of a rule, disjoint per address. */
function namedElements(rule: Rule, dests: readonly Pod[], fam: IpFamily): ConcatElement[] {
  const byAddr = new Map<bigint, Map<Protocol, PortSet>>();
  for (const dst of dests) {
    for (const pp of rule.ports) {
      if (typeof pp.port !== 'string') continue;
      const ports = policyPortSet(pp, { kind: 'pod', pod: dst }).ports(pp.protocol);
      if (ports.isEmpty()) continue;
      for (const p of parsedIps(dst)) {
        if (p.family !== fam) continue;
        const m = byAddr.get(p.value) ?? new Map<Protocol, PortSet>();
        m.set(pp.protocol, (m.get(pp.protocol) ?? PortSet.EMPTY).union(ports));
        byAddr.set(p.value, m);
      }
    }
  }
  const out: ConcatElement[] = [];
  for (const addr of [...byAddr.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) {
    const range: IpRange = [addr, addr];
    for (const proto of PROTOCOLS) {
      for (const r of byAddr.get(addr)!.get(proto)?.ranges ?? []) out.push({ range, protocol: proto, ports: [r[0], r[1]] });
    }
  }
  return out;
}
