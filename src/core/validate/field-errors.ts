// field.ErrorList in TypeScript: upstream's error shapes (k8s.io/apimachinery/pkg/util/validation/field).
import type { Problem } from '../model/types.js';
import { fieldProblem, type RawObject } from '../parse/manifests.js';
import type { PathSeg } from '../parse/yaml-docs.js';

/** Go's %q for strings, %v for numbers and booleans. */
export function showValue(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v === null || v === undefined) return 'null';
  return JSON.stringify(v);
}

/** Collects problems about one object; `at` (optional) is where to point when it differs from `path`. */
export class Findings {
  readonly problems: Problem[] = [];
  constructor(readonly obj: RawObject) {}

  private push(path: readonly PathSeg[], code: string, sev: Problem['severity'], msg: string, at?: readonly PathSeg[], key = false): void {
    const p = fieldProblem(this.obj, path, code, sev, msg, key);
    this.problems.push(at ? { ...p, source: fieldProblem(this.obj, at, code, sev, msg, key).source ?? this.obj.source } : p);
  }

  invalid(path: readonly PathSeg[], value: unknown, detail: string, at?: readonly PathSeg[], key = false): void {
    this.push(path, 'invalid-value', 'error', `Invalid value: ${showValue(value)}${detail ? `: ${detail}` : ''}`, at, key);
  }
  /** Invalid with the value already rendered (Go's %#v of a slice, for instance). */
  invalidShown(path: readonly PathSeg[], shown: string, detail: string): void {
    this.push(path, 'invalid-value', 'error', `Invalid value: ${shown}: ${detail}`);
  }
  required(path: readonly PathSeg[], detail = ''): void {
    this.push(path, 'required-value', 'error', `Required value${detail ? `: ${detail}` : ''}`);
  }
  forbidden(path: readonly PathSeg[], detail: string): void {
    this.push(path, 'forbidden', 'error', `Forbidden: ${detail}`);
  }
  notSupported(path: readonly PathSeg[], value: unknown, supported: readonly string[]): void {
    const list = supported.map((s) => JSON.stringify(s)).join(', ');
    this.push(path, 'unsupported-value', 'error', `Unsupported value: ${showValue(value)}: supported values: ${list}`);
  }
  invalidType(path: readonly PathSeg[], got: string, expected: string, hint = ''): void {
    this.push(path, 'invalid-type', 'error', `Invalid type: got "${got}", expected "${expected}"${hint}`);
  }
  warn(path: readonly PathSeg[], code: string, msg: string, key = false): void {
    this.push(path, code, 'warning', msg, undefined, key);
  }
  get hasErrors(): boolean {
    return this.problems.some((p) => p.severity === 'error');
  }
}
