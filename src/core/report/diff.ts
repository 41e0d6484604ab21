// Diff reports: text, json, md, csv.
import type { ConnectivityDiff } from '../analysis/diff.js';
import type { AnalysisEndpoint } from '../analysis/types.js';
import type { ConnectionSet } from '../sets/connection-set.js';
import { endpointJson } from './json.js';
import { csvField, mdCell } from './table.js';
import { displayName } from './text.js';

export const DIFF_FORMATS = ['text', 'json', 'md', 'csv'] as const;
export type DiffFormat = (typeof DIFF_FORMATS)[number];

interface Row {
  change: 'added' | 'removed' | 'changed';
  src: string;
  dst: string;
  before: string;
  after: string;
}

const conns = (s: ConnectionSet | undefined): string => (s ? s.toAnalyzerString() : 'No Connections');

function rows(d: ConnectivityDiff): Row[] {
  const name = (id: string) => displayName(d.endpoints.get(id)!);
  return [
    ...d.added.map((c) => ({ change: 'added' as const, src: name(c.from), dst: name(c.to), before: conns(undefined), after: conns(c.allowed) })),
    ...d.removed.map((c) => ({ change: 'removed' as const, src: name(c.from), dst: name(c.to), before: conns(c.allowed), after: conns(undefined) })),
    ...d.changed.map((c) => ({ change: 'changed' as const, src: name(c.from), dst: name(c.to), before: conns(c.before), after: conns(c.after) })),
  ];
}

const epRows = (d: ConnectivityDiff): [string, AnalysisEndpoint][] => [
  ...d.endpointsAdded.map((e) => ['added', e] as [string, AnalysisEndpoint]),
  ...d.endpointsRemoved.map((e) => ['removed', e] as [string, AnalysisEndpoint]),
];

export function formatDiff(d: ConnectivityDiff, format: DiffFormat): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(
        {
          endpoints: { added: d.endpointsAdded.map(endpointJson), removed: d.endpointsRemoved.map(endpointJson) },
          connections: {
            added: d.added.map((c) => ({ from: c.from, to: c.to, allowed: c.allowed.toJSON() })),
            removed: d.removed.map((c) => ({ from: c.from, to: c.to, allowed: c.allowed.toJSON() })),
            changed: d.changed.map((c) => ({ from: c.from, to: c.to, before: c.before.toJSON(), after: c.after.toJSON() })),
          },
        },
        null,
        2,
      )}\n`;
    case 'csv': {
      const lines = [['diff', 'src', 'dst', 'before', 'after']];
      for (const [change, e] of epRows(d)) lines.push([`endpoint ${change}`, displayName(e), '', '', '']);
      for (const r of rows(d)) lines.push([r.change, r.src, r.dst, r.before, r.after]);
      return `${lines.map((l) => l.map(csvField).join(',')).join('\n')}\n`;
    }
    case 'md': {
      const lines = ['| diff | src | dst | before | after |', '|------|-----|-----|--------|-------|'];
      for (const [change, e] of epRows(d)) lines.push(`| endpoint ${change} | ${mdCell(displayName(e))} | | | |`);
      for (const r of rows(d)) lines.push(`| ${[r.change, r.src, r.dst, r.before, r.after].map(mdCell).join(' | ')} |`);
      return `${lines.join('\n')}\n`;
    }
    case 'text': {
      const lines: string[] = [];
      for (const [change, e] of epRows(d)) lines.push(`${change === 'added' ? '+' : '-'} endpoint ${displayName(e)}`);
      for (const r of rows(d)) {
        if (r.change === 'added') lines.push(`+ ${r.src} => ${r.dst} : ${r.after}`);
        else if (r.change === 'removed') lines.push(`- ${r.src} => ${r.dst} : ${r.before}`);
        else lines.push(`~ ${r.src} => ${r.dst} : ${r.before} -> ${r.after}`);
      }
      return lines.length === 0 ? 'no differences\n' : `${lines.join('\n')}\n`;
    }
  }
}
