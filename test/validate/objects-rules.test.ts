// ObjectMeta, pod, workload and service checks (the fields netpol reads), with upstream's text.
import { describe, expect, it } from 'vitest';
import { loadCluster } from '../../src/core/parse/index.js';
import { isDns1035Label, isDns1123Label, isDns1123Subdomain } from '../../src/core/validate/names.js';

const problems = (text: string) => loadCluster([{ file: 'o.yaml', text }]).problems.map((p) => `${p.severity} ${p.path}: ${p.message}`);

describe('name formats', () => {
  it('DNS-1123 label, subdomain and DNS-1035 label', () => {
    expect(isDns1123Label('my-name')).toEqual([]);
    expect(isDns1123Label('x'.repeat(64))).toEqual(['must be no more than 63 characters']);
    expect(isDns1123Subdomain('a.b-c.d')).toEqual([]);
    expect(isDns1123Subdomain('a'.repeat(254))[0]).toBe('must be no more than 253 characters');
    expect(isDns1035Label('1abc')).toEqual([
      "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
    ]);
  });
  it('per kind: Namespace = DNS-1123 label, Service = DNS-1035 label (warnings)', () => {
    expect(problems('kind: Namespace\nmetadata: {name: a.b}\n')[0]).toMatch(/^warning metadata\.name: Invalid value: "a\.b": a lowercase RFC 1123 label/);
    expect(problems('kind: Service\nmetadata: {name: 1svc}\n')[0]).toMatch(/^warning metadata\.name: Invalid value: "1svc": a DNS-1035 label/);
    expect(problems('kind: Deployment\nmetadata: {name: a.b}\n')).toEqual([]);
  });
});

describe('pods and workloads', () => {
  it('container ports: number, protocol and IANA name; bad entries are warned about and left out', () => {
    const text = `kind: Pod
metadata: {name: p}
spec:
  containers:
  - name: c
    ports: [{containerPort: 0}, {containerPort: 80, protocol: ICMP}, {containerPort: 81, name: Web_1}, {name: x}, {containerPort: 82, name: ok}]
`;
    expect(problems(text)).toEqual([
      'warning spec.containers[0].ports[0].containerPort: Invalid value: 0: must be between 1 and 65535, inclusive (this port is ignored)',
      'warning spec.containers[0].ports[1].protocol: Unsupported value: "ICMP": supported values: "SCTP", "TCP", "UDP" (this port is ignored)',
      'warning spec.containers[0].ports[2].name: Invalid value: "Web_1": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-) (this port is ignored)',
      'warning spec.containers[0].ports[3].containerPort: Required value (this port is ignored)',
    ]);
    const pod = loadCluster([{ file: 'o.yaml', text }]).cluster.pods[0]!;
    expect(pod.ports).toEqual([{ name: 'ok', containerPort: 82, protocol: 'TCP' }]);
  });
  it('pod IPs must be IP addresses', () => {
    expect(problems('kind: Pod\nmetadata: {name: p}\nstatus: {podIP: 10.0.0.300, podIPs: [{ip: "fd00::1"}, {ip: nope}]}\n')).toEqual([
      'error status.podIP: Invalid value: "10.0.0.300": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)',
      'error status.podIPs[1].ip: Invalid value: "nope": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)',
    ]);
  });
  it('workload templates: labels and ports are checked at the template path (CronJob too)', () => {
    const text = `kind: CronJob
metadata: {name: c}
spec:
  jobTemplate:
    spec:
      template:
        metadata: {labels: {"a b": x}}
        spec: {containers: [{name: c, ports: [{containerPort: 70000}]}]}
`;
    expect(problems(text)).toEqual([
      `error spec.jobTemplate.spec.template.metadata.labels: Invalid value: "a b": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`,
      'warning spec.jobTemplate.spec.template.spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive (this port is ignored)',
    ]);
  });
});

describe('services', () => {
  it('ports and protocols; selector labels', () => {
    expect(problems('kind: Service\nmetadata: {name: s}\nspec: {selector: {"x/y/z": a}, ports: [{port: 0, protocol: HTTP}]}\n')).toEqual([
      `error spec.selector: Invalid value: "x/y/z": a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
      'error spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive',
      'error spec.ports[0].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"',
    ]);
  });
});
