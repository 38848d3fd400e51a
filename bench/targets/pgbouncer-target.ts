// PgBouncer (Debian package) in transaction pooling mode in front of the primary. PgBouncer has no read/write
// splitting, so every query goes to the primary — as it would in production.
import { join } from 'node:path';
import { writeDbFile } from '../../providers/local/pg-config-files.ts';
import { allocateFreePort, LOOPBACK_HOST } from '../../providers/local/free-port.ts';
import { startDaemon } from '../daemon-process.ts';
import type { BenchTarget, RunningTarget, TargetContext } from './bench-target.ts';
import { binaryVersion, findInstalledBinary } from './installed-binary.ts';
import { pgBouncerSettings, renderPgBouncerFiles } from './pgbouncer-config.ts';

async function start(binary: string, context: TargetContext): Promise<RunningTarget> {
  const { cluster, workDir } = context;
  const port = await allocateFreePort();
  const files = renderPgBouncerFiles({
    listenPort: port,
    server: { host: cluster.primary.host, port: cluster.primary.port },
    database: cluster.database,
    user: cluster.role.name,
    scramVerifier: cluster.role.scramVerifier,
    poolSize: context.clients,
    workDir,
  });
  const iniPath = join(workDir, 'pgbouncer.ini');
  await writeDbFile(iniPath, files.ini, cluster.osUser);
  await writeDbFile(join(workDir, 'userlist.txt'), files.userlist, cluster.osUser);
  const daemon = await startDaemon({
    label: 'PgBouncer',
    command: binary,
    args: [iniPath],
    cwd: workDir,
    logFile: join(workDir, 'pgbouncer.stderr.log'),
    host: LOOPBACK_HOST,
    port,
    user: cluster.osUser,
    stopSignal: 'SIGINT', // "safe shutdown" would wait for clients; SIGINT stops at once.
  });
  return { host: LOOPBACK_HOST, port, proxyPids: () => [daemon.pid], stop: daemon.stop };
}

export function pgBouncerTarget(): BenchTarget {
  const binary = findInstalledBinary('pgbouncer', 'pgbouncer');
  return {
    name: 'pgbouncer',
    label: 'PgBouncer',
    unavailableReason: () => binary.missingReason,
    settings: (clients) => pgBouncerSettings(clients),
    version: () => (binary.path ? binaryVersion(binary.path) : undefined),
    start: (context) => start(binary.path!, context),
  };
}
