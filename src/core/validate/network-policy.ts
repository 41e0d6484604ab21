// ValidateNetworkPolicy (k8s.io/kubernetes pkg/apis/networking/validation) plus likely-mistake warnings.
import { isRecord } from '../parse/manifests.js';
import type { PathSeg } from '../parse/yaml-docs.js';
import { formatCidr, formatIp, parseCidr, type ParsedCidr } from '../sets/ip-set.js';
import type { Findings } from './field-errors.js';
import { validateLabelSelector } from './label-selector.js';
import { isValidPortName, isValidPortNum } from './names.js';

const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const CIDR_INVALID = 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)';

/** ValidateNetworkPolicyPort. */
function validatePort(f: Findings, port: unknown, p: PathSeg[]): void {
  if (!isRecord(port)) return;
  const proto = port.protocol;
  if (typeof proto === 'string' && proto !== 'TCP' && proto !== 'UDP' && proto !== 'SCTP') {
    f.notSupported([...p, 'protocol'], proto, ['TCP', 'UDP', 'SCTP']);
  }
  const num = port.port;
  const end = typeof port.endPort === 'number' ? port.endPort : undefined;
  if (typeof num === 'number') {
    for (const m of isValidPortNum(num)) f.invalid([...p, 'port'], num, m);
    if (end !== undefined) {
      // upstream reports the value of `port` here, not of endPort
      if (end < num) f.invalid([...p, 'endPort'], num, 'must be greater than or equal to `port`');
      for (const m of isValidPortNum(end)) f.invalid([...p, 'endPort'], end, m);
    }
  } else if (typeof num === 'string') {
    if (end !== undefined) f.invalid([...p, 'endPort'], end, 'may not be specified when `port` is non-numeric');
    for (const m of isValidPortName(num)) f.invalid([...p, 'port'], num, m);
  } else if (end !== undefined) {
    f.invalid([...p, 'endPort'], end, 'may not be specified when `port` is not specified');
  }
}

/** GetWarningsForCIDR: host bits set make the value ambiguous; name both readings. */
function cidrWarning(f: Findings, text: string, c: ParsedCidr, p: PathSeg[]): void {
  if (!c.hostBitsSet) return;
  const slash = text.indexOf('/');
  const bits = c.family === 4 ? 32 : 128;
  const addr = text.slice(0, slash);
  const masked = formatCidr(c.family, c.first, c.prefix);
  f.warn(
    p,
    'cidr-host-bits',
    `CIDR value "${text}" has host bits set: it means the network ${masked} (${formatIp(c.family, c.first)}-${formatIp(c.family, c.last)}); write "${masked}", or "${addr}/${bits}" for the single address`,
  );
}

/** ValidateIPBlock: cidr required and valid; each except valid and a strict subset of cidr. */
function validateIpBlock(f: Findings, b: Record<string, unknown>, p: PathSeg[]): void {
  const cidr = typeof b.cidr === 'string' ? b.cidr : '';
  if (cidr === '') return f.required([...p, 'cidr']);
  const outer = parseCidr(cidr);
  if (!outer) return f.invalid([...p, 'cidr'], cidr, CIDR_INVALID);
  cidrWarning(f, cidr, outer, [...p, 'cidr']);
  arr(b.except).forEach((e, i) => {
    const ep = [...p, 'except', i];
    const text = typeof e === 'string' ? e : '';
    const inner = parseCidr(text);
    if (!inner) return f.invalid(ep, text, CIDR_INVALID);
    cidrWarning(f, text, inner, ep);
    // Go: !cidrIPNet.Contains(exceptCIDR.IP) || cidrMaskLen >= exceptMaskLen (other family: not contained)
    const contained = inner.family === outer.family && inner.first >= outer.first && inner.first <= outer.last;
    if (!contained || outer.prefix >= inner.prefix) f.invalid(ep, text, 'must be a strict subset of `cidr`');
  });
}

/** ValidateNetworkPolicyPeer: something must be set; ipBlock stands alone. Null counts as absent. */
function validatePeer(f: Findings, peer: unknown, p: PathSeg[]): void {
  const r = isRecord(peer) ? peer : {};
  let n = 0;
  if (isRecord(r.podSelector)) {
    n++;
    validateLabelSelector(f, r.podSelector, [...p, 'podSelector']);
  }
  if (isRecord(r.namespaceSelector)) {
    n++;
    validateLabelSelector(f, r.namespaceSelector, [...p, 'namespaceSelector']);
  }
  if (isRecord(r.ipBlock)) {
    n++;
    validateIpBlock(f, r.ipBlock, [...p, 'ipBlock']);
  }
  if (n === 0) f.required(p, 'must specify a peer');
  else if (n > 1 && isRecord(r.ipBlock)) f.forbidden(p, 'may not specify both ipBlock and another peer');
}

/** A named port toward an ipBlock peer can never match (IPs have no named ports): accepted, but a mistake. */
function namedPortToIpBlock(f: Findings, rule: Record<string, unknown>, peerKey: string, p: PathSeg[]): void {
  const peers = arr(rule[peerKey]);
  if (!peers.some((x) => isRecord(x) && isRecord(x.ipBlock))) return;
  arr(rule.ports).forEach((port, i) => {
    if (isRecord(port) && typeof port.port === 'string') {
      f.warn(
        [...p, 'ports', i, 'port'],
        'named-port-ip-block',
        `named port "${port.port}" cannot match traffic to or from the ipBlock peers of this rule (only pods have named ports)`,
      );
    }
  });
}

/** ValidateNetworkPolicySpec. */
export function validateNetworkPolicySpec(f: Findings, spec: unknown): void {
  const s = isRecord(spec) ? spec : {};
  validateLabelSelector(f, s.podSelector, ['spec', 'podSelector']);
  for (const [dir, peerKey] of [
    ['ingress', 'from'],
    ['egress', 'to'],
  ] as const) {
    arr(s[dir]).forEach((rule, i) => {
      if (!isRecord(rule)) return;
      const rp: PathSeg[] = ['spec', dir, i];
      arr(rule.ports).forEach((port, j) => validatePort(f, port, [...rp, 'ports', j]));
      arr(rule[peerKey]).forEach((peer, j) => validatePeer(f, peer, [...rp, peerKey, j]));
      namedPortToIpBlock(f, rule, peerKey, rp);
    });
  }
  const types = arr(s.policyTypes);
  if (types.length > 2) {
    const shown = `[]networking.PolicyType{${types.map((t) => JSON.stringify(t)).join(', ')}}`;
    f.invalidShown(['spec', 'policyTypes'], shown, 'may not specify more than two policyTypes');
    return;
  }
  types.forEach((t, i) => {
    if (t !== 'Ingress' && t !== 'Egress') f.notSupported(['spec', 'policyTypes', i], t, ['Ingress', 'Egress']);
  });
  // Accepted, but rules of a direction not in policyTypes are dead code.
  if (types.length === 0) return;
  for (const [dir, type] of [['ingress', 'Ingress'], ['egress', 'Egress']] as const) {
    if (arr(s[dir]).length > 0 && !types.includes(type)) {
      f.warn(['spec', dir], 'ignored-rules', `${dir} rules are ignored: spec.policyTypes does not include "${type}"`);
    }
  }
}
