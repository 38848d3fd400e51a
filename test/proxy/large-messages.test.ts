// Big results and big statements through the proxy: partial socket writes, backpressure and the reusable read
// buffers must not corrupt or lose a byte, including while other clients share the servers.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { serialize } from 'pg-protocol';
import { startPgCluster, type PgCluster } from '../support/pg-cluster.ts';
import { seededRandom } from '../support/seeded-random.ts';
import { startProxyFor, type ProxyUnderTest } from './proxy-fixture.ts';
import { WireClient } from './wire-client.ts';

let cluster: PgCluster;
let px: ProxyUnderTest;

beforeAll(async () => {
  cluster = await startPgCluster({ standbys: 0 });
  // trust: the raw protocol client below logs in without a password
  px = await startProxyFor(cluster, { pool: { mode: 'transaction', size: 2 }, hba: [{ type: 'host', database: 'all', user: 'all', address: '127.0.0.1/32', method: 'trust' }] });
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

  it('keeps pipelined statements of every size intact while client read buffers grow and shrink', async () => {
    // Sizes around the small read buffer (512 B) and the large one (64 KiB), sent as one pipelined stream in
    // chunks cut at random offsets, by several clients sharing two servers: every read size and every switch of
    // buffer, while the other clients' reads land in buffers of their own.
    const random = seededRandom(18);
    const sizes = [10, 400, 600, 2_000, 70_000, 300_000];
    const clients = await Promise.all([1, 2, 3, 4].map(() => WireClient.login(px.port)));
    for (let round = 0; round < 5; round++) {
      await Promise.all(clients.map(async (client) => {
        const payloads = Array.from({ length: 24 }, () => 'z'.repeat(Math.ceil(sizes[Math.floor(random() * sizes.length)]! * (0.5 + random()))));
        const stream = Buffer.concat(payloads.map((payload) => serialize.query(`SELECT md5('${payload}')`)));
        const answer = client.request(Buffer.alloc(0), payloads.length);
        for (let at = 0; at < stream.length;) {
          const cut = Math.min(stream.length, at + 1 + Math.floor(random() * 100_000));
          client.socket.write(stream.subarray(at, cut));
          at = cut;
        }
        const { firstColumn, errors } = await answer;
        expect(errors).toEqual([]);
        expect(firstColumn).toEqual(payloads.map((payload) => createHash('md5').update(payload).digest('hex')));
      }));
    }
    await Promise.all(clients.map((client) => client.end()));
  });
});
