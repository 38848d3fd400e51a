import cluster from 'node:cluster';
import type { Command } from 'commander';
import { loadProxyConfig } from '../../proxy/proxy-config.ts';
import { startProxy } from '../../proxy/server.ts';

interface ProxyOptions {
  config: string;
  check?: boolean;
  workers: string;
}

export function register(program: Command): void {
  program
    .command('proxy')
    .description('run the builtin PostgreSQL proxy (pooling, load balancing, admin console, metrics)')
    .requiredOption('--config <file>', 'proxy config file, JSON or YAML (see proxy/README.md)')
    .option('--check', 'validate the config file and exit')
    .option('--workers <n>', 'worker processes sharing the listen port (pools and admin state are per worker)', '1')
    .action(async (options: ProxyOptions) => {
      const config = loadProxyConfig(options.config); // ProxyConfigError carries a clear message for runCli
      if (options.check) {
        process.stdout.write(`${options.config}: ok (${config.backends.length} backends, ${config.users.length} users, ${config.pool.mode} pooling)\n`);
        return;
      }
      const workers = Number(options.workers);
      if (!Number.isInteger(workers) || workers < 1) throw new Error(`--workers ${options.workers}: expected a positive integer`);
      if (workers > 1 && cluster.isPrimary) {
        await superviseWorkers(workers);
        return;
      }
      const proxy = await startProxy({ configPath: options.config, config });
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
