// Holding many clients (issue 18), the cheap CI cut of `npm run bench -- --many-clients`: 2,000 logged-in
// idle clients stay open while 50 active pgbench clients share a pool of 4 server connections. No login,
// transaction or idle client may fail, and every idle client still answers a query afterwards.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPgCluster, type PgCluster } from '../support/pg-cluster.ts';
import { findPgBinaries } from '../../providers/local/pg-binaries.ts';
import { droppedClients, loginClients, queryEach, type IdleClient } from '../../bench/idle-clients.ts';
import { startProxyFor, type ProxyUnderTest } from './proxy-fixture.ts';

const run = promisify(execFile);
const IDLE = 2000;
const ACTIVE = 50;
const POOL_SIZE = 4;
let cluster: PgCluster;
let px: ProxyUnderTest;
let pgbench: string;
const idle: IdleClient[] = [];

async function waitFor(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolveWait) => setTimeout(resolveWait, 20));
  }
}

beforeAll(async () => {
  cluster = await startPgCluster({ standbys: 0 });
  pgbench = `${findPgBinaries().binDir}/pgbench`;
  const env = { ...process.env, PGPASSWORD: cluster.password };
  await run(pgbench, ['-h', '127.0.0.1', '-p', String(cluster.primary.port), '-U', 'postgres', '-i', '-s', '1', '-q', 'postgres'], { env });
  px = await startProxyFor(cluster, { pool: { mode: 'transaction', size: POOL_SIZE, maxClientConnections: IDLE + ACTIVE + 10 } });
});

afterAll(async () => {
  for (const client of idle) client.close();
  await px?.proxy.stop(0);
  await cluster?.stop();
});

describe('many clients through one proxy', () => {
  it(`holds ${IDLE} idle clients while ${ACTIVE} active ones share ${POOL_SIZE} server connections, without an error`, async () => {
    const target = { host: '127.0.0.1', port: px.port, user: 'postgres', password: cluster.password, database: 'postgres' };
    await loginClients(target, IDLE, idle);
    expect(idle).toHaveLength(IDLE);
    expect(px.proxy.context.clients.size).toBe(IDLE);

    const env = { ...process.env, PGPASSWORD: cluster.password };
    const args = ['-h', '127.0.0.1', '-p', String(px.port), '-U', 'postgres', '-n', '-S', '-M', 'simple', '-c', String(ACTIVE), '-j', '2', '-t', '100', 'postgres'];
    const { stdout } = await run(pgbench, args, { env });
    expect(stdout).toMatch(new RegExp(`number of transactions actually processed: ${ACTIVE * 100}/${ACTIVE * 100}`));
    expect(stdout).toMatch(/number of failed transactions: 0 /);

    expect(droppedClients(idle)).toEqual(new Map());
    expect(await queryEach(idle)).toBe(0);
    const serverConnections = px.proxy.context.pools.pools.reduce((n, pool) => n + pool.servers.size, 0);
    expect(serverConnections).toBeLessThanOrEqual(POOL_SIZE);

    for (const client of idle.splice(0)) client.close();
    await waitFor(() => px.proxy.context.clients.size === 0, 'the proxy to see every idle client leave');
  });
});
