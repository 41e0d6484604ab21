// Audit settings: defaults, and reading the `audit:` section of `.netpol.yaml` (already parsed
// by the CLI) into an AuditConfig with problems for anything unknown.
import type { Problem } from '../../model/types.js';
import { findRule } from './catalogue.js';
import { SEVERITIES, type AuditConfig, type Severity } from './types.js';

export const DEFAULT_CONFIG: AuditConfig = {
  disable: [],
  severity: {},
  sensitiveNamespaces: ['kube-system'],
  sensitiveLabels: {},
  ignoreNamespaces: ['kube-system', 'kube-public', 'kube-node-lease'],
  targetLabels: [
    'app=db', 'app=database', 'app=postgres', 'app=postgresql', 'app=mysql', 'app=mariadb', 'app=mongodb',
    'app=mongo', 'app=redis', 'app=etcd', 'app=cassandra', 'app=elasticsearch', 'tier=db', 'tier=database',
    'role=db', 'role=database', 'app.kubernetes.io/component=database',
  ],
  maxRedundancyQueries: 10_000_000,
};

const KEYS = ['disable', 'severity', 'sensitiveNamespaces', 'sensitiveLabels', 'ignoreNamespaces', 'targetLabels', 'maxRedundancyQueries', 'failOn'];

export interface ParsedConfig {
  readonly config: Partial<AuditConfig>;
  readonly failOn?: Severity;
  readonly problems: Problem[];
}

const isStrList = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reads the `audit` section (an object) of .netpol.yaml. `file` is for messages. */
export function parseAuditConfig(section: unknown, file: string): ParsedConfig {
  const problems: Problem[] = [];
  const bad = (path: string, message: string): void => {
    problems.push({ code: 'invalid-config', severity: 'error', message, path, source: { file, line: 1, column: 1 } });
  };
  if (section === undefined || section === null) return { config: {}, problems };
  if (!isObj(section)) {
    bad('audit', 'must be a mapping');
    return { config: {}, problems };
  }
  const config: { -readonly [K in keyof AuditConfig]?: AuditConfig[K] } = {};
  let failOn: Severity | undefined;
  for (const [k, v] of Object.entries(section)) {
    const path = `audit.${k}`;
    if (!KEYS.includes(k)) bad(path, `unknown field "${k}" (one of ${KEYS.join(', ')})`);
    else if (k === 'disable') {
      if (!isStrList(v)) bad(path, 'must be a list of rule ids or names');
      else {
        v.filter((x) => !findRule(x)).forEach((x) => bad(path, `unknown rule "${x}"`));
        config.disable = v;
      }
    } else if (k === 'severity') {
      if (!isObj(v)) bad(path, 'must map rule ids or names to low|medium|high');
      else {
        const sev: Record<string, Severity> = {};
        for (const [r, s] of Object.entries(v)) {
          if (!findRule(r)) bad(`${path}.${r}`, `unknown rule "${r}"`);
          else if (typeof s !== 'string' || !SEVERITIES.includes(s as Severity)) bad(`${path}.${r}`, 'must be low, medium or high');
          else sev[r] = s as Severity;
        }
        config.severity = sev;
      }
    } else if (k === 'sensitiveNamespaces' || k === 'ignoreNamespaces' || k === 'targetLabels') {
      if (!isStrList(v)) bad(path, 'must be a list of strings');
      else config[k] = v;
    } else if (k === 'sensitiveLabels') {
      if (!isObj(v) || !Object.values(v).every((x) => typeof x === 'string')) bad(path, 'must map label keys to string values');
      else config.sensitiveLabels = v as Record<string, string>;
    } else if (k === 'maxRedundancyQueries') {
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) bad(path, 'must be a non-negative integer');
      else config.maxRedundancyQueries = v;
    } else if (k === 'failOn') {
      if (typeof v !== 'string' || !SEVERITIES.includes(v as Severity)) bad(path, 'must be low, medium or high');
      else failOn = v as Severity;
    }
  }
  return failOn === undefined ? { config, problems } : { config, failOn, problems };
}

export function effectiveConfig(partial: Partial<AuditConfig> = {}): AuditConfig {
  const merged = { ...DEFAULT_CONFIG, ...partial };
  // kube-system is always sensitive: it runs the cluster's control components.
  const sensitive = [...new Set(['kube-system', ...merged.sensitiveNamespaces])];
  // Rules may be named by id, name or "id-name", in any case: key overrides by id.
  const severity = Object.fromEntries(Object.entries(merged.severity).map(([k, v]) => [findRule(k)?.id ?? k, v]));
  return { ...merged, sensitiveNamespaces: sensitive, severity };
}
