// Over-broad rules. Upstream: a rule with no from/to admits every source/destination (pods and
// addresses); a rule with no ports admits every port; an ipBlock also matches pod IPs.
import type { NetworkPolicy, PolicyType } from '../../model/types.js';
import { formatSelector, isEmptySelector, matchesSelector } from '../../engine/selectors.js';
import { parseCidr } from '../../sets/ip-set.js';
import { describePorts } from '../../engine/ports.js';
import type { Finding, RuleContext } from './types.js';
import { finding, isSensitiveNamespace, peerField, policyResource, rulePath, ruleSource } from './helpers.js';

const rulesOf = (p: NetworkPolicy, dir: PolicyType) => (dir === 'Ingress' ? p.ingress : p.egress);

export function everyPeerRules(ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  for (const p of ctx.cluster.policies) {
    for (const dir of p.policyTypes) {
      rulesOf(p, dir).forEach((r, i) => {
        if (r.peers.length > 0) return;
        const f = peerField(dir);
        const who = dir === 'Ingress' ? 'from every pod and every address, the internet included' : 'to every pod and every address, the internet included';
        if (r.ports.length === 0) {
          out.push(finding(ctx, 'NP302', {
            resource: policyResource(p), source: ruleSource(p, r), path: rulePath(dir, i),
            message: `${rulePath(dir, i)} has neither ${f} nor ports: it allows all ${dir.toLowerCase()} traffic ${who}, so the policy isolates nothing.`,
            fix: `${dir === 'Ingress' ? 'ingress' : 'egress'}:\n- ${f}:\n  - podSelector:\n      matchLabels: {app: <peer>}\n  ports:\n  - {protocol: TCP, port: <port>}`,
          }));
        } else {
          out.push(finding(ctx, 'NP301', {
            resource: policyResource(p), source: ruleSource(p, r), path: rulePath(dir, i),
            message: `${rulePath(dir, i)} has no ${f}: it allows ${describePorts(r.ports)} ${who}.`,
            fix: `# name the peers that need it:\n- ${f}:\n  - namespaceSelector:\n      matchLabels: {kubernetes.io/metadata.name: <namespace>}\n    podSelector:\n      matchLabels: {app: <peer>}`,
          }));
        }
      });
    }
  }
  return out;
}

export function internetWideIpBlocks(ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  for (const p of ctx.cluster.policies) {
    for (const dir of ['Ingress', 'Egress'] as const) {
      rulesOf(p, dir).forEach((r, i) => r.peers.forEach((peer, j) => {
        const c = peer.ipBlock ? parseCidr(peer.ipBlock.cidr) : undefined;
        if (!peer.ipBlock || !c || c.prefix !== 0) return;
        const ex = peer.ipBlock.except.length ? ` (except ${peer.ipBlock.except.join(', ')})` : '';
        const way = dir === 'Ingress' ? 'from the whole internet' : 'to the whole internet';
        out.push(finding(ctx, 'NP303', {
          resource: policyResource(p), source: ruleSource(p, r), path: `${rulePath(dir, i)}.${peerField(dir)}[${j}].ipBlock`,
          message: `ipBlock ${peer.ipBlock.cidr}${ex} allows ${describePorts(r.ports)} ${way}; upstream, it also matches the pod IPs it contains.`,
          fix: `ipBlock:\n  cidr: <the provider's range, e.g. 203.0.113.0/24>\n  # or keep ${peer.ipBlock.cidr} and exclude private ranges:\n  # except: [10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16]`,
        }));
      }));
    }
  }
  return out;
}

/** Ingress into a sensitive namespace from a peer that covers every namespace. */
export function sensitiveNamespaceOpen(ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  const { cluster } = ctx;
  for (const p of cluster.policies) {
    if (!p.policyTypes.includes('Ingress') || !isSensitiveNamespace(cluster, ctx.config, p.namespace)) continue;
    p.ingress.forEach((r, i) => {
      const everyNs = r.peers.length === 0
        ? 'every namespace (the rule has no from)'
        : r.peers
          .filter((peer) => peer.namespaceSelector && (isEmptySelector(peer.namespaceSelector) || (cluster.namespaces.length > 1 && cluster.namespaces.every((n) => matchesSelector(peer.namespaceSelector!, n.labels)))))
          .map((peer) => `every namespace (namespaceSelector ${formatSelector(peer.namespaceSelector!)}${peer.podSelector ? `, pods ${formatSelector(peer.podSelector)}` : ''})`)[0];
      if (!everyNs) return;
      out.push(finding(ctx, 'NP304', {
        resource: policyResource(p), source: ruleSource(p, r), path: rulePath('Ingress', i),
        message: `${rulePath('Ingress', i)} lets ${everyNs} into sensitive namespace ${p.namespace} on ${describePorts(r.ports)}.`,
        fix: `from:\n- namespaceSelector:\n    matchLabels:\n      kubernetes.io/metadata.name: <the one namespace that needs it>\n  podSelector:\n    matchLabels: {app: <client>}`,
      }));
    });
  }
  return out;
}

/** `- namespaceSelector: {}` (podSelector absent or {}): every pod of the cluster, new namespaces included. */
export function everyPodPeers(ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  for (const p of ctx.cluster.policies) {
    for (const dir of p.policyTypes) {
      // Ingress into a sensitive namespace from every namespace is NP304 (high).
      if (dir === 'Ingress' && isSensitiveNamespace(ctx.cluster, ctx.config, p.namespace)) continue;
      rulesOf(p, dir).forEach((r, i) => r.peers.forEach((peer, j) => {
        if (!peer.namespaceSelector || !isEmptySelector(peer.namespaceSelector) || (peer.podSelector && !isEmptySelector(peer.podSelector))) return;
        const f = peerField(dir);
        out.push(finding(ctx, 'NP305', {
          resource: policyResource(p), source: ruleSource(p, r), path: `${rulePath(dir, i)}.${f}[${j}]`,
          message: `${f}[${j}] (namespaceSelector {}) admits every pod of every namespace ${dir === 'Ingress' ? 'into' : 'from'} the selected pods on ${describePorts(r.ports)}, including namespaces created later.`,
          fix: `- namespaceSelector:\n    matchLabels:\n      kubernetes.io/metadata.name: <namespace>\n  podSelector:\n    matchLabels: {app: <peer>}`,
        }));
      }));
    }
  }
  return out;
}
