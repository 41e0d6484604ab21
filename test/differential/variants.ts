// Variants of generated cases for features the base generator leaves out (kept separate so that
// campaign seeds stay reproducible): CIDRs with host bits set (Go ParseCIDR masks them), IPv6
// pods, and IPv6 ipBlocks whose except covers one of them.
import { clone, type GenCase, type Obj } from './case.js';

const HOST_BITS: Record<string, string> = { '10.0.0.0/24': '10.0.0.13/24', '192.168.0.0/16': '192.168.7.9/16', '10.0.0.0/16': '10.0.3.3/16' };

export function withV6AndHostBits(c: GenCase, addV6Rule: boolean): GenCase {
  const pods = c.pods.map((p, j) => (j % 3 === 0 ? { ...p, ip: `fd00::${(10 + j).toString(16)}` } : p));
  const policies = clone(c.policies).map((p) => {
    const s = JSON.stringify(p).replace(/"cidr":"([^"]+)"/g, (m, cidr: string) => (HOST_BITS[cidr] ? `"cidr":"${HOST_BITS[cidr]}"` : m));
    const out = JSON.parse(s) as Obj;
    if (addV6Rule) {
      const spec = out.spec as Obj;
      const rule = { from: [{ ipBlock: { cidr: 'fd00::/112', except: ['fd00::a/127'] } }] };
      spec.ingress = [...((spec.ingress as Obj[] | undefined) ?? []), rule];
    }
    return out;
  });
  return { ...c, pods, policies };
}
