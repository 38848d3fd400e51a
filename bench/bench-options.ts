// Command-line options of `npm run bench`. Defaults are chosen so the full run (six targets, five
// workloads, three rounds, the many-clients parts, failover, engine) stays near 20 minutes on a 2-core machine.
import { parseArgs } from 'node:util';
import { measuresWorkload, TARGET_NAMES, type BenchTarget, type TargetName } from './targets/bench-target.ts';
import { WORKLOAD_NAMES, type WorkloadName } from './workloads.ts';

export type BenchSection = 'throughput' | 'idle-memory' | 'many-clients' | 'failover' | 'watchdog' | 'engine';

export const SECTIONS: readonly BenchSection[] = ['throughput', 'idle-memory', 'many-clients', 'failover', 'watchdog', 'engine'];

/** The watchdog section takes ~4.5 minutes (two engines, two scenarios, three rounds each) and needs root: opt-in. */
const DEFAULT_SECTIONS: readonly BenchSection[] = SECTIONS.filter((section) => section !== 'watchdog');

export interface BenchOptions {
  durationSeconds: number;
  clients: number;
  threads: number;
  rounds: number;
  failoverRounds: number;
  /** Kill -9 rounds of each watchdog engine. */
  watchdogRounds: number;
  /** Health-check retries of the builtin proxy in the failover benchmark. */
  failoverRetries: number;
  proxyWorkers: number;
  targets: TargetName[];
  workloads: WorkloadName[];
  sections: BenchSection[];
  pgbenchScale: number;
  /** Idle clients held at each step of the idle-memory section. */
  idleLevels: number[];
  /** The many-clients section: idle clients held while `manyActive` pgbench clients run. */
  manyIdle: number;
  manyActive: number;
  outPath?: string;
  help: boolean;
}

export class BenchOptionsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BenchOptionsError';
  }
}

export const DEFAULTS = {
  durationSeconds: 8, clients: 16, threads: 2, rounds: 3, failoverRounds: 3, watchdogRounds: 3, proxyWorkers: 1, pgbenchScale: 10,
  idleLevels: [1000, 5000, 10_000], manyIdle: 10_000, manyActive: 500,
} as const;

export const USAGE = `Usage: npm run bench -- [options]

Runs pgbench against PostgreSQL directly, the builtin proxy (balancing over primary + standby, pooling to the
primary only with 1 and with 2 workers), PgBouncer and Pgpool-II (interleaved, repeated), then memory per idle
client and 10,000 idle + 500 active clients (builtin proxy vs PgBouncer), then the failover and engine
benchmarks; the watchdog benchmark on request. Prints tables and writes bench/results/<date>-<host>.json.

  --duration <s>        seconds per pgbench run (default ${DEFAULTS.durationSeconds})
  --clients <n>         pgbench clients (default ${DEFAULTS.clients})
  --threads <n>         pgbench threads, -j (default ${DEFAULTS.threads})
  --rounds <n>          interleaved repetitions per workload (default ${DEFAULTS.rounds})
  --failover-rounds <n> kill -9 measurements per failover target (default ${DEFAULTS.failoverRounds})
  --watchdog-rounds <n> kill -9 rounds of the leader per watchdog engine (default ${DEFAULTS.watchdogRounds})
  --failover-retries <n> the builtin proxy's healthCheck.retries there, 1 s apart (default 0; examples/local.yaml: 1)
  --proxy-workers <n>   builtin proxy workers (threads), pgtopo proxy --workers (default ${DEFAULTS.proxyWorkers})
  --only <targets>      comma-separated subset of: ${TARGET_NAMES.join(', ')}
  --workloads <names>   comma-separated subset of: ${WORKLOAD_NAMES.join(', ')}
  --scale <n>           pgbench scale factor (default ${DEFAULTS.pgbenchScale})
  --idle-levels <list>  idle clients held per step of --idle-memory (default ${DEFAULTS.idleLevels.join(',')})
  --many-idle <n>       idle clients held during --many-clients (default ${DEFAULTS.manyIdle})
  --many-active <n>     active pgbench clients during --many-clients (default ${DEFAULTS.manyActive})
  --throughput, --idle-memory, --many-clients, --failover, --engine
                        run only the named sections (default: these five)
  --watchdog            the watchdog benchmark (not in the default run: ~4.5 min; needs root), alone or with
                        the sections named beside it
  --out <file>          results file (default bench/results/<date>-<host>.json)
  -h, --help            this text
`;

function positiveInteger(name: string, raw: string | undefined, fallback: number, min = 1): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) throw new BenchOptionsError(`--${name} must be a whole number ≥ ${min}, got "${raw}".`);
  return value;
}

function wholeNumbers(name: string, raw: string | undefined, fallback: readonly number[]): number[] {
  if (raw === undefined) return [...fallback];
  return raw.split(',').map((item) => positiveInteger(name, item.trim(), 0));
}

function subset<T extends string>(name: string, raw: string | undefined, allowed: readonly T[]): T[] {
  if (raw === undefined) return [...allowed];
  const picked = raw.split(',').map((item) => item.trim()).filter(Boolean);
  const unknown = picked.filter((item) => !allowed.includes(item as T));
  if (unknown.length > 0 || picked.length === 0) {
    throw new BenchOptionsError(`--${name}: unknown ${unknown.join(', ') || '(empty list)'}; choose from ${allowed.join(', ')}.`);
  }
  // Keep the canonical order so interleaving is the same whatever order the user typed.
  return allowed.filter((item) => picked.includes(item));
}

export function parseBenchOptions(argv: readonly string[]): BenchOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      options: {
        duration: { type: 'string' }, clients: { type: 'string' }, threads: { type: 'string' },
        rounds: { type: 'string' }, 'failover-rounds': { type: 'string' }, 'failover-retries': { type: 'string' },
        'watchdog-rounds': { type: 'string' },
        'proxy-workers': { type: 'string' }, only: { type: 'string' }, workloads: { type: 'string' },
        scale: { type: 'string' }, out: { type: 'string' },
        'idle-levels': { type: 'string' }, 'many-idle': { type: 'string' }, 'many-active': { type: 'string' },
        throughput: { type: 'boolean' }, 'idle-memory': { type: 'boolean' }, 'many-clients': { type: 'boolean' },
        failover: { type: 'boolean' }, watchdog: { type: 'boolean' }, engine: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new BenchOptionsError(`${(error as Error).message}. Run \`npm run bench -- --help\` for the options.`);
  }
  const chosen = SECTIONS.filter((section) => values[section]);
  return {
    durationSeconds: positiveInteger('duration', values.duration, DEFAULTS.durationSeconds),
    clients: positiveInteger('clients', values.clients, DEFAULTS.clients),
    threads: positiveInteger('threads', values.threads, DEFAULTS.threads),
    rounds: positiveInteger('rounds', values.rounds, DEFAULTS.rounds),
    proxyWorkers: positiveInteger('proxy-workers', values['proxy-workers'], DEFAULTS.proxyWorkers),
    failoverRounds: positiveInteger('failover-rounds', values['failover-rounds'], DEFAULTS.failoverRounds),
    watchdogRounds: positiveInteger('watchdog-rounds', values['watchdog-rounds'], DEFAULTS.watchdogRounds),
    failoverRetries: positiveInteger('failover-retries', values['failover-retries'], 0, 0),
    pgbenchScale: positiveInteger('scale', values.scale, DEFAULTS.pgbenchScale),
    targets: subset('only', values.only, TARGET_NAMES),
    workloads: subset('workloads', values.workloads, WORKLOAD_NAMES),
    idleLevels: wholeNumbers('idle-levels', values['idle-levels'], DEFAULTS.idleLevels),
    manyIdle: positiveInteger('many-idle', values['many-idle'], DEFAULTS.manyIdle),
    manyActive: positiveInteger('many-active', values['many-active'], DEFAULTS.manyActive),
    sections: chosen.length > 0 ? chosen : [...DEFAULT_SECTIONS],
    outPath: values.out,
    help: values.help ?? false,
  };
}

/** Rough wall-clock estimate of the throughput section, for the start-up banner. */
export function estimateThroughputSeconds(options: BenchOptions, targets: readonly BenchTarget[]): number {
  const perRunOverhead = 1.5; // pgbench start, connection set-up, the pause between runs
  const runsPerRound = targets.reduce((runs, target) => runs + options.workloads.filter((workload) => measuresWorkload(target, workload)).length, 0);
  return runsPerRound * options.rounds * (options.durationSeconds + perRunOverhead);
}
