// Pgpool-II (Debian package) in streaming-replication mode with load balancing, in front of the primary and
// its standbys. Also used by the failover benchmark, with health checks and a promoting failover_command.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { writeDbFile } from '../../providers/local/pg-config-files.ts';
import { allocateFreePort, LOOPBACK_HOST } from '../../providers/local/free-port.ts';
import { startDaemon } from '../daemon-process.ts';
import type { BenchTarget, RunningTarget, TargetContext } from './bench-target.ts';
import { binaryVersion, findInstalledBinary } from './installed-binary.ts';
import { pgpoolTuning, renderPgpoolFiles } from './pgpool-config.ts';
import { renderPgpoolFailoverScript } from '../../proxy/pgpool2/render-failover-script.ts';

export interface PgpoolFailoverOptions {
  healthCheckPeriodSeconds: number;
  failoverOnBackendError: boolean;
}

async function writeFailoverScript(context: TargetContext): Promise<string> {
  const { cluster } = context;
  const path = join(context.workDir, 'failover.sh');
  const nodes = [cluster.primary, ...cluster.standbys].map((node, id) => ({ id, host: node.socketDir, port: node.port }));
  const script = renderPgpoolFailoverScript({ psql: cluster.binaries.tool('psql'), user: 'postgres', nodes });
  await writeDbFile(path, script, cluster.osUser, 0o700);
  return path;
}

async function start(binary: string, context: TargetContext, failover?: PgpoolFailoverOptions): Promise<RunningTarget> {
  const { cluster, workDir } = context;
  const [port, pcpPort] = [await allocateFreePort(), await allocateFreePort()];
  const failoverCommand = failover ? `${await writeFailoverScript(context)} %d %P` : '';
  const files = renderPgpoolFiles({
    listenPort: port,
    pcpPort,
    workDir,
    backends: [cluster.primary, ...cluster.standbys].map((node) => ({
      host: node.host, port: node.port, dataDir: node.dataDir, name: node.name,
    })),
    users: [cluster.role, { name: 'postgres', password: cluster.superuserPassword }],
    checkUser: 'postgres',
    numInitChildren: context.clients,
    healthCheckPeriod: failover?.healthCheckPeriodSeconds ?? 0,
    failoverCommand,
    failoverOnBackendError: failover?.failoverOnBackendError ?? true,
    pcpPassword: randomBytes(12).toString('base64url'),
  });
  const paths = { conf: 'pgpool.conf', poolHba: 'pool_hba.conf', poolPasswd: 'pool_passwd', pcp: 'pcp.conf' } as const;
  for (const [key, name] of Object.entries(paths)) {
    await writeDbFile(join(workDir, name), files[key as keyof typeof paths], cluster.osUser);
  }
  const daemon = await startDaemon({
    label: 'Pgpool-II',
    command: binary,
    // -n: stay in the foreground (we supervise it); -D: forget node states from any earlier run.
    args: ['-n', '-D', '-f', join(workDir, paths.conf), '-F', join(workDir, paths.pcp), '-a', join(workDir, paths.poolHba)],
    cwd: workDir,
    logFile: join(workDir, 'pgpool.log'),
    host: LOOPBACK_HOST,
    port,
    user: cluster.osUser,
    stopSignal: 'SIGINT', // fast shutdown
  });
  // The parent forks one child per client slot; the tree is the proxy.
  return { host: LOOPBACK_HOST, port, proxyPids: () => [daemon.pid], logTail: daemon.logTail, stop: daemon.stop };
}

export function pgpoolTarget(failover?: PgpoolFailoverOptions): BenchTarget {
  const binary = findInstalledBinary('pgpool', 'pgpool2');
  return {
    name: 'pgpool',
    label: failover ? `Pgpool-II (failover_on_backend_error ${failover.failoverOnBackendError ? 'on' : 'off'})` : 'Pgpool-II',
    unavailableReason: () => binary.missingReason,
    settings: (clients) => pgpoolTuning(clients, failover?.healthCheckPeriodSeconds ?? 0, failover?.failoverOnBackendError),
    version: () => (binary.path ? binaryVersion(binary.path) : undefined),
    start: (context) => start(binary.path!, context, failover),
  };
}
