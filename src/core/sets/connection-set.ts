// A set of (protocol, port) pairs: what one endpoint may open to another.
import { PROTOCOLS, type Protocol } from '../model/types.js';
import { PortSet, type PortRange } from './port-set.js';

export interface ProtocolPorts {
  readonly protocol: Protocol;
  readonly ports: PortRange[];
}

export class ConnectionSet {
  private constructor(private readonly byProto: Readonly<Record<Protocol, PortSet>>) {}

  static readonly NONE = new ConnectionSet({ TCP: PortSet.EMPTY, UDP: PortSet.EMPTY, SCTP: PortSet.EMPTY });
  static readonly ALL = new ConnectionSet({ TCP: PortSet.ALL, UDP: PortSet.ALL, SCTP: PortSet.ALL });

  static of(protocol: Protocol, ports: PortSet): ConnectionSet {
    if (ports.isEmpty()) return ConnectionSet.NONE;
    return new ConnectionSet({ ...ConnectionSet.NONE.byProto, [protocol]: ports });
  }

  static fromJSON(list: readonly ProtocolPorts[]): ConnectionSet {
    let out = ConnectionSet.NONE;
    for (const e of list) out = out.union(ConnectionSet.of(e.protocol, PortSet.of(e.ports)));
    return out;
  }

  ports(protocol: Protocol): PortSet {
    return this.byProto[protocol];
  }

  has(protocol: Protocol, port: number): boolean {
    return this.byProto[protocol].has(port);
  }

  isEmpty(): boolean {
    return PROTOCOLS.every((p) => this.byProto[p].isEmpty());
  }

  isAll(): boolean {
    return PROTOCOLS.every((p) => this.byProto[p].isAll());
  }

  private zip(o: ConnectionSet, f: (a: PortSet, b: PortSet) => PortSet): ConnectionSet {
    return new ConnectionSet({
      TCP: f(this.byProto.TCP, o.byProto.TCP),
      UDP: f(this.byProto.UDP, o.byProto.UDP),
      SCTP: f(this.byProto.SCTP, o.byProto.SCTP),
    });
  }

  union(o: ConnectionSet): ConnectionSet {
    if (o.isEmpty() || this.isAll()) return this;
    if (this.isEmpty() || o.isAll()) return o;
    return this.zip(o, (a, b) => a.union(b));
  }

  intersect(o: ConnectionSet): ConnectionSet {
    if (this.isEmpty() || o.isAll()) return this;
    if (o.isEmpty() || this.isAll()) return o;
    return this.zip(o, (a, b) => a.intersect(b));
  }

  subtract(o: ConnectionSet): ConnectionSet {
    if (o.isEmpty() || this.isEmpty()) return this;
    return this.zip(o, (a, b) => a.subtract(b));
  }

  equals(o: ConnectionSet): boolean {
    return PROTOCOLS.every((p) => this.byProto[p].equals(o.byProto[p]));
  }

  /** JSON contract order: TCP, UDP, SCTP; empty protocols omitted. */
  toJSON(): ProtocolPorts[] {
    return PROTOCOLS.filter((p) => !this.byProto[p].isEmpty()).map((p) => ({
      protocol: p,
      ports: this.byProto[p].toJSON(),
    }));
  }

  /** `TCP 80,443,UDP 53` in the JSON order; "All Connections" when everything is open. */
  toString(): string {
    if (this.isAll()) return 'All Connections';
    if (this.isEmpty()) return 'No Connections';
    return this.toJSON()
      .map((e) => `${e.protocol} ${PortSet.of(e.ports).toString()}`)
      .join(',');
  }

  /** netpol-analyzer's text: protocols sorted SCTP < TCP < UDP. */
  toAnalyzerString(): string {
    if (this.isAll()) return 'All Connections';
    const order: Protocol[] = ['SCTP', 'TCP', 'UDP'];
    return order
      .filter((p) => !this.byProto[p].isEmpty())
      .map((p) => `${p} ${this.byProto[p].toString()}`)
      .join(',');
  }
}
