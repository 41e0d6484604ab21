// Endpoint names as users type them: `ns/pod`, `ns/name[Kind]` (a workload) or an IP address.
// A workload stands for its pod template (as netpol-analyzer does): every replica has the template's
// labels and ports, so one template pod answers for all of them.
import { WORKLOAD_KINDS, type Cluster, type Pod } from '../model/types.js';
import { parseIp } from '../sets/ip-set.js';
import type { Endpoint } from './types.js';

export type ResolvedEndpoint =
  | { readonly ok: true; readonly endpoint: Endpoint; readonly id: string; readonly note?: string }
  | { readonly ok: false; readonly error: string };

/** `ns/name` for a pod, `ns/name[Kind]` for a workload's template pod, the address for an IP. */
export function endpointId(ep: Endpoint): string {
  if (ep.kind === 'ip') return ep.ip;
  const p = ep.pod;
  return p.fromTemplate && p.owner ? `${p.namespace}/${p.owner.name}[${p.owner.kind}]` : `${p.namespace}/${p.name}`;
}

const fail = (error: string): ResolvedEndpoint => ({ ok: false, error });
const found = (endpoint: Endpoint, note?: string): ResolvedEndpoint =>
  note === undefined ? { ok: true, endpoint, id: endpointId(endpoint) } : { ok: true, endpoint, id: endpointId(endpoint), note };

const byName = (a: Pod, b: Pod): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

export function resolveEndpoint(cluster: Cluster, input: string): ResolvedEndpoint {
  const text = input.trim();
  const ip = parseIp(text);
  if (ip) {
    // A pod IP means that pod (hostNetwork pods share their node's IP, so they do not claim it).
    const owners = cluster.pods.filter((p) => !p.hostNetwork && p.ips.some((x) => parseIp(x)?.value === ip.value && parseIp(x)?.family === ip.family));
    if (owners.length === 1) return found({ kind: 'pod', pod: owners[0]! }, `${text} is the IP of pod ${owners[0]!.namespace}/${owners[0]!.name}`);
    return found({ kind: 'ip', ip: text });
  }
  const wl = /^([^/\s]+)\/([^/[\]\s]+)\[([A-Za-z]+)\]$/.exec(text);
  if (wl) {
    const [, ns, name, kindText] = wl as unknown as [string, string, string, string];
    const kind = WORKLOAD_KINDS.find((k) => k.toLowerCase() === kindText.toLowerCase());
    if (!kind) return fail(`unknown workload kind "${kindText}" in "${text}" (one of ${WORKLOAD_KINDS.join(', ')})`);
    const owned = cluster.pods.filter((p) => p.namespace === ns && p.owner?.kind === kind && p.owner.name === name);
    const template = owned.find((p) => p.fromTemplate) ?? [...owned].sort(byName)[0];
    if (template) return found({ kind: 'pod', pod: template });
    const w = cluster.workloads.find((x) => x.namespace === ns && x.name === name && x.kind === kind);
    if (w) {
      const pod: Pod = { namespace: ns, name, labels: w.labels, ips: [], ports: w.ports, hostNetwork: false, owner: { kind, name }, fromTemplate: true };
      return found({ kind: 'pod', pod });
    }
    return fail(`no ${kind} ${ns}/${name} in the input`);
  }
  const pm = /^([^/\s]+)\/([^/[\]\s]+)$/.exec(text);
  if (pm) {
    const [, ns, name] = pm as unknown as [string, string, string];
    const pod = cluster.pods.find((p) => p.namespace === ns && p.name === name);
    if (pod) return found({ kind: 'pod', pod });
    const others = cluster.pods.filter((p) => p.namespace === ns).map((p) => endpointId({ kind: 'pod', pod: p }));
    const hint = others.length ? `; pods in ${ns}: ${others.slice(0, 8).join(', ')}${others.length > 8 ? ', ...' : ''}` : `; no pods in namespace ${ns}`;
    return fail(`no pod ${ns}/${name} in the input${hint}`);
  }
  return fail(`cannot read endpoint "${text}": expected ns/pod, ns/name[Kind] or an IP address`);
}
