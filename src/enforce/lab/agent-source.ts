// The per-pod lab agent, written to a temporary .cjs file and run inside the pod's network
// namespace (`ip netns exec NS node agent.cjs CONFIG`). It serves every container port on TCP and
// UDP, and takes probe requests (JSON lines) on a unix socket: unix sockets live in the file system,
// not in a network namespace, so the lab driver reaches every agent from outside.
export const AGENT_SOURCE = String.raw`'use strict';
const net = require('node:net');
const dgram = require('node:dgram');
const fs = require('node:fs');
const cfg = JSON.parse(process.argv[2]);
const servers = [];
for (const port of cfg.ports) {
  const t = net.createServer((s) => { s.on('error', () => {}); s.end('netpol-lab ' + cfg.id + '\n'); });
  t.on('error', (e) => console.error('tcp', port, e.message));
  t.listen(port, '0.0.0.0');
  servers.push(t);
  const u = dgram.createSocket('udp4');
  u.on('message', (m, r) => u.send(m, r.port, r.address));
  u.on('error', (e) => console.error('udp', port, e.message));
  u.bind(port, '0.0.0.0');
  servers.push(u);
}
function probe(req, done) {
  let finished = false;
  const finish = (result) => { if (!finished) { finished = true; clearTimeout(timer); cleanup(); done(result); } };
  let cleanup = () => {};
  const timer = setTimeout(() => finish('timeout'), req.timeoutMs);
  if (req.protocol === 'TCP') {
    const s = net.connect({ host: req.ip, port: req.port });
    cleanup = () => s.destroy();
    s.on('connect', () => finish('connected'));
    s.on('error', (e) => finish(e.code === 'ECONNREFUSED' ? 'refused' : 'error:' + e.code));
  } else {
    const s = dgram.createSocket('udp4');
    cleanup = () => { try { s.close(); } catch {} };
    s.on('message', () => finish('connected'));
    s.on('error', (e) => finish(e.code === 'ECONNREFUSED' ? 'refused' : 'error:' + e.code));
    s.connect(req.port, req.ip, () => s.send('probe ' + cfg.id));
  }
}
try { fs.unlinkSync(cfg.socket); } catch {}
const ctl = net.createServer((c) => {
  let buf = '';
  c.on('error', () => {});
  c.on('data', (d) => {
    buf += d;
    let i;
    while ((i = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, i); buf = buf.slice(i + 1);
      const req = JSON.parse(line);
      if (req.op === 'ping') c.write(JSON.stringify({ id: req.id, result: 'pong' }) + '\n');
      else if (req.op === 'exit') { c.end(); process.exit(0); }
      else probe(req, (result) => c.write(JSON.stringify({ id: req.id, result }) + '\n'));
    }
  });
});
ctl.listen(cfg.socket);
process.on('SIGTERM', () => process.exit(0));
`;

/**
 * Sends one crafted SCTP INIT per (destination, port) over a raw IP socket (python3). The kernel has
 * no SCTP stack, so the receiving pod counts arrivals with an nft dynamic set instead of a socket.
 */
export const SCTP_SENDER_SOURCE = String.raw`import socket, struct, sys, json, random
def crc32c(data):
    crc = 0xffffffff
    for b in data:
        crc ^= b
        for _ in range(8):
            crc = (crc >> 1) ^ (0x82f63b78 if crc & 1 else 0)
    return crc ^ 0xffffffff
s = socket.socket(socket.AF_INET, socket.SOCK_RAW, 132)
for ip, port in json.loads(sys.argv[1]):
    init = struct.pack('!BBHIIHHI', 1, 0, 20, random.randint(1, 2**32 - 1), 65535, 1, 1, random.randint(0, 2**32 - 1))
    hdr = struct.pack('!HHII', random.randint(32768, 60999), port, 0, 0)
    pkt = bytearray(hdr + init)
    struct.pack_into('<I', pkt, 8, crc32c(pkt))
    s.sendto(bytes(pkt), (ip, 0))
`;
