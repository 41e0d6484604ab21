// Broken ports. Upstream (NetworkPolicyPort docs, e2e "named port" tests): a named port resolves
// against the DESTINATION pod's container ports, name and protocol both matching; ingress
// destinations are the selected pods, egress destinations the pods the rule's peers match.
import type { NetworkPolicy, Pod, PolicyPort, PolicyType, Rule } from '../../model/types.js';
import { matchPeer } from '../../engine/peers.js';
import { describePolicyPort } from '../../engine/ports.js';
import type { Finding, RuleContext } from './types.js';
import { finding, policyResource, rulePath, ruleSource, selectedPods } from './helpers.js';

function destinations(ctx: RuleContext, p: NetworkPolicy, dir: PolicyType, r: Rule): Pod[] {
  const pods = ctx.cluster.pods.filter((x) => !x.hostNetwork);
  if (dir === 'Ingress') return selectedPods(ctx.cluster, p).filter((x) => !x.hostNetwork);
  if (r.peers.length === 0) return pods;
  const scope = ctx.engine.options.ipBlockScope;
  return pods.filter((pod) => r.peers.some((peer) => matchPeer(ctx.cluster, p, peer, { kind: 'pod', pod }, scope).matched));
}

const names = (pods: Pod[]): string => {
  const ids = [...new Set(pods.map((x) => (x.fromTemplate && x.owner ? `${x.namespace}/${x.owner.name}` : `${x.namespace}/${x.name}`)))];
  return ids.length > 3 ? `${ids.slice(0, 3).join(', ')} and ${ids.length - 3} more` : ids.join(', ');
};

function checkPort(ctx: RuleContext, p: NetworkPolicy, dir: PolicyType, ri: number, pi: number, pp: PolicyPort, dests: Pod[]): Finding | undefined {
  const rule = (dir === 'Ingress' ? p.ingress : p.egress)[ri];
  const base = { resource: policyResource(p), source: ruleSource(p, rule), path: `${rulePath(dir, ri)}.ports[${pi}]` };
  const declared = dests.flatMap((d) => d.ports);
  const whose = dir === 'Ingress' ? 'the pods it selects' : 'the destination pods';
  if (typeof pp.port === 'string') {
    const same = declared.filter((c) => c.name === pp.port);
    if (same.length === 0) {
      const known = [...new Set(declared.filter((c) => c.name).map((c) => `${c.name}/${c.protocol}`))];
      return finding(ctx, 'NP401', {
        ...base,
        message: `Named port ${describePolicyPort(pp)} is not a container port of ${whose} (${names(dests)}), so this entry admits nothing.`,
        fix: known.length ? `# use a port the pods declare: ${known.join(', ')}\nports:\n- {protocol: ${pp.protocol}, port: ${known[0]!.split('/')[0]}}` : `# name the container port in the pod template, or use the number:\nports:\n- {protocol: ${pp.protocol}, port: <number>}`,
      });
    }
    if (!same.some((c) => c.protocol === pp.protocol)) {
      const actual = [...new Set(same.map((c) => c.protocol))].join('/');
      return finding(ctx, 'NP402', {
        ...base,
        message: `Port entry ${describePolicyPort(pp)} names container port "${pp.port}", which is ${actual} on ${whose}, so the entry admits nothing.`,
        fix: `ports:\n- {protocol: ${same[0]!.protocol}, port: ${pp.port}}`,
      });
    }
    return undefined;
  }
  // Numbers: only on ingress, where the destinations are exactly the selected pods.
  if (dir === 'Ingress' && typeof pp.port === 'number' && pp.endPort === undefined) {
    const same = declared.filter((c) => c.containerPort === pp.port);
    if (same.length > 0 && !same.some((c) => c.protocol === pp.protocol)) {
      const actual = [...new Set(same.map((c) => c.protocol))].join('/');
      return finding(ctx, 'NP402', {
        ...base,
        message: `Port entry ${describePolicyPort(pp)} targets container port ${pp.port}, which ${whose} declare as ${actual} only.`,
        fix: `ports:\n- {protocol: ${same[0]!.protocol}, port: ${pp.port}}`,
      });
    }
  }
  return undefined;
}

export function brokenPorts(ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  for (const p of ctx.cluster.policies) {
    for (const dir of ['Ingress', 'Egress'] as const) {
      (dir === 'Ingress' ? p.ingress : p.egress).forEach((r, ri) => {
        if (!r.ports.some((pp) => pp.port !== undefined)) return;
        const dests = destinations(ctx, p, dir, r);
        if (dests.length === 0) return; // NP201/NP202 already say the rule reaches no pod
        r.ports.forEach((pp, pi) => {
          const f = checkPort(ctx, p, dir, ri, pi, pp, dests);
          if (f) out.push(f);
        });
      });
    }
  }
  return out;
}
