// Positions for the Graph view from ELK (layered, left to right, namespaces as nested boxes),
// computed in ELK's own Web Worker (elk-worker.min.js, shipped as a same-origin asset) so that a
// costly layout never freezes the page. Returns the centre of every leaf node, as Cytoscape expects.
import * as api from 'elkjs/lib/elk-api.js';
import type { ELK as ElkApi, ELKConstructorArguments, ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api.js';
import elkWorkerUrl from 'elkjs/lib/elk-worker.min.js?url';
import type { GraphModel } from './views/graph-model.js';

// elk-api.js is CommonJS: its constructor is the default export or the module itself.
type ElkCtor = new (args?: ELKConstructorArguments) => ElkApi;
const Ctor = ((api as unknown as { default?: ElkCtor }).default ?? (api as unknown as ElkCtor));
let elk: ElkApi | undefined;
const layoutEngine = (): ElkApi => (elk ??= new Ctor({ workerFactory: () => new Worker(elkWorkerUrl, { name: 'netpol-layout' }) }));

export interface NodeSize {
  readonly width: number;
  readonly height: number;
}

export async function elkPositions(
  model: GraphModel,
  size: (id: string) => NodeSize,
  aspectRatio = 1.6,
): Promise<Map<string, { x: number; y: number }>> {
  const kids = new Map<string, ElkNode[]>();
  const top: ElkNode[] = [];
  const parents = new Set(model.nodes.filter((n) => n.parent).map((n) => n.parent!));
  for (const n of model.nodes) {
    const node: ElkNode = parents.has(n.id)
      ? { id: n.id, layoutOptions: { 'elk.padding': '[top=34,left=14,bottom=14,right=14]' } }
      : { id: n.id, ...size(n.id) };
    if (n.parent) kids.set(n.parent, [...(kids.get(n.parent) ?? []), node]);
    else top.push(node);
  }
  for (const n of top) if (kids.has(n.id)) n.children = kids.get(n.id)!;
  for (const list of kids.values()) for (const n of list) if (kids.has(n.id)) n.children = kids.get(n.id)!;
  const edges: ElkExtendedEdge[] = model.edges
    .filter((e) => e.source !== e.target)
    .map((e) => ({ id: e.id, sources: [e.source], targets: [e.target] }));
  const graph: ElkNode = {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'DOWN',
      'elk.aspectRatio': String(aspectRatio),
      'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
      'elk.layered.spacing.nodeNodeBetweenLayers': '70',
      'elk.spacing.nodeNode': '25',
    },
    children: top,
    edges,
  };
  const result = { graph: await layoutEngine().layout(graph) };
  // ELK positions are top-left corners relative to the parent; Cytoscape wants absolute centres.
  const out = new Map<string, { x: number; y: number }>();
  const walk = (n: ElkNode, ox: number, oy: number): void => {
    const x = ox + (n.x ?? 0);
    const y = oy + (n.y ?? 0);
    if (n.children?.length) for (const c of n.children) walk(c, x, y);
    else out.set(n.id, { x: x + (n.width ?? 0) / 2, y: y + (n.height ?? 0) / 2 });
  };
  for (const c of result.graph.children ?? []) walk(c, 0, 0);
  return out;
}
