// Greedy shrinking: delete one piece at a time (a policy, a rule, a peer, a port, a selector term,
// a label, a pod, a namespace, an address) while the case still fails the predicate.
import { clone, type GenCase, type Json, type Obj } from './case.js';

type Path = (string | number)[];

/** Every path in a JSON value whose deletion keeps the document shaped like a manifest. */
function deletablePaths(x: Json, path: Path, out: Path[]): void {
  if (Array.isArray(x)) {
    x.forEach((v, i) => {
      out.push([...path, i]);
      deletablePaths(v, [...path, i], out);
    });
  } else if (x !== null && typeof x === 'object') {
    for (const [k, v] of Object.entries(x)) {
      if (!(path.length === 0 && ['apiVersion', 'kind', 'metadata', 'spec'].includes(k))) out.push([...path, k]);
      if (k !== 'metadata') deletablePaths(v, [...path, k], out);
    }
  }
}

function deleteAt(root: Json, path: Path): Json {
  const copy = clone(root);
  let cur: Json = copy;
  for (const seg of path.slice(0, -1)) cur = (cur as Record<string | number, Json>)[seg] as Json;
  const last = path[path.length - 1];
  if (Array.isArray(cur) && typeof last === 'number') cur.splice(last, 1);
  else if (cur !== null && typeof cur === 'object' && typeof last === 'string') delete (cur as Obj)[last];
  return copy;
}

function* candidates(c: GenCase): Generator<GenCase> {
  for (let i = 0; i < c.policies.length; i++) yield { ...c, policies: c.policies.filter((_, j) => j !== i) };
  for (let i = 0; i < c.pods.length; i++) yield { ...c, pods: c.pods.filter((_, j) => j !== i) };
  for (let i = 0; i < c.externals.length; i++) yield { ...c, externals: c.externals.filter((_, j) => j !== i) };
  const usedNs = new Set([...c.pods.map((p) => p.namespace), ...c.policies.map((p) => String((p.metadata as Obj).namespace))]);
  for (let i = 0; i < c.namespaces.length; i++) {
    const n = c.namespaces[i];
    if (n && !usedNs.has(n.name)) yield { ...c, namespaces: c.namespaces.filter((_, j) => j !== i) };
  }
  for (let i = 0; i < c.policies.length; i++) {
    const pol = c.policies[i] as Obj;
    const paths: Path[] = [];
    deletablePaths(pol, [], paths);
    // Shallow paths first: dropping a whole rule beats dropping its parts one by one.
    paths.sort((a, b) => a.length - b.length);
    for (const p of paths) yield { ...c, policies: c.policies.map((q, j) => (j === i ? (deleteAt(pol, p) as Obj) : q)) };
  }
  for (let i = 0; i < c.pods.length; i++) {
    const pod = c.pods[i];
    if (!pod) continue;
    for (const k of Object.keys(pod.labels)) {
      const labels = { ...pod.labels };
      delete labels[k];
      yield { ...c, pods: c.pods.map((q, j) => (j === i ? { ...pod, labels } : q)) };
    }
    for (let k = 0; k < pod.ports.length; k++) yield { ...c, pods: c.pods.map((q, j) => (j === i ? { ...pod, ports: pod.ports.filter((_, m) => m !== k) } : q)) };
  }
  for (let i = 0; i < c.namespaces.length; i++) {
    const n = c.namespaces[i];
    if (!n) continue;
    for (const k of Object.keys(n.labels)) {
      const labels = { ...n.labels };
      delete labels[k];
      yield { ...c, namespaces: c.namespaces.map((q, j) => (j === i ? { ...n, labels } : q)) };
    }
  }
}

/** Smallest case reachable by single deletions for which `fails` still holds. `budget` caps predicate calls. */
export function shrink(c: GenCase, fails: (c: GenCase) => boolean, budget = 2000): { c: GenCase; steps: number; calls: number } {
  let cur = c;
  let steps = 0;
  let calls = 0;
  for (let progress = true; progress && calls < budget; ) {
    progress = false;
    for (const cand of candidates(cur)) {
      if (++calls > budget) break;
      if (fails(cand)) {
        cur = cand;
        steps++;
        progress = true;
        break;
      }
    }
  }
  return { c: cur, steps, calls };
}
