import cluster from 'node:cluster';
import type { Command } from 'commander';
import { loadProxyConfig } from '../../proxy/proxy-config.ts';
import { startProxy } from '../../proxy/server.ts';
import { parseDuration } from '../duration-option.ts';

interface ProxyOptions {
  config: string;
  check?: boolean;
  workers: string;
  pollInterval: string;
}

export function register(program: Command): void {
  program
    .command('proxy')
    .description('run the builtin PostgreSQL proxy (pooling, load balancing, admin console, metrics)')
    .requiredOption('--config <source>', 'proxy config: a JSON or YAML file, or ssm:<parameter name> on AWS (see proxy/README.md)')
    .option('--check', 'validate the config and exit')
    .option('--workers <n>', 'worker processes sharing the listen port (pools and admin state are per worker)', '1')
    .option('--poll-interval <duration>', 'with --config ssm:…, how often to look for a new parameter version', '30s')
    .action(async (options: ProxyOptions) => {
      const configPollMs = parseDuration(options.pollInterval, '--poll-interval');
      const workers = Number(options.workers);
      if (!Number.isInteger(workers) || workers < 1) throw new Error(`--workers ${options.workers}: expected a positive integer`);
      if (options.check || (workers > 1 && cluster.isPrimary)) {
        const config = await loadProxyConfig(options.config); // ProxyConfigError carries a clear message for runCli
        if (options.check) {
          process.stdout.write(`${options.config}: ok (${config.backends.length} backends, ${config.users.length} users, ${config.pool.mode} pooling)\n`);
          return;
        }
        await superviseWorkers(workers);
        return;
      }
      const proxy = await startProxy({ configPath: options.config, configPollMs });
      await proxy.handleSignals();
    });
}

/** Forks the workers, forwards SIGHUP/SIGTERM/SIGINT to them and resolves when all have exited. */
function superviseWorkers(count: number): Promise<void> {
  for (let i = 0; i < count; i++) cluster.fork();
  const forward = (signal: NodeJS.Signals) => (): void => {
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
  };
  for (const signal of ['SIGHUP', 'SIGTERM', 'SIGINT'] as const) process.on(signal, forward(signal));
  return new Promise((resolve) => {
    cluster.on('exit', () => {
      if (Object.keys(cluster.workers ?? {}).length === 0) resolve();
    });
  });
}
