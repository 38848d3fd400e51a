// pgtopo's own proxy (proxy/), started the way operators start it: `pgtopo proxy --config <file>`.
import { join, resolve } from 'node:path';
import { writeDbFile } from '../../providers/local/pg-config-files.ts';
import { allocateFreePort, LOOPBACK_HOST } from '../../providers/local/free-port.ts';
import { startDaemon } from '../daemon-process.ts';
import { PROXY_NODE_FLAGS } from '../../proxy/young-generation.ts';
import type { BenchTarget, RunningTarget, TargetContext } from './bench-target.ts';
import {
  builtinFailoverSections,
  builtinProxyTuning,
  renderBuiltinProxyConfig,
  type BuiltinFailoverSettings,
} from './builtin-proxy-config.ts';

const REPO = resolve(import.meta.dirname, '..', '..');
const CLI = join(REPO, 'bin', 'pgtopo');
const PASSWORD_ENV = 'PGTOPO_BENCH_BACKEND_PASSWORD';
const MONITOR_PASSWORD_ENV = 'PGTOPO_BENCH_MONITOR_PASSWORD';
const START_TIMEOUT_MS = 60_000;

/** What the proxy fronts: the primary and its standbys with load balancing, or the primary alone. */
export type BuiltinBackends = 'balanced' | 'primary-only';

export interface BuiltinFailoverOptions {
  healthCheckPeriodSeconds: number;
  onBackendError: boolean;
  /** Health-check retries before failing over (default 0); see BuiltinFailoverSettings.retries. */
  retries?: number;
}

/** The superuser monitors and promotes: pg_promote() needs it (or an explicit grant). */
function failoverSettingsOf(failover?: BuiltinFailoverOptions): BuiltinFailoverSettings | undefined {
  if (!failover) return undefined;
  return {
    healthCheckPeriodMs: failover.healthCheckPeriodSeconds * 1000,
    onBackendError: failover.onBackendError,
    retries: failover.retries ?? 0,
    monitorUser: 'postgres',
    monitorPasswordEnv: MONITOR_PASSWORD_ENV,
  };
}

async function writeConfig(context: TargetContext, port: number, fronts: BuiltinBackends, failover?: BuiltinFailoverOptions): Promise<string> {
  const { cluster, workDir } = context;
  const configPath = join(workDir, 'proxy.json');
  const standbys = fronts === 'balanced' ? cluster.standbys : [];
  const backends = [
    { name: cluster.primary.name, host: cluster.primary.host, port: cluster.primary.port, role: 'primary' as const },
    ...standbys.map((node) => ({ name: node.name, host: node.host, port: node.port, role: 'standby' as const })),
  ];
  const config = renderBuiltinProxyConfig({
    listenPort: port,
    backends,
    user: cluster.role.name,
    scramVerifier: cluster.role.scramVerifier,
    passwordEnv: PASSWORD_ENV,
    poolSize: context.clients,
    maxClientConnections: context.maxClientConnections,
    failover: failoverSettingsOf(failover),
  });
  await writeDbFile(configPath, config, cluster.osUser);
  return configPath;
}

/** How the proxy process is started, beyond what it fronts. */
interface StartOptions {
  failover?: BuiltinFailoverOptions;
  /** Fixed worker count; without it `--proxy-workers` (the context's) decides. */
  workers?: number;
  /** node's own flags before bin/pgtopo: the providers' (PROXY_NODE_FLAGS) unless a benchmark compares V8 settings. */
  nodeFlags?: readonly string[];
}

async function start(context: TargetContext, fronts: BuiltinBackends, options: StartOptions = {}): Promise<RunningTarget> {
  const { failover, workers = context.proxyWorkers, nodeFlags = PROXY_NODE_FLAGS } = options;
  const port = await allocateFreePort();
  const configPath = await writeConfig(context, port, fronts, failover);
  const workerArgs = workers > 1 ? ['--workers', String(workers)] : [];
  const args = [...nodeFlags, CLI, 'proxy', '--config', configPath, ...workerArgs];
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
    // Every worker loads the CLI's modules before it listens; on a loaded 2-core machine two workers and
    // their supervisor took longer than the default 20 s.
    startTimeoutMs: START_TIMEOUT_MS,
  });
  const startedWith = `node ${args.join(' ').replace(CLI, 'bin/pgtopo')}`;
  return { host: LOOPBACK_HOST, port, proxyPids: () => [daemon.pid], logTail: daemon.logTail, stop: daemon.stop, startedWith };
}

/** The proxy load-balancing over the primary and its standby: Pgpool-II's job, and the failover benchmark's. */
export function builtinProxyTarget(failover?: BuiltinFailoverOptions): BenchTarget {
  const failoverSettings = failoverSettingsOf(failover);
  return {
    name: 'builtin',
    label: failover ? `builtin proxy (failover.onBackendError ${failover.onBackendError}${failover.retries ? `, healthCheck.retries ${failover.retries}` : ''})` : 'builtin proxy',
    unavailableReason: () => undefined,
    settings: (clients) => ({
      ...builtinProxyTuning(clients, 2),
      ...(failoverSettings ? builtinFailoverSections(failoverSettings) : {}),
    }),
    version: () => undefined,
    start: (context) => start(context, 'balanced', { failover }),
  };
}

/**
 * The proxy pooling connections to the primary alone: PgBouncer's job. `workers` fixes the worker count
 * (`builtin-primary-w2`, the scaling benchmark); without it `--proxy-workers` decides.
 */
export function builtinPrimaryTarget(workers?: number, nodeFlags?: readonly string[]): BenchTarget {
  const fixed = workers !== undefined;
  return {
    name: workers === 2 ? 'builtin-primary-w2' : 'builtin-primary',
    label: fixed ? `builtin proxy, primary only, ${workers} worker${workers === 1 ? '' : 's'}` : 'builtin proxy, primary only',
    unavailableReason: () => undefined,
    settings: (clients) => ({ ...builtinProxyTuning(clients, 1), ...(fixed ? { workers } : {}) }),
    version: () => undefined,
    start: (context) => start(context, 'primary-only', { workers, nodeFlags }),
  };
}
