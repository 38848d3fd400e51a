import type { Command } from 'commander';
import { loadProxyConfig, type ProxyConfig } from '../../proxy/proxy-config.ts';
import { startProxy } from '../../proxy/server.ts';
import { workerCount } from '../../proxy/workers/worker-count.ts';
import { parseDuration } from '../duration-option.ts';
import { execWithProxyNodeFlags } from '../proxy-node-flags.ts';
import { holdSignals } from '../startup-signals.ts';

interface ProxyOptions {
  config: string;
  check?: boolean;
  workers?: string;
  pollInterval: string;
}

export function register(program: Command): void {
  program
    .command('proxy')
    .description('run the builtin PostgreSQL proxy (pooling, load balancing, admin console, metrics)')
    .requiredOption('--config <source>', 'proxy config: a JSON or YAML file, or ssm:<parameter name> on AWS (see proxy/README.md)')
    .option('--check', 'validate the config and exit')
    .option('--workers <n|auto>', 'event loops (threads) sharing the listen port, pools, admin views and metrics; overrides the config\'s `workers`')
    .option('--poll-interval <duration>', 'with --config ssm:…, how often to look for a new parameter version', '30s')
    .action(async (options: ProxyOptions) => {
      if (!options.check) execWithProxyNodeFlags();
      const configPollMs = parseDuration(options.pollInterval, '--poll-interval');
      const config = await loadProxyConfig(options.config); // ProxyConfigError carries a clear message for runCli
      const workers = options.workers === undefined ? workerCount(config.workers, 'workers:') : workerCount(options.workers, '--workers');
      if (options.check) {
        process.stdout.write(`${options.config}: ok (${config.backends.length} backends, ${config.users.length} users, ${config.pool.mode} pooling, ${workers} workers)\n`);
        return;
      }
      const signals = holdSignals();
      let running: Running;
      try {
        running = await startRunning({ configPath: options.config, config, configPollMs }, workers);
      } finally {
        signals.release(); // to the proxy's own handlers, installed by now, or (the start failed) to nobody
      }
      await running.stopped;
    });
}

interface Running {
  /** Settles once a signal (or the admin console) stopped the proxy. */
  stopped: Promise<void>;
}

/** Starts the proxy, or its worker supervisor, and installs its signal handlers. */
async function startRunning(start: { configPath: string; config: ProxyConfig; configPollMs: number }, workers: number): Promise<Running> {
  if (workers === 1) return { stopped: (await startProxy(start)).handleSignals() };
  // The supervisor brings prom-client's aggregator and the thread machinery: loaded only when there are workers.
  const { WorkerSupervisor } = await import('../../proxy/workers/supervisor.ts');
  return { stopped: (await WorkerSupervisor.start({ ...start, workers })).handleSignals() };
}
