import { describe, expect, it } from 'vitest';
import { analyzeDiff, isEmptyDiff } from '../../src/core/analysis/diff.js';
import { createEngine } from '../../src/core/engine/index.js';
import { formatDiff } from '../../src/core/report/diff.js';
import { cluster, ipb, pod, podPeer, policy, rule, tcp } from './model.js';

const pods = () => [pod('x', 'a', { app: 'a' }), pod('x', 'b', { app: 'b' }), pod('x', 'c', { app: 'c' })];
const diff = (before: ReturnType<typeof cluster>, after: ReturnType<typeof cluster>) =>
  analyzeDiff(createEngine(before), createEngine(after), { level: 'pod' });

describe('diff', () => {
  it('is empty for the same cluster', () => {
    const c = cluster(pods(), [policy('x', 'p', { app: 'b' }, { ingress: [rule([podPeer({ app: 'a' })], [tcp(80)])] })]);
    const d = diff(c, c);
    expect(isEmptyDiff(d)).toBe(true);
    expect(formatDiff(d, 'text')).toBe('no differences\n');
  });

  it('finds added, removed and changed connections with the sets before and after', () => {
    const before = cluster(pods(), [policy('x', 'p', { app: 'b' }, { ingress: [rule([podPeer({ app: 'a' })], [tcp(80)])] })]);
    const after = cluster(pods(), [policy('x', 'p', { app: 'b' }, { ingress: [rule([podPeer({ app: 'a' })], [tcp(80), tcp(443)]), rule([podPeer({ app: 'c' })], [tcp(80)])] })]);
    const d = diff(before, after);
    expect(d.changed.map((c) => `${c.from}>${c.to}: ${c.before.toString()} -> ${c.after.toString()}`)).toEqual(['x/a>x/b: TCP 80 -> TCP 80,443']);
    expect(d.added.map((c) => `${c.from}>${c.to}: ${c.allowed.toString()}`)).toEqual(['x/c>x/b: TCP 80']);
    expect(d.removed).toEqual([]);
    expect(isEmptyDiff(d)).toBe(false);
    const text = formatDiff(d, 'text');
    expect(text).toContain('~ x/a => x/b : TCP 80 -> TCP 80,443');
    expect(text).toContain('+ x/c => x/b : TCP 80');
    // and back: added becomes removed
    const back = diff(after, before);
    expect(back.removed.map((c) => `${c.from}>${c.to}`)).toEqual(['x/c>x/b']);
  });

  it('finds endpoints added and removed, and lines external blocks up across versions', () => {
    const before = cluster(pods(), [policy('x', 'p', { app: 'b' }, { ingress: [rule([ipb('10.0.0.0/8')])] })]);
    const after = cluster([...pods().slice(0, 2), pod('x', 'd')], [policy('x', 'p', { app: 'b' }, { ingress: [rule([ipb('10.0.0.0/16')])] })]);
    const d = diff(before, after);
    expect(d.endpointsAdded.map((e) => e.id)).toEqual(['x/d']);
    expect(d.endpointsRemoved.map((e) => e.id)).toEqual(['x/c']);
    // 10.1.0.0-10.255.255.255 could reach b before, not after: one block on both sides
    expect(d.removed.map((c) => `${c.from}>${c.to}`)).toContain('10.1.0.0-10.255.255.255>x/b');
    expect(d.added.map((c) => `${c.from}>${c.to}`)).not.toContain('10.0.0.0-10.0.255.255>x/b');
    const csv = formatDiff(d, 'csv').split('\n');
    expect(csv[0]).toBe('diff,src,dst,before,after');
    expect(csv).toContain('endpoint added,x/d,,,');
    expect(csv).toContain('removed,10.1.0.0-10.255.255.255[External],x/b,All Connections,No Connections');
  });
});
