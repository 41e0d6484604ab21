// Outage risk: egress isolation without DNS. Pods resolve names through the cluster DNS pods
// (kube-system, k8s-app=kube-dns, also CoreDNS's label) on UDP 53, and on TCP 53 for truncated
// answers (RFC 7766). A pod isolated for egress needs a rule allowing both.
import type { Pod } from '../../model/types.js';
import type { Endpoint } from '../../engine/types.js';
import { ConnectionSet } from '../../sets/connection-set.js';
import type { Finding, RuleContext } from './types.js';
import { allowDnsYaml, alsoText, finding, podGroups, podResource } from './helpers.js';
import { directionOnly } from './universe.js';
import { externalAtoms, type IpAtom } from '../atoms.js';
import { formatIp, parseIp } from '../../sets/ip-set.js';

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
  // Node-local DNS caches and upstream resolvers are addresses: any address on 53 counts too,
  // except an ipBlock of exactly a Service IP: most CNIs apply policies after the Service address
  // is translated to a pod IP (upstream leaves the order undefined), so that allows nothing there.
  const serviceIps = new Set(cluster.services.flatMap((x) => x.clusterIPs).map((ip) => parseIp(ip)).filter((x) => x !== undefined).map((x) => `${x.family}/${x.value}`));
  const isServiceIp = (a: IpAtom) => a.first === a.last && serviceIps.has(`${a.family}/${a.first}`);
  const atoms = externalAtoms(cluster, 'uniform').destinations;
  const asIp = (a: IpAtom): Endpoint => ({ kind: 'ip', ip: formatIp(a.family, a.first) });
  const targets: Endpoint[] = [...dns.map((pod) => ({ kind: 'pod' as const, pod })), ...atoms.filter((a) => !isServiceIp(a)).map(asIp)];
  const serviceTargets = atoms.filter(isServiceIp).map(asIp);
  const out: Finding[] = [];
  for (const { rep: pod, others } of podGroups(isolated)) {
    let conns = ConnectionSet.NONE;
    for (const t of targets) conns = conns.union(engine.allowed({ kind: 'pod', pod }, t));
    const udp = conns.has('UDP', 53);
    const tcp = conns.has('TCP', 53);
    if (udp && tcp) continue;
    const svc = serviceTargets.find((t) => engine.allowed({ kind: 'pod', pod }, t).has(udp ? 'TCP' : 'UDP', 53));
    const svcNote = svc && svc.kind === 'ip' ? ` The ipBlock of Service IP ${svc.ip} does not help: most CNIs see the DNS pods' IPs after the Service address is translated.` : '';
    const policy = cluster.policies.find((p) => `${p.namespace}/${p.name}` === ctx.engine.isolation(pod).egress[0]);
    const via = policy ? ` (isolated by ${policy.namespace}/${policy.name})` : '';
    out.push(finding(ctx, udp ? 'NP502' : 'NP501', {
      resource: podResource(pod),
      source: policy?.source ?? pod.source,
      path: policy ? 'spec.egress' : '',
      message: (udp
        ? `${podResource(pod)} may reach DNS on UDP 53 but not TCP 53${via}, so truncated DNS answers fail.`
        : `${podResource(pod)} is isolated for egress${via} and may not reach DNS on UDP 53, so every name lookup fails.`) + svcNote + alsoText(others),
      fix: allowDnsYaml(pod.namespace),
    }));
  }
  return out;
}
