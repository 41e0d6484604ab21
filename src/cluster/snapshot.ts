// A live cluster's modelled objects as YAML (as `kubectl get -o yaml`, without managedFields),
// one multi-document text per resource, for offline use by every command.
import { stringify } from 'yaml';
import type { ResourceList } from './fetch.js';

export interface SnapshotFile {
  /** `<plural>.yaml`, e.g. `networkpolicies.yaml`. */
  readonly name: string;
  readonly text: string;
  readonly count: number;
}

const key = (o: { metadata?: Record<string, unknown> }) => `${String(o.metadata?.namespace ?? '')}/${String(o.metadata?.name ?? '')}`;

/** Sorted by namespace/name so that two snapshots of the same cluster diff cleanly. */
export function snapshotFiles(lists: readonly ResourceList[]): SnapshotFile[] {
  return lists
    .filter((l) => l.items.length > 0)
    .map((l) => {
      const items = [...l.items].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
      return { name: `${l.resource.plural}.yaml`, text: items.map((i) => stringify(i, { lineWidth: 0 })).join('---\n'), count: items.length };
    });
}

/** Everything in one stream (for `--out -`). */
export function snapshotStream(files: readonly SnapshotFile[]): string {
  return files.map((f) => f.text).join('---\n');
}
