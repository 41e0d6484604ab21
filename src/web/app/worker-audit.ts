// Audit findings for the Audit view. The audit runner (src/core/analysis/audit) is wired here once
// it exists; until then the view says the audit is unavailable.
import type { Engine } from '../../core/engine/types.js';
import type { ViewFinding } from './protocol.js';

export function auditFindings(_engine: Engine): readonly ViewFinding[] | undefined {
  return undefined;
}
