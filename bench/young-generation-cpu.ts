// What bounding V8's young generation costs the builtin proxy in CPU (issue 18): the proxy pooling to the primary,
// started once per set of node flags (none: V8 grows its semi-spaces up to 64 MiB; `--max-semi-space-size=N`;
// `--min-semi-space-size=N` as well, so the young generation never grows), PgBouncer beside them, all up at once.
// Each workload runs round by round over every target in turn (A B C … A B C …), so drift on a shared machine hits
// them alike. Prints each run's proxy CPU (user + system, from /proc) per transaction, TPS and the proxy's RSS after
// the run, then the medians and the spread of the rounds. With `trace-gc` every builtin proxy also runs with
// `--trace-gc`, and each run adds the scavenges and their summed pause per 1,000 transactions, read from its log (a
// count the load of other work does not move; the tracing itself costs a log line per collection).
// Not a test. Run: node_modules/.bin/node bench/young-generation-cpu.ts [seconds per run] [rounds] [workloads]
//   [variants: pgbouncer,default,max1,max2,max4,fixed1,fixed2] [trace-gc]
import { readFileSync, statSync } from 'node:fs';
import { chmod, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBenchCluster, type BenchCluster } from './bench-cluster.ts';
import { onCleanup, runCleanup } from './cleanup-stack.ts';
import { runPgbench } from './pgbench-run.ts';
import { processTreeCpuSeconds } from './process-tree-cpu.ts';
import { processTreeRssBytes } from './process-tree-rss.ts';
import { scavengeTotals } from './gc-trace.ts';
import { median } from './report-math.ts';
import { builtinPrimaryTarget } from './targets/builtin-proxy-target.ts';
import { pgBouncerTarget } from './targets/pgbouncer-target.ts';
import type { BenchTarget, RunningTarget } from './targets/bench-target.ts';
import { workloadNamed, type WorkloadName } from './workloads.ts';
import { makeDbOwnedDir } from '../providers/local/os-user.ts';

const seconds = Number(process.argv[2] ?? 5);
const rounds = Number(process.argv[3] ?? 5);
const workloads = (process.argv[4] ?? 'select-simple,select-extended,tpcb,churn').split(',') as WorkloadName[];
const chosen = (process.argv[5] ?? 'pgbouncer,default,max1,max2,max4,fixed1,fixed2').split(',');
const traceGc = process.argv[6] === 'trace-gc';
/** As `npm run bench`: 16 clients over 2 pgbench threads; a login per transaction with 4, as bench/login-cpu.ts. */
const CLIENTS = 16;
const CHURN_CLIENTS = 4;
const log = (line: string): void => void process.stderr.write(`${line}\n`);

const builtin = (flags: string[]) => builtinPrimaryTarget(1, traceGc ? [...flags, '--trace-gc'] : flags);
const VARIANTS: { key: string; label: string; target: BenchTarget }[] = [
  { key: 'pgbouncer', label: 'PgBouncer', target: pgBouncerTarget() },
  { key: 'default', label: 'builtin, V8 default', target: builtin([]) },
  ...[1, 2, 4].map((mb) => ({ key: `max${mb}`, label: `builtin, max semi ${mb}`, target: builtin([`--max-semi-space-size=${mb}`]) })),
  ...[1, 2].map((mb) => ({
    key: `fixed${mb}`, label: `builtin, min = max semi ${mb}`, target: builtin([`--min-semi-space-size=${mb}`, `--max-semi-space-size=${mb}`]),
  })),
];

interface Run {
  micros: number;
  tps: number;
  rssMiB: number;
  /** With trace-gc: scavenges and their summed pause (ms) per 1,000 transactions. */
  scavenges?: number;
  scavengeMs?: number;
}

interface Started {
  label: string;
  running: RunningTarget;
  logFile: string;
}

function logSize(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0; // PgBouncer's log is elsewhere; it traces no GC anyway
  }
}

async function measure(cluster: BenchCluster, { running, logFile }: Started, workload: WorkloadName, duration: number): Promise<Run> {
  const churn = workload === 'churn';
  const logOffset = logSize(logFile);
  const before = processTreeCpuSeconds(running.proxyPids());
  const outcome = await runPgbench({
    pgbench: cluster.binaries.tool('pgbench'), host: running.host, port: running.port, user: cluster.role.name,
    password: cluster.role.password, database: cluster.database, clients: churn ? CHURN_CLIENTS : CLIENTS, threads: 2,
    durationSeconds: duration, workloadArgs: workloadNamed(workload).pgbenchArgs,
  });
  const cpu = processTreeCpuSeconds(running.proxyPids()) - before;
  if (!outcome.ok || !outcome.transactions) throw new Error(`${workload}: ${outcome.error ?? 'no transactions'}`);
  const run: Run = { micros: (cpu / outcome.transactions) * 1e6, tps: outcome.tps ?? 0, rssMiB: processTreeRssBytes(running.proxyPids()) / 2 ** 20 };
  if (!traceGc || logSize(logFile) === 0) return run;
  const { scavenges, pauseMs } = scavengeTotals(readFileSync(logFile).subarray(logOffset).toString('utf8'));
  return { ...run, scavenges: (scavenges / outcome.transactions) * 1000, scavengeMs: (pauseMs / outcome.transactions) * 1000 };
}

function summary(label: string, runs: readonly Run[]): string {
  const micros = runs.map((run) => run.micros);
  const middle = median(micros)!;
  const spread = (Math.max(...micros) - Math.min(...micros)) / middle;
  return `${label.padEnd(28)} ${middle.toFixed(1).padStart(7)} µs/txn  spread ${(spread * 100).toFixed(0).padStart(3)}%  ` +
    `[${micros.map((value) => value.toFixed(1)).join(' ')}]  ${median(runs.map((run) => run.tps))!.toFixed(0).padStart(6)} tps  ` +
    `RSS ${Math.max(...runs.map((run) => run.rssMiB)).toFixed(0)} MiB${gcSummary(runs)}`;
}

function gcSummary(runs: readonly Run[]): string {
  const scavenges = median(runs.flatMap((run) => run.scavenges ?? []));
  const pause = median(runs.flatMap((run) => run.scavengeMs ?? []));
  return scavenges === undefined || pause === undefined ? '' : `  per 1,000 txn: ${scavenges.toFixed(2)} scavenges, ${pause.toFixed(2)} ms`;
}

const rootDir = await mkdtemp(join(tmpdir(), 'pgtopo-young-generation-'));
await chmod(rootDir, 0o755); // the postgres OS user must traverse it
onCleanup('temp dir', async () => {}, { dirs: [rootDir] });
const cluster = await startBenchCluster({ rootDir: join(rootDir, 'cluster'), standbys: 0, pgbenchScale: 10, log });
const started: Started[] = [];
try {
  for (const { key, label, target } of VARIANTS.filter((variant) => chosen.includes(variant.key))) {
    const workDir = join(rootDir, key);
    await makeDbOwnedDir(workDir, cluster.osUser, 0o755);
    const running = await target.start({ cluster, workDir, clients: CLIENTS, proxyWorkers: 1 });
    started.push({ label, running, logFile: join(workDir, 'proxy.log') });
  }
  for (const entry of started) await measure(cluster, entry, 'select-simple', 3); // warm: JIT, pools, caches
  for (const workload of workloads) {
    const runs = new Map(started.map(({ label }) => [label, [] as Run[]]));
    for (let round = 1; round <= rounds; round++) {
      for (const entry of started) {
        const run = await measure(cluster, entry, workload, seconds);
        runs.get(entry.label)!.push(run);
        log(`${workload} round ${round} ${entry.label}: ${run.micros.toFixed(1)} µs/txn, ${run.tps.toFixed(0)} tps, RSS ${run.rssMiB.toFixed(0)} MiB`);
      }
    }
    console.log(`\n${workload} (${seconds} s × ${rounds} rounds, ${workload === 'churn' ? CHURN_CLIENTS : CLIENTS} clients)`);
    for (const [label, measured] of runs) console.log(summary(label, measured));
  }
} finally {
  for (const { running } of started) await running.stop();
  await cluster.stop();
  await runCleanup();
}
