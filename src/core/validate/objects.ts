// ObjectMeta and the pod/service fields netpol reads (ValidateObjectMeta, ValidateContainerPorts, ...).
import { WORKLOAD_KINDS, type WorkloadKind } from '../model/types.js';
import { isRecord } from '../parse/manifests.js';
import type { PathSeg } from '../parse/yaml-docs.js';
import { parseIp } from '../sets/ip-set.js';
import { showValue, type Findings } from './field-errors.js';
import { validateLabels } from './label-selector.js';
import { isDns1035Label, isDns1123Label, isDns1123Subdomain, isValidPortName, isValidPortNum } from './names.js';

const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** Name rule per kind: Namespace = DNS-1123 label, Service = DNS-1035 label, the rest DNS-1123 subdomain. */
function nameRule(kind: string): (v: string) => string[] {
  if (kind === 'Namespace') return isDns1123Label;
  if (kind === 'Service') return isDns1035Label;
  return isDns1123Subdomain;
}

/**
 * ValidateObjectMeta: name required; namespace a DNS-1123 label; labels valid (errors).
 * A malformed name is only a warning: the API server rejects it, but it changes no policy meaning,
 * and offline tools (np-guard's corpus) accept such names. `validate --strict` makes it fatal.
 */
export function validateMeta(f: Findings, kind: string, meta: unknown, path: PathSeg[] = ['metadata']): void {
  const m = isRecord(meta) ? meta : {};
  const name = typeof m.name === 'string' ? m.name : '';
  if (path.length === 1) {
    if (name === '') f.required([...path, 'name'], 'name or generateName is required');
    else for (const msg of nameRule(kind)(name)) f.warn([...path, 'name'], 'invalid-name', `Invalid value: ${showValue(name)}: ${msg}`);
    if (kind !== 'Namespace' && typeof m.namespace === 'string' && m.namespace !== '') {
      for (const msg of isDns1123Label(m.namespace)) f.invalid([...path, 'namespace'], m.namespace, msg);
    }
  }
  validateLabels(f, m.labels, [...path, 'labels']);
}

/**
 * ValidateContainerPorts (containerPort range, protocol, IANA name). Warnings: netpol reads pods to
 * resolve named ports, not to admit them; a bad entry is left out of the model.
 */
export function validatePodSpec(f: Findings, spec: unknown, path: PathSeg[]): void {
  const s = isRecord(spec) ? spec : {};
  const bad = (p: PathSeg[], msg: string): void => f.warn(p, 'invalid-container-port', `${msg} (this port is ignored)`);
  for (const key of ['containers', 'initContainers']) {
    arr(s[key]).forEach((c, i) => {
      if (!isRecord(c)) return;
      arr(c.ports).forEach((port, j) => {
        if (!isRecord(port)) return;
        const p = [...path, key, i, 'ports', j];
        if (typeof port.containerPort === 'number') {
          for (const m of isValidPortNum(port.containerPort)) bad([...p, 'containerPort'], `Invalid value: ${port.containerPort}: ${m}`);
        } else bad([...p, 'containerPort'], 'Required value');
        if (typeof port.name === 'string' && port.name !== '') {
          for (const m of isValidPortName(port.name)) bad([...p, 'name'], `Invalid value: ${showValue(port.name)}: ${m}`);
        }
        const proto = port.protocol;
        if (typeof proto === 'string' && !['TCP', 'UDP', 'SCTP'].includes(proto)) {
          bad([...p, 'protocol'], `Unsupported value: ${showValue(proto)}: supported values: "SCTP", "TCP", "UDP"`);
        }
      });
    });
  }
}

const IP_INVALID = 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)';

export function validatePodStatus(f: Findings, status: unknown): void {
  const s = isRecord(status) ? status : {};
  if (typeof s.podIP === 'string' && s.podIP !== '' && !parseIp(s.podIP)) f.invalid(['status', 'podIP'], s.podIP, IP_INVALID);
  arr(s.podIPs).forEach((e, i) => {
    const ip = isRecord(e) ? e.ip : undefined;
    if (typeof ip === 'string' && !parseIp(ip)) f.invalid(['status', 'podIPs', i, 'ip'], ip, IP_INVALID);
  });
}

export function validateService(f: Findings, spec: unknown): void {
  const s = isRecord(spec) ? spec : {};
  arr(s.ports).forEach((port, i) => {
    if (!isRecord(port)) return;
    const p = ['spec', 'ports', i];
    if (typeof port.port === 'number') for (const m of isValidPortNum(port.port)) f.invalid([...p, 'port'], port.port, m);
    const proto = port.protocol;
    if (typeof proto === 'string' && !['TCP', 'UDP', 'SCTP'].includes(proto)) f.notSupported([...p, 'protocol'], proto, ['SCTP', 'TCP', 'UDP']);
  });
  validateLabels(f, s.selector, ['spec', 'selector']);
}

export const isWorkloadKind = (k: string): k is WorkloadKind => (WORKLOAD_KINDS as readonly string[]).includes(k);
