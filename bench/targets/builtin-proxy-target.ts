// pgtopo's own proxy (proxy/), started the way operators start it: `pgtopo proxy --config <file>`, or through
// proxy/server.ts's startProxy() (builtin-proxy-launcher.ts) while the CLI command does not exist yet. Until
// either exists the target reports itself unavailable and the benchmark runs the others.
import { existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { writeDbFile } from '../../providers/local/pg-config-files.ts';
import { allocateFreePort, LOOPBACK_HOST } from '../../providers/local/free-port.ts';
import { startDaemon } from '../daemon-process.ts';
import type { BenchTarget, RunningTarget, TargetContext } from './bench-target.ts';
import { builtinProxyTuning, renderBuiltinProxyConfig } from './builtin-proxy-config.ts';

const REPO = resolve(import.meta.dirname, '..', '..');
const CLI_COMMAND = join(REPO, 'engine', 'cli', 'commands', 'proxy.ts');
const SERVER = join(REPO, 'proxy', 'server.ts');
const LAUNCHER = join(import.meta.dirname, 'builtin-proxy-launcher.ts');
const PASSWORD_ENV = 'PGTOPO_BENCH_BACKEND_PASSWORD';

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

async function writeConfig(context: TargetContext, port: number): Promise<string> {
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
  });
  await writeDbFile(configPath, config, cluster.osUser);
  return configPath;
}

async function start(context: TargetContext): Promise<RunningTarget> {
  const port = await allocateFreePort();
  const configPath = await writeConfig(context, port);
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
        env: { ...process.env, [PASSWORD_ENV]: context.cluster.role.password },
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

export function builtinProxyTarget(): BenchTarget {
  return {
    name: 'builtin',
    label: 'builtin proxy',
    unavailableReason: () =>
      entryCandidates('').length > 0 ? undefined : 'no entry point yet (neither `pgtopo proxy` nor proxy/server.ts exists)',
    settings: (clients) => builtinProxyTuning(clients, 2),
    version: () => undefined,
    start,
  };
}
