// The durability battery: a local cluster (1 primary + 2 standbys) behind one builtin proxy, applied by the real
// CLI; writers insert sequential ids through the proxy and remember every id whose INSERT returned (an
// acknowledged commit); each round kills the primary with SIGKILL, waits until writes succeed on the promoted
// standby, and lets `pgtopo apply` rebuild the old primary as a standby. At the end every acknowledged id must
// be on the last primary. The sync test and bench/durability-bench.ts (async against sync) both run it.
import pg from 'pg';
import { findPgBinaries } from '../../../providers/local/pg-binaries.ts';
import { resolveDbOsUser } from '../../../providers/local/os-user.ts';
import { PgInstance, pgInstancePaths } from '../../../providers/local/pg-instance.ts';
import { eventually } from '../../support/pg-cluster.ts';
import { LocalWorkspace, PASSWORDS, devTopology, portOf, queryAs } from './local-workspace.ts';

const TOPOLOGY_NAME = 'dura';
const DEFAULT_WRITERS = 4;
/** Acknowledged writes before each kill, and on the new primary before the next round: the kill hits a busy cluster. */
const WRITES_PER_PHASE = 150;

export interface BatteryResult {
  mode: 'async' | 'sync';
  rounds: number;
  acknowledged: number;
  lost: number[];
  /** INSERTs that failed (their outcome is unknown to the writer, so they are not counted either way). */
  failedWrites: number;
  /** Kill → first acknowledged write on the new primary, per round. */
  failoverSeconds: number[];
  /** pg_stat_replication.sync_state of the standbys before the first round (quorum: ANY n). */
  syncStates: string[];
}

/** Writers that insert ids through the proxy until stopped; an id counts once its INSERT returned. */
class Writers {
  readonly acknowledged: number[] = [];
  failed = 0;
  #next = 0;
  #stopped = false;
  readonly #loops: Promise<void>[];

  constructor(proxyPort: number, count: number) {
    this.#loops = Array.from({ length: count }, () => this.#loop(proxyPort));
  }

  async #loop(port: number): Promise<void> {
    while (!this.#stopped) {
      const client = new pg.Client({ host: '127.0.0.1', port, user: 'app', password: PASSWORDS.PGTOPO_APP_PASSWORD, database: 'postgres', connectionTimeoutMillis: 5_000, query_timeout: 20_000 });
      client.on('error', () => undefined);
      try {
        await client.connect();
        while (!this.#stopped) {
          const id = this.#next++;
          await client.query('INSERT INTO battery VALUES ($1)', [id]);
          this.acknowledged.push(id);
        }
      } catch {
        this.failed++;
        await new Promise((resolve) => setTimeout(resolve, 20));
      } finally {
        await client.end().catch(() => undefined);
      }
    }
  }

  /** Resolves once `count` more writes were acknowledged. */
  waitFor(count: number, what: string): Promise<number> {
    const target = this.acknowledged.length + count;
    return eventually(what, () => Promise.resolve(this.acknowledged.length), (n) => n >= target, 60_000);
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    await Promise.all(this.#loops);
  }
}

export function batteryTopology(mode: 'async' | 'sync'): string {
  return devTopology(TOPOLOGY_NAME, 3,
    ['instances: 1', 'healthCheck: { period: 1s, timeout: 1s, retries: 0 }', 'failover: { onBackendError: true }'],
    [`replication: { mode: ${mode} }`]);
}

interface Cluster {
  workspace: LocalWorkspace;
  instances: PgInstance[];
  proxyPort: number;
}

async function clusterOf(workspace: LocalWorkspace): Promise<Cluster> {
  const status = await workspace.status();
  const instances = [0, 1, 2].map((index) => new PgInstance({
    name: `pg${index}`, port: portOf(status.get(`dev.postgres[${index}]`)), binaries: findPgBinaries(), user: resolveDbOsUser(),
    ...pgInstancePaths(`${workspace.clusterDir('dev', TOPOLOGY_NAME)}/pg${index}`),
  }));
  return { workspace, instances, proxyPort: portOf(status.get('dev.proxy[0]')) };
}

async function isPrimary(instance: PgInstance): Promise<boolean> {
  const [row] = await queryAs<{ r: boolean }>(instance.port, 'admin', 'SELECT pg_is_in_recovery() AS r');
  return row?.r === false;
}

/** The one instance out of recovery, other than `except` (the one just killed). */
function primaryOf(cluster: Cluster, except?: PgInstance): Promise<PgInstance> {
  return eventually('a primary', async () => {
    const found = await Promise.all(cluster.instances.map((i) => (i === except ? false : isPrimary(i).catch(() => false))));
    const primaries = cluster.instances.filter((_, index) => found[index]);
    if (primaries.length !== 1) throw new Error(`${primaries.length} primaries`);
    return primaries[0]!;
  }, () => true, 30_000);
}

async function streamingStandbys(primary: PgInstance): Promise<number> {
  const rows = await queryAs<{ n: number }>(primary.port, 'admin', "SELECT count(*)::int AS n FROM pg_stat_replication WHERE state = 'streaming'");
  return rows[0]?.n ?? 0;
}

async function syncStatesOf(primary: PgInstance): Promise<string[]> {
  const rows = await queryAs<{ state: string }>(primary.port, 'admin', 'SELECT sync_state AS state FROM pg_stat_replication ORDER BY application_name');
  return rows.map((row) => row.state);
}

async function round(cluster: Cluster, writers: Writers): Promise<number> {
  const primary = await primaryOf(cluster);
  await writers.waitFor(WRITES_PER_PHASE, 'writes before the kill');
  const killedAt = performance.now();
  await primary.kill9();
  await writers.waitFor(1, 'a write after the kill');
  const seconds = (performance.now() - killedAt) / 1000;
  const promoted = await primaryOf(cluster, primary);
  await writers.waitFor(WRITES_PER_PHASE, 'writes on the new primary');
  const apply = await cluster.workspace.run('apply', '--auto-approve');
  if (apply.code !== 0) throw new Error(`apply after the failover failed:\n${apply.stdout}${apply.stderr}`);
  await eventually('both standbys to stream from the new primary', () => streamingStandbys(promoted), (n) => n === 2, 60_000);
  return seconds;
}

async function missing(cluster: Cluster, acknowledged: number[]): Promise<number[]> {
  const primary = await primaryOf(cluster);
  const rows = await queryAs<{ id: number }>(primary.port, 'app', 'SELECT id FROM battery');
  const present = new Set(rows.map((row) => Number(row.id)));
  return acknowledged.filter((id) => !present.has(id));
}

/** Runs the battery in a fresh workspace and removes it afterwards. */
export async function runDurabilityBattery(mode: 'async' | 'sync', rounds: number, log: (line: string) => void = () => undefined,
  writerCount = DEFAULT_WRITERS): Promise<BatteryResult> {
  const workspace = await LocalWorkspace.create(batteryTopology(mode));
  try {
    const apply = await workspace.run('apply', '--auto-approve');
    if (apply.code !== 0) throw new Error(`apply failed:\n${apply.stdout}${apply.stderr}`);
    const cluster = await clusterOf(workspace);
    await queryAs(cluster.proxyPort, 'app', 'CREATE TABLE battery (id bigint PRIMARY KEY)');
    const syncStates = await syncStatesOf(await primaryOf(cluster));
    const writers = new Writers(cluster.proxyPort, writerCount);
    const failoverSeconds: number[] = [];
    try {
      for (let n = 1; n <= rounds; n++) {
        failoverSeconds.push(await round(cluster, writers));
        log(`${mode} round ${n}: failover ${failoverSeconds.at(-1)!.toFixed(2)} s, ${writers.acknowledged.length} acknowledged`);
      }
    } finally {
      await writers.stop();
    }
    const lost = await missing(cluster, writers.acknowledged);
    return { mode, rounds, acknowledged: writers.acknowledged.length, lost, failedWrites: writers.failed, failoverSeconds, syncStates };
  } finally {
    await workspace.cleanup();
  }
}
