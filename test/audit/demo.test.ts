// `netpol audit examples/demo` and `netpol pivot examples/demo`: golden files (UPDATE_GOLDEN=1 rewrites
// them), plus the truths the report must contain: the demo's documented mistakes (examples/demo/README.md).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const golden = (name: string) => fileURLToPath(new URL(`./golden/${name}`, import.meta.url));

async function run(...args: string[]): Promise<{ code: number; stdout: string }> {
  let stdout = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => { stdout += String(s); return true; });
  const e = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  const cwd = process.cwd();
  try {
    process.chdir(ROOT); // relative file names in the report, and no stray .netpol.yaml
    process.exitCode = undefined;
    return { code: await main(['node', 'netpol', ...args]), stdout };
  } finally {
    process.chdir(cwd);
    o.mockRestore();
    e.mockRestore();
    process.exitCode = undefined;
  }
}

function checkGolden(name: string, actual: string): void {
  const file = golden(name);
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(file)) {
    if (process.env.CI && !existsSync(file)) throw new Error(`golden file ${name} is missing`);
    writeFileSync(file, actual);
  }
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

beforeEach(() => { process.env.NO_COLOR = '1'; });
afterEach(() => { delete process.env.NO_COLOR; });

describe('audit examples/demo', () => {
  it('text report (golden) with the documented mistakes', async () => {
    const r = await run('audit', 'examples/demo', '--config', 'test/audit/fixtures/empty-config.yaml');
    expect(r.code).toBe(0);
    checkGolden('demo-audit.txt', r.stdout);
    // Mistake 1: namespaceSelector name=backend → suggest kubernetes.io/metadata.name.
    expect(r.stdout).toMatch(/NP201 peer-matches-nothing {2}NetworkPolicy frontend\/allow-api-to-web {2}examples\/demo\/policies\/frontend\.yaml:\d+ spec\.ingress\[0\]\.from\[0\]\.namespaceSelector/);
    expect(r.stdout).toContain('kubernetes.io/metadata.name: backend');
    // Mistake 2: frontend has no default deny; static is open.
    expect(r.stdout).toContain('NP101 namespace-no-default-deny-ingress  Namespace frontend');
    expect(r.stdout).toContain('NP103 pod-not-isolated-ingress  Deployment frontend/static');
    // Mistake 3: backend denies egress, DNS included.
    expect(r.stdout).toContain('NP501 egress-deny-blocks-dns  Pod backend/api');
    // Mistake 4: nothing in default is isolated.
    expect(r.stdout).toContain('NP103 pod-not-isolated-ingress  Pod default/client');
    // backend has its default deny: no NP101 there.
    expect(r.stdout).not.toContain('Namespace backend');
  });
  it('sarif and --fail-on high', async () => {
    const r = await run('audit', 'examples/demo', '--config', 'test/audit/fixtures/empty-config.yaml', '-f', 'sarif', '--fail-on', 'high');
    expect(r.code).toBe(1);
    checkGolden('demo-audit.sarif', r.stdout);
  });
  it('pivot from the debugging client (golden)', async () => {
    const r = await run('pivot', 'examples/demo', '--from', 'default/client', '--config', 'test/audit/fixtures/empty-config.yaml');
    expect(r.code).toBe(0);
    checkGolden('demo-pivot.txt', r.stdout);
  });
});
