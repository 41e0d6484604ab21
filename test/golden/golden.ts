// Golden files of netpol's own reports. `UPDATE_GOLDEN=1 npx vitest run test/golden` rewrites
// them; files under ../shared are never written.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

export const GOLDEN_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'files');
export const UPDATE = process.env.UPDATE_GOLDEN === '1';

export function expectGolden(name: string, actual: string): void {
  const file = path.join(GOLDEN_DIR, name);
  if (!file.startsWith(GOLDEN_DIR + path.sep)) throw new Error(`golden file outside ${GOLDEN_DIR}: ${name}`);
  if (UPDATE) {
    fs.writeFileSync(file, actual);
    return;
  }
  if (!fs.existsSync(file)) throw new Error(`missing golden file ${file}: run UPDATE_GOLDEN=1 npx vitest run test/golden`);
  expect(actual).toBe(fs.readFileSync(file, 'utf8'));
}
