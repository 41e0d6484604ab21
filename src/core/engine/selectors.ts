// Label selectors: the one place that decides whether a metav1.LabelSelector matches labels.
// Upstream: k8s.io/apimachinery/pkg/labels (LabelSelectorAsSelector) — matchLabels and
// matchExpressions combine by AND; an empty selector `{}` matches everything.
import type { LabelSelector, LabelSelectorRequirement, Labels } from '../model/types.js';

/** One requirement. NotIn and DoesNotExist match when the key is absent (labels.Requirement.Matches). */
export function matchesRequirement(req: LabelSelectorRequirement, labels: Labels): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, req.key);
  const value = has ? labels[req.key] : undefined;
  switch (req.operator) {
    case 'In':
      return has && req.values.includes(value as string);
    case 'NotIn':
      return !has || !req.values.includes(value as string);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
  }
}

/** True when every matchLabels pair and every matchExpressions requirement holds. */
export function matchesSelector(sel: LabelSelector, labels: Labels): boolean {
  for (const [k, v] of Object.entries(sel.matchLabels)) {
    if (!Object.prototype.hasOwnProperty.call(labels, k) || labels[k] !== v) return false;
  }
  return sel.matchExpressions.every((r) => matchesRequirement(r, labels));
}

/** True for `{}`: selects every pod (or namespace). */
export function isEmptySelector(sel: LabelSelector): boolean {
  return Object.keys(sel.matchLabels).length === 0 && sel.matchExpressions.length === 0;
}

/** kubectl-style text: `app=db,tier in (a,b),!legacy`; `{}` prints as "all". */
export function formatSelector(sel: LabelSelector): string {
  if (isEmptySelector(sel)) return 'all';
  const parts = Object.entries(sel.matchLabels).map(([k, v]) => `${k}=${v}`);
  for (const r of sel.matchExpressions) {
    if (r.operator === 'In') parts.push(`${r.key} in (${r.values.join(',')})`);
    else if (r.operator === 'NotIn') parts.push(`${r.key} notin (${r.values.join(',')})`);
    else if (r.operator === 'Exists') parts.push(r.key);
    else parts.push(`!${r.key}`);
  }
  return parts.join(',');
}

/** `{a=b, c=d}` for messages. */
export function formatLabels(labels: Labels): string {
  const e = Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${e.map(([k, v]) => `${k}=${v}`).join(', ')}}`;
}
