// Reads `.netpol.yaml` (default: in the current directory; `--config FILE`) for audit and pivot.
// Only its `audit:` section is read here; other sections belong to other commands.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { parseDocument } from 'yaml';
import { parseAuditConfig, type ParsedConfig } from '../core/analysis/audit/config.js';
import { badInput } from './errors.js';

export const DEFAULT_CONFIG_FILE = '.netpol.yaml';

export interface LoadedAuditConfig extends ParsedConfig {
  /** The file read, or undefined when there was none. */
  readonly file?: string;
}

/** Reads the config; a missing default file is fine, a missing `--config` file or any problem is exit 2. */
export function loadAuditConfig(explicit?: string): LoadedAuditConfig {
  const file = explicit ?? path.join(process.cwd(), DEFAULT_CONFIG_FILE);
  if (!existsSync(file)) {
    if (explicit !== undefined) throw badInput(`netpol: --config: no such file: ${explicit}`);
    return { config: {}, problems: [] };
  }
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw badInput(`netpol: cannot read config ${file}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const shown = explicit ?? DEFAULT_CONFIG_FILE;
  const doc = parseDocument(text);
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    const line = e.linePos?.[0]?.line ?? 1;
    throw badInput(`${shown}:${line}: invalid YAML: ${e.message.split('\n')[0]}`);
  }
  const data: unknown = doc.toJS();
  if (data !== null && data !== undefined && (typeof data !== 'object' || Array.isArray(data))) {
    throw badInput(`${shown}:1: the config must be a mapping with an "audit:" section`);
  }
  const parsed = parseAuditConfig((data as Record<string, unknown> | null)?.audit, shown);
  const errors = parsed.problems.filter((p) => p.severity === 'error');
  if (errors.length > 0) {
    throw badInput(errors.map((p) => `${shown}: ${p.path}: ${p.message}`).join('\n'));
  }
  return { ...parsed, file: shown };
}
