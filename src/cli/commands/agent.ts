// `netpol agent --node NODE [--kubeconfig F] [--context C] [--dry-run] [--interval S] [--metrics ADDR]`:
// watch the cluster and keep this node's nftables ruleset current (docs/live-cluster.md).
import process from 'node:process';
import { Option, type Command } from 'commander';
import type { IpBlockScope } from '../../core/engine/types.js';
import { badInput } from '../errors.js';
import { err, out } from '../output.js';

interface Flags {
  node?: string;
  kubeconfig?: string;
  context?: string;
  dryRun?: boolean;
  interval: string;
  metrics: string;
  ipblockScope: IpBlockScope;
  netns?: string;
}

export function register(program: Command): void {
  program
    .command('agent')
    .description('Run on a node: watch namespaces, pods and network policies, and keep the node\'s nftables ruleset current (root).')
    .option('--node <node>', 'the node whose pods to enforce (default: $NODE_NAME)')
    .option('--kubeconfig <file>', 'kubeconfig (default: $KUBECONFIG, ~/.kube/config, then the in-cluster service account)')
    .option('--context <name>', 'kubeconfig context')
    .option('--dry-run', 'print each new ruleset to stdout instead of loading it')
    .option('--interval <seconds>', 'wait this long after a change for more before recompiling', '1')
    .option('--metrics <addr>', 'loopback HOST:PORT for /healthz and /metrics (off: "")', '127.0.0.1:9090')
    .option('--netns <name>', 'apply inside this network namespace (ip netns; a lab node) instead of the host')
    .addOption(new Option('--ipblock-scope <scope>', 'all: ipBlocks match pod IPs too (upstream); external').choices(['all', 'external']).default('all'))
    .action(async (f: Flags) => {
      const node = f.node ?? process.env.NODE_NAME;
      if (!node) throw badInput('netpol: agent: give --node NODE (or set NODE_NAME, e.g. from the downward API)');
      const interval = Number(f.interval);
      if (!Number.isFinite(interval) || interval < 0 || interval > 3600) throw badInput(`netpol: --interval: want seconds between 0 and 3600, got "${f.interval}"`);
      const { parseListen, serveMetrics } = await import('../../cluster/metrics.js');
      const listen = f.metrics === '' ? undefined : parseListen(f.metrics);
      if (f.metrics !== '' && !listen) throw badInput(`netpol: --metrics: want a loopback HOST:PORT such as 127.0.0.1:9090, got "${f.metrics}"`);
      let apply: (text: string) => Promise<void>;
      if (f.dryRun) {
        apply = async (text) => out(`# ruleset for node ${node} at ${new Date().toISOString()}\n${text}`);
      } else {
        const { nftAvailable } = await import('../../enforce/exec.js');
        const cap = await nftAvailable();
        if (!cap.ok) throw badInput(`netpol: agent needs nft as root (or use --dry-run): ${cap.why}`);
        const { applyRuleset } = await import('../../enforce/apply.js');
        apply = (text) => applyRuleset(text, f.netns !== undefined ? { netns: f.netns } : {});
      }
      const { loadKubeConfig } = await import('../../cluster/kubeconfig.js');
      const { Agent } = await import('../../cluster/agent.js');
      let kc;
      try {
        kc = loadKubeConfig({ ...(f.kubeconfig !== undefined ? { kubeconfig: f.kubeconfig } : {}), ...(f.context !== undefined ? { context: f.context } : {}) });
      } catch (e) {
        throw badInput(`netpol: ${(e as Error).message}`);
      }
      const agent = new Agent(kc, { node, intervalMs: interval * 1000, ipBlockScope: f.ipblockScope, apply, log: err });
      const server = listen ? await serveMetrics(agent, listen.host, listen.port) : undefined;
      agent.start();
      err(`netpol agent: node ${node}, API server ${kc.getCurrentCluster()?.server ?? '?'}${listen ? `, metrics on http://${f.metrics}/metrics` : ''}${f.dryRun ? ', dry run' : ''}`);
      // Runs until SIGINT/SIGTERM; the loaded rules stay (pods stay protected while the agent restarts).
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      await agent.stop();
      server?.close();
      err('netpol agent: stopped; the loaded ruleset stays');
    });
}
