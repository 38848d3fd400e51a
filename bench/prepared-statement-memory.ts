// What the proxy keeps per distinct named prepared statement once its clients are gone (issue 19): 10 clients
// in turn each prepare 2,000 distinct statements through a transaction-pooling proxy, then all disconnect.
// Prints the heap (and Buffer) growth per statement, the proxy's catalog size and how many statements its
// server connection still holds prepared in PostgreSQL, with the default pool.maxPreparedStatements and with
// the bound out of the way (what the proxy did before it had one).
// Not a test. Run: node_modules/.bin/node bench/prepared-statement-memory.ts [clients] [statements-per-client]
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import pg from 'pg';
import { startPgCluster, type PgCluster } from '../test/support/pg-cluster.ts';
import { POOL_DEFAULTS } from '../proxy/config/proxy-defaults.ts';
import { silentLogger } from '../proxy/log.ts';
import { parseProxyConfig } from '../proxy/proxy-config.ts';
import { startProxy, type ProxyServer } from '../proxy/server.ts';

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

const clients = Number(process.argv[2] ?? 10);
const perClient = Number(process.argv[3] ?? 2000);

function retainedBytes(): number {
  collectGarbage();
  collectGarbage();
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
}

function startBoundedProxy(cluster: PgCluster, maxPreparedStatements: number): Promise<ProxyServer> {
  const config = parseProxyConfig({
    listen: { host: '127.0.0.1', port: 0 },
    backends: [{ name: 'primary', host: cluster.primary.host, port: cluster.primary.port, role: 'primary' }],
    users: [{ name: 'postgres', password: cluster.password }],
    // One server connection: every client's statements land on it, the worst case for the server side.
    pool: { mode: 'transaction', size: 1, maxPreparedStatements },
  });
  return startProxy({ config, log: silentLogger });
}

function clientOf(cluster: PgCluster, proxy: ProxyServer): pg.Client {
  return new pg.Client({ host: '127.0.0.1', port: proxy.port, user: 'postgres', password: cluster.password, database: 'postgres' });
}

/** One client after another, each preparing its own distinct statements; returns the bytes kept afterwards. */
async function measure(cluster: PgCluster, bound: number): Promise<string> {
  const proxy = await startBoundedProxy(cluster, bound);
  const warm = clientOf(cluster, proxy);
  await warm.connect();
  await warm.query({ name: 'warm', text: 'SELECT 0' });
  await warm.end();
  const before = retainedBytes();
  for (let c = 0; c < clients; c++) {
    const client = clientOf(cluster, proxy);
    await client.connect();
    for (let i = 0; i < perClient; i++) {
      const n = c * perClient + i;
      await client.query({ name: `s${i}`, text: `SELECT ${n}::int AS statement_${n}` });
    }
    await client.end();
  }
  const kept = retainedBytes() - before;
  const catalog = proxy.context.statements.size;
  const probe = clientOf(cluster, proxy);
  await probe.connect();
  const held = await probe.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_prepared_statements WHERE name LIKE 'pgtopo\\_%'");
  await probe.end();
  await proxy.stop(0);
  const total = clients * perClient;
  return `${String(bound).padStart(9)}  ${(kept / 1024).toFixed(0).padStart(8)} KiB  ${(kept / total).toFixed(0).padStart(6)} B/statement  catalog ${String(catalog).padStart(6)}  prepared on the server ${held.rows[0].n}`;
}

const cluster = await startPgCluster({ standbys: 0 });
try {
  console.log(`${clients} clients x ${perClient} distinct named statements, in turn, then all gone`);
  console.log('    bound   kept by the proxy     per statement   (proxy-wide)  (PostgreSQL side)');
  console.log(await measure(cluster, POOL_DEFAULTS.maxPreparedStatements));
  console.log(await measure(cluster, clients * perClient * 10));
} finally {
  await cluster.stop();
}
