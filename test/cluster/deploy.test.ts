// deploy/agent/ must pass netpol's own validation and grant exactly what the agent lists and watches.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { AGENT_RESOURCES } from '../../src/cluster/resources.js';
import { runCli } from './run-cli.js';

const DIR = fileURLToPath(new URL('../../deploy/agent/', import.meta.url));

describe('deploy/agent', () => {
  it('validates cleanly', async () => {
    const r = await runCli('validate', DIR);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/valid: 2 file\(s\)/);
  });

  it('lets the agent get, list and watch every resource it watches', () => {
    const docs = parseAllDocuments(readFileSync(`${DIR}/rbac.yaml`, 'utf8')).map((d) => d.toJS() as { kind: string; metadata: { name: string }; rules?: { apiGroups: string[]; resources: string[]; verbs: string[] }[] });
    const role = docs.find((d) => d.kind === 'ClusterRole' && d.metadata.name === 'netpol-agent')!;
    for (const res of AGENT_RESOURCES) {
      const group = res.apiVersion.includes('/') ? res.apiVersion.split('/')[0]! : '';
      const rule = role.rules!.find((x) => x.apiGroups.includes(group) && x.resources.includes(res.plural));
      expect(rule?.verbs.sort()).toEqual(['get', 'list', 'watch']);
    }
  });
});
