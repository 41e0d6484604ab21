// Ruleset -> libnftables JSON (`nft -j -f`), the same transaction as render-nft: add table, delete
// it, then add everything (objects before the rules and map elements that reference them).
import { formatIp, type IpFamily, type IpRange } from '../core/sets/ip-set.js';
import type { PortSet } from '../core/sets/port-set.js';
import { TABLE_FAMILY, TABLE_NAME, type Match, type NftRule, type NftSet, type Ruleset } from './ruleset.js';

type Json = unknown;
const ADDR_TYPE: Record<IpFamily, string> = { 4: 'ipv4_addr', 6: 'ipv6_addr' };
const L3: Record<IpFamily, string> = { 4: 'ip', 6: 'ip6' };
const BITS: Record<IpFamily, number> = { 4: 32, 6: 128 };
const T = { family: TABLE_FAMILY, table: TABLE_NAME };

function addrJson(family: IpFamily, [lo, hi]: IpRange): Json {
  if (lo === hi) return formatIp(family, lo);
  const size = hi - lo + 1n;
  if ((size & (size - 1n)) === 0n && (lo & (size - 1n)) === 0n) {
    return { prefix: { addr: formatIp(family, lo), len: BITS[family] - (size.toString(2).length - 1) } };
  }
  return { range: [formatIp(family, lo), formatIp(family, hi)] };
}

const portJson = ([a, b]: readonly [number, number]): Json => (a === b ? a : { range: [a, b] });
const portsJson = (p: PortSet): Json => (p.ranges.length === 1 ? portJson(p.ranges[0]!) : { set: p.ranges.map(portJson) });
const payload = (protocol: string, field: string) => ({ payload: { protocol, field } });
const eq = (left: Json, right: Json) => ({ match: { op: '==', left, right } });

function matchJson(m: Match): Json[] {
  switch (m.kind) {
    case 'ct-state':
      return [{ match: { op: 'in', left: { ct: { key: 'state' } }, right: [...m.states] } }];
    case 'addr-set':
      return [eq(payload(L3[m.family], m.dir), `@${m.set}`)];
    case 'proto-ports': {
      const proto = eq({ meta: { key: 'l4proto' } }, m.protocol.toLowerCase());
      return m.ports.isAll() ? [proto] : [proto, eq(payload('th', 'dport'), portsJson(m.ports))];
    }
    case 'concat-set':
      return [eq({ concat: [payload(L3[m.family], m.dir), { meta: { key: 'l4proto' } }, payload('th', 'dport')] }, `@${m.set}`)];
    case 'vmap':
      return [{ vmap: { key: payload(L3[m.family], m.dir), data: `@${m.map}` } }];
  }
}

function ruleJson(chain: string, r: NftRule): Json {
  const expr = r.matches.flatMap(matchJson);
  if (r.verdict) expr.push({ [r.verdict]: null });
  if (r.jump) expr.push({ jump: { target: r.jump } });
  return { rule: { ...T, chain, ...(r.comment ? { comment: r.comment } : {}), expr } };
}

function setJson(s: NftSet): Json {
  const type = s.kind === 'addr' ? ADDR_TYPE[s.family] : [ADDR_TYPE[s.family], 'inet_proto', 'inet_service'];
  const elem =
    s.kind === 'addr'
      ? s.ranges.map((r) => addrJson(s.family, r))
      : s.elements.map((e) => ({ concat: [addrJson(s.family, e.range), e.protocol.toLowerCase(), portJson(e.ports)] }));
  return { set: { ...T, name: s.name, type, flags: ['interval'], comment: s.comment, ...(elem.length ? { elem } : {}) } };
}

/** The ruleset as a libnftables JSON document that atomically replaces `table inet netpol`. */
export function renderJson(rs: Ruleset): { nftables: Json[] } {
  const table = { family: TABLE_FAMILY, name: TABLE_NAME };
  const cmds: Json[] = [
    { metainfo: { json_schema_version: 1 } },
    { add: { table } },
    { delete: { table } },
    { add: { table: { ...table, comment: rs.comment } } },
  ];
  for (const s of rs.sets) cmds.push({ add: setJson(s) });
  for (const c of rs.chains) {
    const base = c.base ? { type: 'filter', hook: c.base.hook, prio: c.base.priority, policy: c.base.policy } : {};
    cmds.push({ add: { chain: { ...T, name: c.name, ...base } } });
  }
  for (const m of rs.maps) {
    const elem = m.entries.map((e) => [formatIp(m.family, e.addr), { jump: { target: e.chain } }]);
    cmds.push({ add: { map: { ...T, name: m.name, type: ADDR_TYPE[m.family], map: 'verdict', comment: m.comment, ...(elem.length ? { elem } : {}) } } });
  }
  for (const c of rs.chains) for (const r of c.rules) cmds.push({ add: ruleJson(c.name, r) });
  return { nftables: cmds };
}
