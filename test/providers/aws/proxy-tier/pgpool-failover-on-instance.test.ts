// A failover on a proxy instance of an `engine: pgpool2` tier, with real Pgpool-II and PostgreSQL: `pgtopo
// pgpool-files` gives Pgpool-II pgtopo's failover and follow-primary scripts, which reach the nodes over TCP as a
// monitor role with only the grants proxy/README.md lists. Before, a lost primary was only detached and writes
// failed until someone promoted a standby by hand. Two rounds of kill -9: each promotes a standby, the one left
// follows the new primary, and no sample ever sees two writable primaries.
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { allocateFreePort } from '../../../../providers/local/free-port.ts';
import { makeTraversable, resolveDbOsUser } from '../../../../providers/local/os-user.ts';
import { startProxyProcess, stopProxyProcess } from '../../../../providers/local/proxy-process.ts';
import { eventually, startPgCluster, type PgCluster, type PgClusterNode } from '../../../support/pg-cluster.ts';
import { runCliCaptured } from '../run-cli-captured.ts';
import { installAwsWorld, type AwsWorld } from '../world/aws-world.ts';

const REGION = 'ap-northeast-1';
const PARAMETER = '/pgtopo/shop/orders/proxy-config/0';
const MONITOR_PASSWORD = 'monitor:secret\\1';
const user = resolveDbOsUser();

interface PoolNode { port: string; status: string; role: string }

let cluster: PgCluster;
let world: AwsWorld;
let root: string;
let filesDir: string;
let proxyPort: number;
const savedRegion = process.env.AWS_REGION;

const nodes = (): PgClusterNode[] => [cluster.primary, ...cluster.standbys];

// Backends are named as the instances' cluster_name, which their walreceivers report as application_name: Pgpool-II
// knows a standby in pg_stat_replication only by its backend_application_name, and takes it back only then.

function topology(): string {
  return `version: 1
name: shop
clusters:
  orders:
    environment: ec2
    region: ${REGION}
    vpc: { id: vpc-0a1b2c3d, cidr: 10.0.0.0/16 }
    backends:
      static:
${nodes().map((node) => `        - { name: ${node.name}, host: 127.0.0.1, port: ${node.port} }`).join('\n')}
    proxy:
      engine: pgpool2
      instances: 1
      port: ${proxyPort}
      subnets: [subnet-0a1b]
      healthCheck: { period: 1s, timeout: 1s, retries: 0 }
      replicationCheck: { period: 1s }
      failover: { enabled: true }
      monitor: { name: pgtopo_monitor, password: { fromEnv: MONITOR_DB_PASSWORD } }
      ha: { method: none }
users:
  - name: app
    password: { fromEnv: APP_DB_PASSWORD }
`;
}

async function throughPgpool<T extends pg.QueryResultRow>(sql: string): Promise<T[]> {
  // Bounded: without a failover, Pgpool-II holds a client that needs the lost primary.
  const client = new pg.Client({ host: '127.0.0.1', port: proxyPort, user: 'app', password: 'app-secret', database: 'postgres', connectionTimeoutMillis: 5_000, query_timeout: 5_000 });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

/** The nodes that answer and take writes, sampled every 50 ms until stopped; returns the samples with more than one. */
function doublePrimarySampler(): { stop: () => Promise<number[][]> } {
  const doubles: number[][] = [];
  let running = true;
  const writable = async (node: PgClusterNode): Promise<boolean> => {
    const rows = await cluster.query<{ recovering: boolean }>(node, 'SELECT pg_is_in_recovery() AS recovering').catch(() => []);
    return rows[0]?.recovering === false;
  };
  const loop = (async () => {
    while (running) {
      const flags = await Promise.all(nodes().map(writable));
      const primaries = nodes().filter((_, index) => flags[index]).map((node) => node.port);
      if (primaries.length > 1) doubles.push(primaries);
      await sleep(50);
    }
  })();
  return { stop: async () => { running = false; await loop; return doubles; } };
}

beforeAll(async () => {
  cluster = await startPgCluster({ standbys: 2 });
  // The monitor role with the grants proxy/README.md lists for a monitor that is not a superuser.
  for (const sql of [
    "CREATE ROLE app LOGIN PASSWORD 'app-secret'",
    `CREATE ROLE pgtopo_monitor LOGIN PASSWORD '${MONITOR_PASSWORD.replaceAll("'", "''")}'`,
    'GRANT pg_monitor TO pgtopo_monitor',
    'GRANT EXECUTE ON FUNCTION pg_promote(boolean, integer) TO pgtopo_monitor',
    'GRANT EXECUTE ON FUNCTION pg_reload_conf() TO pgtopo_monitor',
    'GRANT ALTER SYSTEM ON PARAMETER primary_conninfo TO pgtopo_monitor',
    'CREATE TABLE marks (round int)',
    'GRANT INSERT, SELECT ON marks TO app',
  ]) await cluster.query(cluster.primary, sql);
  world = installAwsWorld();
  world.ec2ProxyTier.addSubnet(REGION, 'subnet-0a1b', 'vpc-0a1b2c3d', `${REGION}a`);
  process.env.APP_DB_PASSWORD = 'app-secret';
  process.env.MONITOR_DB_PASSWORD = MONITOR_PASSWORD;
  process.env.AWS_REGION = REGION;
  root = mkdtempSync(join(tmpdir(), 'pgtopo-pgpool-failover-'));
  await makeTraversable(root);
  filesDir = join(root, 'pgpool');
  proxyPort = await allocateFreePort();
}, 120_000);

afterAll(async () => {
  if (filesDir) await stopProxyProcess(filesDir, join(filesDir, 'pgpool.conf'));
  world?.restore();
  await cluster?.stop();
  if (root) rmSync(root, { recursive: true, force: true });
  delete process.env.APP_DB_PASSWORD;
  delete process.env.MONITOR_DB_PASSWORD;
  if (savedRegion === undefined) delete process.env.AWS_REGION;
  else process.env.AWS_REGION = savedRegion;
}, 60_000);

it('promotes a standby and re-points the other after each kill -9 of the primary, never making two primaries', async () => {
  const file = join(root, 'pgtopo.yaml');
  writeFileSync(file, topology());
  const applied = await runCliCaptured(['apply', file, '--auto-approve']);
  expect(applied.code, applied.stderr + applied.stdout).toBe(0);
  const written = await runCliCaptured(['pgpool-files', '--config', `ssm:${PARAMETER}`, '--dir', filesDir, '--run-dir', filesDir,
    '--owner', user.name, '--pcp-port', String(await allocateFreePort())]);
  expect(written.code, written.stdout + written.stderr).toBe(0);
  const conf = readFileSync(join(filesDir, 'pgpool.conf'), 'utf8');
  expect(conf).toContain(`failover_command = '"${filesDir}/failover.sh" %d %P'`);
  expect(conf).toContain(`follow_primary_command = '"${filesDir}/follow-primary.sh" %d %H %r %P'`);
  for (const name of ['failover.sh', 'follow-primary.sh']) {
    expect([statSync(join(filesDir, name)).mode & 0o777, statSync(join(filesDir, name)).uid]).toEqual([0o700, user.uid]);
    expect(readFileSync(join(filesDir, name), 'utf8')).not.toContain('secret');
  }
  expect(statSync(join(filesDir, 'monitor.pgpass')).mode & 0o777).toBe(0o600);
  expect(conf).not.toContain('secret');
  await startProxyProcess({ dir: filesDir, engine: 'pgpool2', configFile: join(filesDir, 'pgpool.conf'), host: '127.0.0.1', port: proxyPort, env: {}, user });
  await eventually('every node up, node 0 found the primary', () => throughPgpool<PoolNode>('SHOW POOL_NODES'),
    (rows) => rows.map((row) => `${row.status} ${row.role}`).join(', ') === 'up primary, up standby, up standby', 30_000);

  let primary = cluster.primary;
  for (const round of [1, 2]) {
    const sampler = doublePrimarySampler();
    await primary.instance.kill9();
    const [mark] = await eventually(`round ${round}: a write through Pgpool-II after the failover`, () => throughPgpool<{ port: number }>(
      `INSERT INTO marks VALUES (${round}) RETURNING inet_server_port() AS port`).catch(() => []), (rows) => rows.length === 1, 60_000);
    const promoted = nodes().find((node) => node.port === mark!.port)!;
    expect(promoted.port).not.toBe(primary.port);
    const follower = nodes().find((node) => node !== primary && node !== promoted && round === 1);
    if (follower) {
      await eventually(`round ${round}: ${follower.name} to stream from the new primary`, () => cluster.query<{ port: number }>(follower,
        "SELECT sender_port AS port FROM pg_stat_wal_receiver WHERE status = 'streaming'"), (rows) => rows[0]?.port === promoted.port, 30_000);
      await eventually(`round ${round}: Pgpool-II to attach ${follower.name} again`, () => throughPgpool<PoolNode>('SHOW POOL_NODES'),
        (rows) => rows.find((row) => Number(row.port) === follower.port)?.status === 'up', 60_000);
    }
    expect(await sampler.stop(), `round ${round}: samples with two writable primaries`).toEqual([]);
    primary = promoted;
  }
  const log = readFileSync(join(filesDir, 'proxy.log'), 'utf8');
  expect(log).toMatch(/failover: promoting node \d at 127\.0\.0\.1:\d+/);
  expect(log).not.toContain('secret');
}, 240_000);
