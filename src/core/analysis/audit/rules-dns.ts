// Outage risk: egress isolation without DNS. Pods resolve names through the cluster DNS pods
// (kube-system, k8s-app=kube-dns, also CoreDNS's label) on UDP 53, and on TCP 53 for truncated
// answers (RFC 7766). A pod isolated for egress needs a rule allowing both.
import type { Pod } from '../../model/types.js';
import type { Endpoint } from '../../engine/types.js';
import { ConnectionSet } from '../../sets/connection-set.js';
import type { Finding, RuleContext } from './types.js';
import { allowDnsYaml, alsoText, finding, podGroups, podResource } from './helpers.js';
import { directionOnly, universe } from './universe.js';

const isDnsPod = (p: Pod): boolean => p.namespace === 'kube-system' && p.labels['k8s-app'] === 'kube-dns' && !p.hostNetwork;

export function dnsAllowance(ctx: RuleContext): Finding[] {
  const { cluster } = ctx;
  const isolated = cluster.pods.filter((p) => !p.hostNetwork && !isDnsPod(p) && ctx.engine.isolation(p).egress.length > 0);
  if (isolated.length === 0) return [];
  let view = directionOnly(cluster, 'Egress');
  let dns = cluster.pods.filter(isDnsPod);
  if (dns.length === 0) {
    // The input has no DNS pods: judge against the standard kube-dns/CoreDNS pod labels.
    const virtual: Pod = { namespace: 'kube-system', name: 'coredns (assumed)', labels: { 'k8s-app': 'kube-dns' }, ips: [], ports: [{ name: 'dns', containerPort: 53, protocol: 'UDP' }, { name: 'dns-tcp', containerPort: 53, protocol: 'TCP' }], hostNetwork: false, fromTemplate: false };
    view = { ...view, pods: [...view.pods, virtual] };
    dns = [virtual];
  }
  const engine = ctx.engineFactory(view);
  // Node-local DNS caches and upstream resolvers are addresses: any address on 53 counts too.
  const targets: Endpoint[] = [...dns.map((pod) => ({ kind: 'pod' as const, pod })), ...universe(cluster).external];
  const out: Finding[] = [];
  for (const { rep: pod, others } of podGroups(isolated)) {
    let conns = ConnectionSet.NONE;
    for (const t of targets) conns = conns.union(engine.allowed({ kind: 'pod', pod }, t));
    const udp = conns.has('UDP', 53);
    const tcp = conns.has('TCP', 53);
    if (udp && tcp) continue;
    const policy = cluster.policies.find((p) => `${p.namespace}/${p.name}` === ctx.engine.isolation(pod).egress[0]);
    const via = policy ? ` (isolated by ${policy.namespace}/${policy.name})` : '';
    out.push(finding(ctx, udp ? 'NP502' : 'NP501', {
      resource: podResource(pod),
      source: policy?.source ?? pod.source,
      path: policy ? 'spec.egress' : '',
      message: (udp
        ? `${podResource(pod)} may reach DNS on UDP 53 but not TCP 53${via}, so truncated DNS answers fail.`
        : `${podResource(pod)} is isolated for egress${via} and may not reach DNS on UDP 53, so every name lookup fails.`) + alsoText(others),
      fix: allowDnsYaml(pod.namespace),
    }));
  }
  return out;
}
