// CPU per login (issue 18): `pgbench -C -S` (a new connection per select-only transaction, SCRAM-SHA-256 on both)
// through the builtin proxy pooling to the primary and through PgBouncer, side by side, in rounds that alternate
// between them. Prints the proxy process's CPU (user + system, from /proc) per connection.
// Not a test. Run: node_modules/.bin/node bench/login-cpu.ts [seconds per round] [rounds]
import { chmod, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBenchCluster } from './bench-cluster.ts';
import { onCleanup, runCleanup } from './cleanup-stack.ts';
import { runPgbench } from './pgbench-run.ts';
import { processTreeCpuSeconds } from './process-tree-cpu.ts';
import { builtinPrimaryTarget } from './targets/builtin-proxy-target.ts';
import { pgBouncerTarget } from './targets/pgbouncer-target.ts';
import type { RunningTarget } from './targets/bench-target.ts';
import { makeDbOwnedDir } from '../providers/local/os-user.ts';

const seconds = Number(process.argv[2] ?? 8);
const rounds = Number(process.argv[3] ?? 3);
const CLIENTS = 4;
const log = (line: string): void => void process.stderr.write(`${line}\n`);

const rootDir = await mkdtemp(join(tmpdir(), 'pgtopo-login-cpu-'));
await chmod(rootDir, 0o755); // the postgres OS user must traverse it
onCleanup('temp dir', async () => {}, { dirs: [rootDir] });
const cluster = await startBenchCluster({ rootDir: join(rootDir, 'cluster'), standbys: 0, pgbenchScale: 1, log });
const started: { label: string; running: RunningTarget }[] = [];
try {
  for (const target of [builtinPrimaryTarget(), pgBouncerTarget()]) {
    const workDir = join(rootDir, target.name);
    await makeDbOwnedDir(workDir, cluster.osUser, 0o755);
    started.push({ label: target.label, running: await target.start({ cluster, workDir, clients: CLIENTS, proxyWorkers: 1 }) });
  }
  const pgbench = cluster.binaries.tool('pgbench');
  const run = (running: RunningTarget, duration: number) => runPgbench({
    pgbench, host: running.host, port: running.port, user: cluster.role.name, password: cluster.role.password, database: cluster.database,
    clients: CLIENTS, threads: 2, durationSeconds: duration, workloadArgs: ['-S', '-C'],
  });
  for (const { running } of started) await run(running, 2); // warm: JIT, pools, SCRAM derivations
  for (let round = 1; round <= rounds; round++) {
    for (const { label, running } of started) {
      const before = processTreeCpuSeconds(running.proxyPids());
      const outcome = await run(running, seconds);
      const cpu = processTreeCpuSeconds(running.proxyPids()) - before;
      if (!outcome.ok || !outcome.transactions) throw new Error(`${label}: ${outcome.error ?? 'no transactions'}`);
      console.log(`round ${round}  ${label.padEnd(28)} ${String(outcome.transactions).padStart(6)} connections  ${((cpu / outcome.transactions) * 1e6).toFixed(0).padStart(5)} µs CPU per connection  ${outcome.tps?.toFixed(0)} connections/s`);
    }
  }
} finally {
  for (const { running } of started) await running.stop();
  await cluster.stop();
  await runCleanup();
}
