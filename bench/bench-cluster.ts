// The PostgreSQL cluster the benchmark measures against: a primary and N streaming standbys on loopback,
// a non-superuser `bench` role owning a `bench` database (the role every target authenticates), optionally
// initialised with pgbench data. Built on the local provider's PgInstance; the cluster is thrown away after
// the run, hence fsync off.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';
import { makeDbOwnedDir, resolveDbOsUser, type DbOsUser } from '../providers/local/os-user.ts';
import { findPgBinaries, type PgBinaries } from '../providers/local/pg-binaries.ts';
import { allocateFreePort } from '../providers/local/free-port.ts';
import { PgInstance, pgInstancePaths } from '../providers/local/pg-instance.ts';
import { runPgCommand } from '../providers/local/pg-command.ts';
import type { PgSettings } from '../providers/local/pg-config-files.ts';
import { onCleanup } from './cleanup-stack.ts';

export interface BenchRole {
  name: string;
  password: string;
  /** The SCRAM verifier PostgreSQL stored for the role (pg_authid.rolpassword). */
  scramVerifier: string;
}

export interface BenchCluster {
  primary: PgInstance;
  standbys: PgInstance[];
  superuserPassword: string;
  role: BenchRole;
  database: string;
  binaries: PgBinaries;
  osUser: DbOsUser;
  /** A superuser connection string for `node` (default the primary). */
  superuserUrl(node?: { host: string; port: number }, database?: string): string;
  stop(): Promise<void>;
}

export interface BenchClusterOptions {
  rootDir: string;
  standbys: number;
  /** pgbench scale factor; 0 skips pgbench initialisation. */
  pgbenchScale: number;
  /** max_connections (default 300): the scaling benchmark's per-worker pools can need more. */
  maxConnections?: number;
  log: (line: string) => void;
}

// Room for every target's server connections at once (the proxies keep theirs open across runs) and enough
// shared_buffers to hold scale 10 so select-only runs measure the path to the server, not the disk.
const BENCH_SETTINGS: PgSettings = { max_connections: 300, shared_buffers: '256MB' };
const CATCH_UP_TIMEOUT_MS = 120_000;

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function createRole(url: string, name: string, password: string): Promise<string> {
  return withClient(url, async (client) => {
    // A password cannot be a bind parameter in CREATE ROLE; escape it as a literal instead.
    const literal = client.escapeLiteral(password);
    await client.query(`CREATE ROLE ${client.escapeIdentifier(name)} LOGIN PASSWORD ${literal}`);
    await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)} OWNER ${client.escapeIdentifier(name)}`);
    const { rows } = await client.query<{ rolpassword: string }>('SELECT rolpassword FROM pg_authid WHERE rolname = $1', [name]);
    return rows[0].rolpassword;
  });
}

/** Waits until every standby streams and has replayed everything the primary has written so far. */
export async function waitForStandbys(primaryUrl: string, count: number): Promise<void> {
  if (count === 0) return;
  await withClient(primaryUrl, async (client) => {
    const target = (await client.query<{ lsn: string }>('SELECT pg_current_wal_lsn() AS lsn')).rows[0].lsn;
    const deadline = Date.now() + CATCH_UP_TIMEOUT_MS;
    for (;;) {
      const { rows } = await client.query<{ caught_up: string }>(
        "SELECT count(*) FILTER (WHERE state = 'streaming' AND replay_lsn >= $1::pg_lsn) AS caught_up FROM pg_stat_replication",
        [target],
      );
      if (Number(rows[0].caught_up) >= count) return;
      if (Date.now() > deadline) throw new Error(`Standbys did not catch up with the primary within ${CATCH_UP_TIMEOUT_MS / 1000} s.`);
      await new Promise((resolveWait) => setTimeout(resolveWait, 100));
    }
  });
}

async function initPgbench(cluster: BenchCluster, scale: number): Promise<void> {
  const { primary, role } = cluster;
  await runPgCommand(
    { binaries: cluster.binaries, user: cluster.osUser },
    'pgbench',
    ['-i', '-q', '-s', String(scale), '-h', primary.host, '-p', String(primary.port), '-U', role.name, cluster.database],
    { cwd: primary.socketDir, env: { PGPASSWORD: role.password }, secrets: [role.password], timeoutMs: 600_000 },
  );
  await withClient(cluster.superuserUrl(primary, cluster.database), (client) => client.query('VACUUM ANALYZE'));
}

/** Starts the cluster, creates the bench role and database, loads pgbench data and waits for the standbys. */
export async function startBenchCluster(options: BenchClusterOptions): Promise<BenchCluster> {
  const binaries = findPgBinaries();
  const osUser = resolveDbOsUser();
  await makeDbOwnedDir(options.rootDir, osUser, 0o755);
  const superuserPassword = randomBytes(18).toString('base64url');
  const names = ['primary', ...Array.from({ length: options.standbys }, (_, index) => `standby${index + 1}`)];
  const instances: PgInstance[] = [];
  for (const name of names) {
    const port = await allocateFreePort();
    instances.push(new PgInstance({ name, port, binaries, user: osUser, ...pgInstancePaths(join(options.rootDir, name)) }));
  }
  const [primary, ...standbys] = instances;
  const stopInstances = async (): Promise<void> => {
    await Promise.all(instances.map((instance) => instance.stop('immediate').catch(() => instance.kill9())));
  };
  // Stopping also deletes the data dirs: the failover benchmark builds several clusters in one run.
  const stop = onCleanup(`PostgreSQL cluster in ${options.rootDir}`, stopInstances, {
    pids: () => instances.flatMap((instance) => instance.processIds()),
    dirs: [options.rootDir],
  });
  const superuserUrl = (node: { host: string; port: number } = primary, database = 'postgres'): string =>
    `postgresql://postgres:${encodeURIComponent(superuserPassword)}@${node.host}:${node.port}/${database}`;
  const settings = { ...BENCH_SETTINGS, ...(options.maxConnections ? { max_connections: options.maxConnections } : {}) };
  const create = { superuserPassword, durability: 'unsafe-fast' as const, settings };
  options.log(`starting PostgreSQL ${binaries.version}: primary + ${standbys.length} standby(s)`);
  await primary.initPrimary(create);
  await primary.start();
  const rolePassword = randomBytes(18).toString('base64url');
  const scramVerifier = await createRole(superuserUrl(), 'bench', rolePassword);
  const cluster: BenchCluster = {
    primary, standbys, superuserPassword, binaries, osUser, superuserUrl, stop,
    role: { name: 'bench', password: rolePassword, scramVerifier },
    database: 'bench',
  };
  if (options.pgbenchScale > 0) {
    options.log(`pgbench -i -s ${options.pgbenchScale} on the primary`);
    await initPgbench(cluster, options.pgbenchScale);
  }
  for (const standby of standbys) {
    await standby.cloneStandby({ ...create, primary });
    await standby.start();
  }
  await waitForStandbys(superuserUrl(), standbys.length);
  return cluster;
}
