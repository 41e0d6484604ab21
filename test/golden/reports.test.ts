// Golden files for every analyze and diff format, on the demo and on np-guard corpus cases.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { runCli } from '../conformance/np-guard-run.js';
import { expectGolden } from './golden.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DEMO = path.join(ROOT, 'examples/demo');
const CORPUS = path.resolve(ROOT, '../shared/conformance/np-guard');
const corpusPresent = fs.existsSync(CORPUS);
if (!corpusPresent) console.warn(`golden corpus cases SKIPPED: ${CORPUS} not found`);

const schema = (name: string) => JSON.parse(fs.readFileSync(path.join(ROOT, 'docs/schema', name), 'utf8'));
const ajv = new Ajv({ allErrors: true });
ajv.addSchema(schema('analyze.schema.json'));
const validAnalyze = ajv.getSchema('https://netpol.dev/schema/analyze.schema.json')!;
const validDiff = ajv.compile(schema('diff.schema.json'));

async function run(args: string[]): Promise<string> {
  const r = await runCli(args);
  expect(r.code, r.stderr).toBe(0);
  return r.stdout;
}

describe('analyze on the demo: every format', () => {
  for (const [format, extra] of [['text', ['--matrix']], ['json', []], ['csv', []], ['md', []], ['dot', []], ['summary', []]] as const) {
    it(format, async () => {
      const out = await run(['analyze', DEMO, '--format', format, ...extra]);
      expectGolden(`demo.${format}`, out);
      if (format === 'json') expect(validAnalyze(JSON.parse(out)), JSON.stringify(validAnalyze.errors)).toBe(true);
    });
  }
  it('pod level, text without matrix', async () => {
    expectGolden('demo-pod.text', await run(['analyze', DEMO, '--level', 'pod', '--no-matrix']));
  });
});

describe.skipIf(!corpusPresent)('analyze on np-guard cases', () => {
  const np = ['--level', 'workload', '--ipblock-scope', 'external'];
  const minimal = () => path.join(CORPUS, 'netpol-analysis-example-minimal/input');
  const ipblock = () => path.join(CORPUS, 'semanticDiff-different-topologies-policy-a-with-ipblock/input');
  for (const format of ['json', 'csv', 'md', 'dot'] as const) {
    it(`netpol-analysis-example-minimal ${format}`, async () => {
      const out = await run(['analyze', minimal(), ...np, '--format', format]);
      expectGolden(`minimal.${format}`, out);
      if (format === 'json') expect(validAnalyze(JSON.parse(out)), JSON.stringify(validAnalyze.errors)).toBe(true);
    });
  }
  it('ipBlock case json, uniform blocks (IPv4 and IPv6)', async () => {
    const out = await run(['analyze', ipblock(), '--level', 'workload', '--format', 'json']);
    expectGolden('ipblock-uniform.json', out);
    expect(validAnalyze(JSON.parse(out)), JSON.stringify(validAnalyze.errors)).toBe(true);
  });
});

describe.skipIf(!corpusPresent)('diff: every format', () => {
  const oldDir = () => path.join(CORPUS, 'semanticDiff-different-topologies-policy-a-with-ipblock/input');
  const newDir = () => path.join(CORPUS, 'semanticDiff-different-topologies-policy-b-with-ipblock/input');
  for (const format of ['text', 'json', 'md', 'csv'] as const) {
    it(`policy-a → policy-b (with ipblock) ${format}`, async () => {
      const out = await run(['diff', oldDir(), newDir(), '--ipblock-scope', 'external', '--format', format]);
      expectGolden(`diff-topologies-a-b.${format}`, out);
      if (format === 'json') expect(validDiff(JSON.parse(out)), JSON.stringify(validDiff.errors)).toBe(true);
    });
  }
  it('demo without its policies (comma-separated NEW), text', async () => {
    const files = ['namespaces.yaml', 'frontend.yaml', 'backend.yaml', 'default.yaml'].map((f) => path.join(DEMO, f)).join(',');
    const out = await run(['diff', DEMO, files]);
    expectGolden('diff-demo-no-policies.text', out);
  });
});
