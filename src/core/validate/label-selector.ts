// ValidateLabelSelector, ValidateLabels (k8s.io/apimachinery/pkg/apis/meta/v1/validation).
import { isRecord } from '../parse/manifests.js';
import type { PathSeg } from '../parse/yaml-docs.js';
import type { Findings } from './field-errors.js';
import { isQualifiedName, isValidLabelValue } from './names.js';

/** ValidateLabels: every key is a qualified name, every value a label value. Path is the map's. */
export function validateLabels(f: Findings, labels: unknown, path: PathSeg[]): void {
  if (!isRecord(labels)) return;
  for (const [k, v] of Object.entries(labels)) {
    for (const m of isQualifiedName(k)) f.invalid(path, k, m, [...path, k], true);
    if (typeof v !== 'string') continue;
    for (const m of isValidLabelValue(v)) f.invalid(path, v, m, [...path, k]);
  }
}

/** ValidateLabelSelector: matchLabels plus each requirement's operator, values and key. */
export function validateLabelSelector(f: Findings, sel: unknown, path: PathSeg[]): void {
  if (!isRecord(sel)) return;
  validateLabels(f, sel.matchLabels, [...path, 'matchLabels']);
  const exprs = Array.isArray(sel.matchExpressions) ? sel.matchExpressions : [];
  exprs.forEach((e, i) => {
    if (!isRecord(e)) return;
    const p = [...path, 'matchExpressions', i];
    const values = Array.isArray(e.values) ? e.values : [];
    const op = e.operator;
    if (op === 'In' || op === 'NotIn') {
      if (values.length === 0) f.required([...p, 'values'], "must be specified when `operator` is 'In' or 'NotIn'");
    } else if (op === 'Exists' || op === 'DoesNotExist') {
      if (values.length > 0) f.forbidden([...p, 'values'], "may not be specified when `operator` is 'Exists' or 'DoesNotExist'");
    } else {
      f.invalid([...p, 'operator'], typeof op === 'string' ? op : '', 'not a valid selector operator');
    }
    const key = typeof e.key === 'string' ? e.key : '';
    for (const m of isQualifiedName(key)) f.invalid([...p, 'key'], key, m);
    values.forEach((v, j) => {
      if (typeof v !== 'string') return;
      for (const m of isValidLabelValue(v)) f.invalid([...p, 'values', j], v, m);
    });
  });
}
