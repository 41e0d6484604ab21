// `netpol audit`: runs every rule of the catalogue over a cluster and applies the config.
import type { Finding, AuditInput, AuditResult, RuleContext, Severity } from './types.js';
import { SEVERITIES, severityRank } from './types.js';
import { findRule, RULES } from './catalogue.js';
import { effectiveConfig } from './config.js';
import { namespaceDefaultDeny, podIsolation } from './rules-isolation.js';
import { peersMatchingNothing, peersOrInsteadOfAnd, policiesSelectingNothing } from './rules-selectors.js';
import { everyPeerRules, everyPodPeers, internetWideIpBlocks, sensitiveNamespaceOpen } from './rules-broad.js';
import { brokenPorts } from './rules-ports.js';
import { dnsAllowance } from './rules-dns.js';
import { redundancy } from './rules-redundancy.js';
import { hostNetworkPods, manifestMistakes } from './rules-misc.js';

export * from './types.js';
export { RULES, findRule } from './catalogue.js';
export { DEFAULT_CONFIG, effectiveConfig, parseAuditConfig, type ParsedConfig } from './config.js';
export * from './pivot.js';

/** Each check with the rule ids it may produce (so disabled rules cost nothing). */
const CHECKS: readonly [readonly string[], (ctx: RuleContext) => Finding[]][] = [
  [['NP101', 'NP102'], namespaceDefaultDeny],
  [['NP103', 'NP104'], podIsolation],
  [['NP201'], peersMatchingNothing],
  [['NP202'], policiesSelectingNothing],
  [['NP203'], peersOrInsteadOfAnd],
  [['NP301', 'NP302'], everyPeerRules],
  [['NP303'], internetWideIpBlocks],
  [['NP304'], sensitiveNamespaceOpen],
  [['NP305'], everyPodPeers],
  [['NP401', 'NP402'], brokenPorts],
  [['NP501', 'NP502'], dnsAllowance],
  [['NP601', 'NP602'], redundancy],
  [['NP701'], hostNetworkPods],
  [['NP801'], manifestMistakes],
];

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export function compareFindings(a: Finding, b: Finding): number {
  return (
    severityRank(b.severity) - severityRank(a.severity) ||
    cmp(a.source?.file ?? '', b.source?.file ?? '') ||
    (a.source?.line ?? 0) - (b.source?.line ?? 0) ||
    cmp(a.ruleId, b.ruleId) ||
    cmp(a.resource, b.resource) ||
    cmp(a.path, b.path) ||
    cmp(a.message, b.message)
  );
}

export function runAudit(input: AuditInput): AuditResult {
  const config = effectiveConfig(input.config);
  const disabled = new Set(config.disable.map((k) => findRule(k)?.id).filter((x): x is string => x !== undefined));
  const ctx: RuleContext = {
    cluster: input.cluster,
    engine: input.engineFactory(input.cluster),
    engineFactory: input.derivedEngineFactory ?? input.engineFactory,
    config,
    problems: input.problems ?? [],
    notes: [],
  };
  const findings: Finding[] = [];
  for (const [ids, check] of CHECKS) {
    if (ids.every((id) => disabled.has(id))) continue;
    findings.push(...check(ctx).filter((f) => !disabled.has(f.ruleId)));
  }
  findings.sort(compareFindings);
  dropImplied(findings);
  const summary = Object.fromEntries(SEVERITIES.map((s) => [s, findings.filter((f) => f.severity === s).length])) as Record<Severity, number>;
  return { findings, notes: ctx.notes, summary };
}

/**
 * A rule whose peer matches nothing (NP201) or whose named port resolves nowhere (NP401/NP402) is
 * redundant as a consequence; the cause is the finding worth reading, so NP601 is dropped there.
 */
function dropImplied(findings: Finding[]): void {
  const causes = findings.filter((f) => f.ruleId === 'NP201' || f.ruleId === 'NP401' || f.ruleId === 'NP402');
  for (let i = findings.length - 1; i >= 0; i--) {
    const f = findings[i]!;
    if (f.ruleId === 'NP601' && causes.some((c) => c.resource === f.resource && c.path.startsWith(`${f.path}.`))) findings.splice(i, 1);
  }
}

/** `--fail-on`: true when a finding at or above `level` exists. */
export function failsAt(result: AuditResult, level: Severity): boolean {
  return result.findings.some((f) => severityRank(f.severity) >= severityRank(level));
}

export const ruleCount = RULES.length;
