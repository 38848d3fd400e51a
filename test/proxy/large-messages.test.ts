// Big results and big statements through the proxy: partial socket writes, backpressure and the reusable read
// buffers must not corrupt or lose a byte, including while other clients share the servers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { startPgCluster, type PgCluster } from '../support/pg-cluster.ts';
import { startProxyFor, type ProxyUnderTest } from './proxy-fixture.ts';

let cluster: PgCluster;
let px: ProxyUnderTest;

beforeAll(async () => {
  cluster = await startPgCluster({ standbys: 0 });
  px = await startProxyFor(cluster, { pool: { mode: 'transaction', size: 2 } });
});

afterAll(async () => {
  await px?.proxy.stop(0);
  await cluster?.stop();
});

const BIG = "SELECT i, md5(i::text) || repeat('x', 200) AS payload FROM generate_series(1, 60000) AS i";

describe('large messages', () => {
  it('delivers big results to several concurrent clients byte for byte', async () => {
    const clients = await Promise.all([1, 2, 3, 4].map(() => px.client()));
    const results = await Promise.all(clients.map((c) => c.query<{ i: number; payload: string }>(BIG)));
    for (const { rows } of results) {
      expect(rows).toHaveLength(60000);
      expect(rows[59999].i).toBe(60000);
      expect(rows.every((row, index) => row.i === index + 1 && row.payload.length === 232 && row.payload.endsWith('x'))).toBe(true);
    }
    await Promise.all(clients.map((c) => c.end()));
  });

  it('forwards a multi-megabyte statement and parameter intact', async () => {
    const client = await px.client();
    const text = 'y'.repeat(3 * 1024 * 1024);
    const { rows } = await client.query<{ n: number; h: string }>('SELECT length($1::text) AS n, md5($1::text) AS h', [text]);
    const direct = new pg.Client({ connectionString: cluster.connectionString(cluster.primary) });
    await direct.connect();
    const expected = await direct.query<{ h: string }>('SELECT md5($1::text) AS h', [text]);
    await direct.end();
    expect(rows[0]).toEqual({ n: text.length, h: expected.rows[0].h });
    await client.end();
  });
});
