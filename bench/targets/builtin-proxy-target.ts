// pgtopo's own proxy (proxy/), started the way operators start it: `pgtopo proxy --config <file>`, or through
// proxy/server.ts's startProxy() (builtin-proxy-launcher.ts) while the CLI command does not exist yet. Until
// either exists the target reports itself unavailable and the benchmark runs the others.
import { existsSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { writeDbFile } from '../../providers/local/pg-config-files.ts';
import { allocateFreePort, LOOPBACK_HOST } from '../../providers/local/free-port.ts';
import { startDaemon } from '../daemon-process.ts';
import type { BenchTarget, RunningTarget, TargetContext } from './bench-target.ts';
import {
  builtinFailoverSections,
  builtinProxyTuning,
  renderBuiltinProxyConfig,
  type BuiltinFailoverSettings,
} from './builtin-proxy-config.ts';

const REPO = resolve(import.meta.dirname, '..', '..');
const CLI_COMMAND = join(REPO, 'engine', 'cli', 'commands', 'proxy.ts');
const SERVER = join(REPO, 'proxy', 'server.ts');
const LAUNCHER = join(import.meta.dirname, 'builtin-proxy-launcher.ts');
const FAILOVER_DIR = join(REPO, 'proxy', 'failover');
const PASSWORD_ENV = 'PGTOPO_BENCH_BACKEND_PASSWORD';
const MONITOR_PASSWORD_ENV = 'PGTOPO_BENCH_MONITOR_PASSWORD';

export interface BuiltinFailoverOptions {
  healthCheckPeriodSeconds: number;
  onBackendError: boolean;
}

/**
 * Why the proxy cannot be failover-benchmarked yet (issue 5), or undefined. The server must both have the
 * failover code and start the backend monitor; a config it accepts but ignores would just time out.
 */
function failoverUnavailableReason(): string | undefined {
  if (!existsSync(FAILOVER_DIR)) return 'the proxy has no automatic failover yet (proxy/failover/ does not exist; issue 5)';
  const server = existsSync(SERVER) ? readFileSync(SERVER, 'utf8') : '';
  if (!/monitor/i.test(server)) return 'proxy/failover/ exists but proxy/server.ts does not start the backend monitor yet (issue 5)';
  return undefined;
}

/**
 * Ways to start the proxy with `config`, preferred first: the CLI command (once it is registered), then the
 * launcher around proxy/server.ts. Empty when neither entry point exists yet.
 */
function entryCandidates(config: string, workers = 1): string[][] {
  const candidates: string[][] = [];
  const workerArgs = workers > 1 ? ['--workers', String(workers)] : [];
  if (existsSync(CLI_COMMAND)) candidates.push([join(REPO, 'bin', 'pgtopo'), 'proxy', '--config', config, ...workerArgs]);
  // The launcher runs a single process; with --workers > 1 only the CLI is a fair measurement.
  if (existsSync(SERVER) && workers === 1) candidates.push([LAUNCHER, config]);
  return candidates;
}

/** The superuser monitors and promotes: pg_promote() needs it (or an explicit grant). */
function failoverSettingsOf(failover?: BuiltinFailoverOptions): BuiltinFailoverSettings | undefined {
  if (!failover) return undefined;
  return {
    healthCheckPeriodMs: failover.healthCheckPeriodSeconds * 1000,
    onBackendError: failover.onBackendError,
    monitorUser: 'postgres',
    monitorPasswordEnv: MONITOR_PASSWORD_ENV,
  };
}

async function writeConfig(context: TargetContext, port: number, failover?: BuiltinFailoverOptions): Promise<string> {
  const { cluster, workDir } = context;
  const configPath = join(workDir, 'proxy.json');
  const backends = [
    { name: cluster.primary.name, host: cluster.primary.host, port: cluster.primary.port, role: 'primary' as const },
    ...cluster.standbys.map((node) => ({ name: node.name, host: node.host, port: node.port, role: 'standby' as const })),
  ];
  const config = renderBuiltinProxyConfig({
    listenPort: port,
    backends,
    user: cluster.role.name,
    scramVerifier: cluster.role.scramVerifier,
    passwordEnv: PASSWORD_ENV,
    poolSize: context.clients,
    failover: failoverSettingsOf(failover),
  });
  await writeDbFile(configPath, config, cluster.osUser);
  return configPath;
}

async function start(context: TargetContext, failover?: BuiltinFailoverOptions): Promise<RunningTarget> {
  const port = await allocateFreePort();
  const configPath = await writeConfig(context, port, failover);
  const failures: string[] = [];
  for (const args of entryCandidates(configPath, context.proxyWorkers)) {
    try {
      const daemon = await startDaemon({
        label: 'builtin proxy',
        command: process.execPath,
        args,
        cwd: REPO,
        logFile: join(context.workDir, 'proxy.log'),
        host: LOOPBACK_HOST,
        port,
        env: {
          ...process.env,
          [PASSWORD_ENV]: context.cluster.role.password,
          [MONITOR_PASSWORD_ENV]: context.cluster.superuserPassword,
        },
        stopSignal: 'SIGTERM',
      });
      const startedWith = `node ${args.map((arg) => (arg.startsWith(REPO) ? relative(REPO, arg) : arg)).join(' ')}`;
      return { host: LOOPBACK_HOST, port, proxyPids: () => [daemon.pid], stop: daemon.stop, startedWith };
    } catch (error) {
      // e.g. the CLI command file exists but is not registered yet: try the next entry point
      failures.push(`${relative(REPO, args[0])}: ${(error as Error).message}`);
    }
  }
  throw new Error(failures.join('\n') || `no entry point supports --proxy-workers ${context.proxyWorkers}`);
}

export function builtinProxyTarget(failover?: BuiltinFailoverOptions): BenchTarget {
  const noEntry = 'no entry point yet (neither `pgtopo proxy` nor proxy/server.ts exists)';
  const failoverSettings = failoverSettingsOf(failover);
  return {
    name: 'builtin',
    label: failover ? `builtin proxy (failover.onBackendError ${failover.onBackendError})` : 'builtin proxy',
    unavailableReason: () =>
      entryCandidates('').length === 0 ? noEntry : failover ? failoverUnavailableReason() : undefined,
    settings: (clients) => ({
      ...builtinProxyTuning(clients, 2),
      ...(failoverSettings ? builtinFailoverSections(failoverSettings) : {}),
    }),
    version: () => undefined,
    start: (context) => start(context, failover),
  };
}
