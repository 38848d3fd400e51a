// pgtopo's own proxy (proxy/), started the way operators start it: `pgtopo proxy --config <file>`, or through
// proxy/server.ts's startProxy() (builtin-proxy-launcher.ts) while the CLI command does not exist yet. Until
// either exists the target reports itself unavailable and the benchmark runs the others.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
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

/** The argv (after node) that starts the proxy with `config`, or undefined when there is no entry point yet. */
function entryArgs(config: string): string[] | undefined {
  if (existsSync(CLI_COMMAND)) return [join(REPO, 'bin', 'pgtopo'), 'proxy', '--config', config];
  if (existsSync(SERVER)) return [LAUNCHER, config];
  return undefined;
}

async function start(context: TargetContext): Promise<RunningTarget> {
  const { cluster, workDir } = context;
  const port = await allocateFreePort();
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
  const daemon = await startDaemon({
    label: 'builtin proxy',
    command: process.execPath,
    args: entryArgs(configPath)!,
    cwd: REPO,
    logFile: join(workDir, 'proxy.log'),
    host: LOOPBACK_HOST,
    port,
    env: { ...process.env, [PASSWORD_ENV]: cluster.role.password },
    stopSignal: 'SIGTERM',
  });
  return { host: LOOPBACK_HOST, port, proxyPids: () => [daemon.pid], stop: daemon.stop };
}

export function builtinProxyTarget(): BenchTarget {
  return {
    name: 'builtin',
    label: 'builtin proxy',
    unavailableReason: () =>
      entryArgs('') ? undefined : 'no entry point yet (neither `pgtopo proxy` nor proxy/server.ts exists)',
    settings: (clients) => builtinProxyTuning(clients, 2),
    version: () => undefined,
    start,
  };
}
