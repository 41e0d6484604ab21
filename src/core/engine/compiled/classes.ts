// Pod equivalence classes: pods alike in namespace, labels, hostNetwork, named-port map and
// ipBlock membership get the same answer from every policy, so the engine works per class.
import type { ContainerPort, Labels, Pod } from '../../model/types.js';
import type { IpBlockScope } from '../types.js';
import type { IpIndex } from './ip-index.js';

export interface PodClass {
  readonly id: number;
  readonly key: string;
  readonly ns: string;
  readonly labels: Labels;
  readonly hostNetwork: boolean;
  readonly ports: readonly ContainerPort[];
  /** Classes with the same container-port map share named-port resolutions. */
  readonly portGroup: number;
  /** ipBlock ids containing at least one IP of the class's pods (scope "all" only). */
  readonly blocks: readonly number[];
  readonly pods: Pod[];
}

const labelsKey = (l: Labels): string => {
  const ks = Object.keys(l).sort();
  let s = '';
  for (const k of ks) s += `${k}=${l[k]}\u0001`;
  return s;
};
export const portsKey = (ps: readonly ContainerPort[]): string =>
  ps
    .map((p) => `${p.name ?? ''}/${p.protocol}/${p.containerPort}`)
    .sort()
    .join(',');

/** ipBlock membership of a pod: the union over its IPs (a pending pod has none). */
export function podBlocks(pod: Pod, index: IpIndex, scope: IpBlockScope): readonly number[] {
  if (scope === 'external' || pod.ips.length === 0 || index.blocks.length === 0) return [];
  if (pod.ips.length === 1) return index.lookup(pod.ips[0]!);
  const s = new Set<number>();
  for (const ip of pod.ips) for (const b of index.lookup(ip)) s.add(b);
  return [...s].sort((a, b) => a - b);
}

export class ClassTable {
  readonly classes: PodClass[] = [];
  readonly byKey = new Map<string, PodClass>();
  readonly byNs = new Map<string, number[]>();
  readonly portGroups = new Map<string, number>();
  /** Container ports of each port group. */
  readonly groupPorts: (readonly ContainerPort[])[] = [];
  /** Pod object → class (queries find their pods by identity). */
  readonly byPod = new Map<Pod, number>();
  /** Pod → class, by "ns/name". */
  readonly podClass = new Map<string, number>();

  constructor(
    private readonly index: IpIndex,
    private readonly scope: IpBlockScope,
  ) {}

  keyOf(pod: Pod): { key: string; blocks: readonly number[]; pk: string } {
    const blocks = podBlocks(pod, this.index, this.scope);
    const pk = portsKey(pod.ports);
    return { key: `${pod.namespace}\u0000${pod.hostNetwork ? 1 : 0}\u0000${labelsKey(pod.labels)}\u0000${pk}\u0000${blocks.join(',')}`, blocks, pk };
  }

  /** Adds a pod; returns its class and whether the class is new. */
  add(pod: Pod): { cls: PodClass; created: boolean } {
    const { key, blocks, pk } = this.keyOf(pod);
    let cls = this.byKey.get(key);
    let created = false;
    if (!cls) {
      let pg = this.portGroups.get(pk);
      if (pg === undefined) {
        this.portGroups.set(pk, (pg = this.portGroups.size));
        this.groupPorts.push(pod.ports);
      }
      cls = { id: this.classes.length, key, ns: pod.namespace, labels: pod.labels, hostNetwork: pod.hostNetwork, ports: pod.ports, portGroup: pg, blocks, pods: [] };
      this.classes.push(cls);
      this.byKey.set(key, cls);
      let l = this.byNs.get(pod.namespace);
      if (!l) this.byNs.set(pod.namespace, (l = []));
      l.push(cls.id);
      created = true;
    }
    cls.pods.push(pod);
    this.byPod.set(pod, cls.id);
    this.podClass.set(`${pod.namespace}/${pod.name}`, cls.id);
    return { cls, created };
  }

  remove(ns: string, name: string): PodClass | undefined {
    const id = this.podClass.get(`${ns}/${name}`);
    if (id === undefined) return undefined;
    const cls = this.classes[id]!;
    const i = cls.pods.findIndex((p) => p.namespace === ns && p.name === name);
    if (i >= 0) this.byPod.delete(cls.pods.splice(i, 1)[0]!);
    this.podClass.delete(`${ns}/${name}`);
    return cls;
  }
}
