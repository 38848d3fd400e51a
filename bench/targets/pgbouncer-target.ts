// PgBouncer (Debian package) in transaction pooling mode in front of the primary. PgBouncer has no read/write
// splitting, so every query goes to the primary — as it would in production. PgBouncer is one thread per
// process; its way to use more cores is several processes on one port with `so_reuseport = 1`, each with its
// own pools (the scaling benchmark runs that as `processes` > 1).
import { join } from 'node:path';
import { makeDbOwnedDir } from '../../providers/local/os-user.ts';
import { writeDbFile } from '../../providers/local/pg-config-files.ts';
import { allocateFreePort, LOOPBACK_HOST } from '../../providers/local/free-port.ts';
import { startDaemon, type Daemon } from '../daemon-process.ts';
import type { BenchTarget, RunningTarget, TargetContext } from './bench-target.ts';
import { binaryVersion, findInstalledBinary } from './installed-binary.ts';
import { pgBouncerSettings, renderPgBouncerFiles } from './pgbouncer-config.ts';

export interface PgBouncerTargetOptions {
  /** PgBouncer processes sharing the port with so_reuseport (default 1: one process, no so_reuseport). */
  processes?: number;
}

async function startProcess(binary: string, context: TargetContext, port: number, processes: number, dir: string): Promise<Daemon> {
  const { cluster } = context;
  const files = renderPgBouncerFiles({
    listenPort: port,
    server: { host: cluster.primary.host, port: cluster.primary.port },
    database: cluster.database,
    user: cluster.role.name,
    scramVerifier: cluster.role.scramVerifier,
    // Each process has its own pools: split the server connections so the total matches one process's.
    poolSize: Math.ceil(context.clients / processes),
    maxClientConnections: context.maxClientConnections,
    soReuseport: processes > 1,
    workDir: dir,
  });
  const iniPath = join(dir, 'pgbouncer.ini');
  await writeDbFile(iniPath, files.ini, cluster.osUser);
  await writeDbFile(join(dir, 'userlist.txt'), files.userlist, cluster.osUser);
  return startDaemon({
    label: 'PgBouncer',
    command: binary,
    args: [iniPath],
    cwd: dir,
    logFile: join(dir, 'pgbouncer.stderr.log'),
    host: LOOPBACK_HOST,
    port,
    user: cluster.osUser,
    stopSignal: 'SIGINT', // "safe shutdown" would wait for clients; SIGINT stops at once.
  });
}

async function start(binary: string, context: TargetContext, processes: number): Promise<RunningTarget> {
  const port = await allocateFreePort();
  const daemons: Daemon[] = [];
  try {
    for (let index = 0; index < processes; index++) {
      const dir = processes === 1 ? context.workDir : join(context.workDir, `process-${index + 1}`);
      if (processes > 1) await makeDbOwnedDir(dir, context.cluster.osUser, 0o755);
      daemons.push(await startProcess(binary, context, port, processes, dir));
    }
  } catch (error) {
    for (const daemon of daemons) await daemon.stop();
    throw error;
  }
  return {
    host: LOOPBACK_HOST,
    port,
    proxyPids: () => daemons.map((daemon) => daemon.pid),
    logTail: async () => (await Promise.all(daemons.map((daemon) => daemon.logTail()))).join('\n'),
    stop: async () => {
      for (const daemon of daemons) await daemon.stop();
    },
    startedWith: processes > 1 ? `${processes} × pgbouncer with so_reuseport = 1` : undefined,
  };
}

export function pgBouncerTarget(options: PgBouncerTargetOptions = {}): BenchTarget {
  const binary = findInstalledBinary('pgbouncer', 'pgbouncer');
  const processes = options.processes ?? 1;
  return {
    name: 'pgbouncer',
    label: processes > 1 ? `PgBouncer so_reuseport × ${processes}` : 'PgBouncer',
    unavailableReason: () => binary.missingReason,
    settings: (clients) => ({ ...pgBouncerSettings(Math.ceil(clients / processes)), ...(processes > 1 ? { so_reuseport: 1, processes } : {}) }),
    version: () => (binary.path ? binaryVersion(binary.path) : undefined),
    start: (context) => start(binary.path!, context, processes),
  };
}
