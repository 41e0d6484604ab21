// Validation of one raw object: upstream's API-server rules (errors) and likely mistakes (warnings).
import type { Problem } from '../model/types.js';
import { templatePath } from '../parse/convert.js';
import { isRecord, type RawObject } from '../parse/manifests.js';
import { Findings } from './field-errors.js';
import { validateNetworkPolicySpec } from './network-policy.js';
import { isWorkloadKind, validateMeta, validatePodSpec, validatePodStatus, validateService } from './objects.js';
import { checkSchema, SCHEMAS } from './schema.js';

export { formatProblem } from './format.js';
export * from './names.js';

function dig(v: unknown, path: readonly (string | number)[]): unknown {
  let cur = v;
  for (const k of path) cur = isRecord(cur) ? cur[k as string] : undefined;
  return cur;
}

/** Problems of one object of a modelled kind. Type errors stop the semantic checks (they would only repeat). */
export function validateObject(obj: RawObject): Problem[] {
  const f = new Findings(obj);
  const kind = obj.kind;
  const schema = SCHEMAS[kind] ?? (kind === 'CronJob' ? SCHEMAS.CronJob : isWorkloadKind(kind) ? SCHEMAS.Workload : undefined);
  if (schema && !checkSchema(f, schema, obj.value, [])) return f.problems;
  validateMeta(f, kind, obj.value.metadata);
  const v = obj.value;
  if (kind === 'NetworkPolicy') validateNetworkPolicySpec(f, v.spec);
  else if (kind === 'Pod') {
    validatePodSpec(f, v.spec, ['spec']);
    validatePodStatus(f, v.status);
  } else if (kind === 'Service') validateService(f, v.spec);
  else if (isWorkloadKind(kind)) {
    const t = templatePath(kind);
    validateMeta(f, kind, dig(v, [...t, 'metadata']), [...t, 'metadata']);
    validatePodSpec(f, dig(v, [...t, 'spec']), [...t, 'spec']);
  }
  return f.problems;
}
