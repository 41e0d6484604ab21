// The campaign driver's bookkeeping: every probe is counted once, as agreement, a class, or unclassified.
import { describe, expect, it } from 'vitest';
import { runCampaign, summaryMarkdown } from './campaign.js';
import { peerBinary } from './peers/paths.js';

const bin = peerBinary('cyclonus-shim');
if (!bin.path) console.warn(`differential: SKIPPING campaign driver test: ${bin.why}`);

describe.skipIf(!bin.path)('differential campaign', () => {
  it('accounts for every probe and renders the summary', () => {
    const s = runCampaign('assistant', 3, 12, { batch: 5 });
    expect(s.cases).toBe(12);
    const classified = Object.values(s.classes).reduce((n, k) => n + k.probes, 0);
    expect(s.agreeingProbes + classified + s.unclassifiedProbes).toBe(s.probes);
    expect(s.agreeingCases + s.failures.length).toBeLessThanOrEqual(12);
    const md = summaryMarkdown(s);
    expect(md).toContain(`| assistant | 3 | 12 | ${s.agreeingCases} `);
    for (const id of Object.keys(s.classes)) expect(md).toContain(`| ${id} |`);
  }, 300_000);
});
