// Hostile input: many clients send malformed, truncated and random bytes at every phase while a well-behaved
// client keeps querying. The proxy must answer with errors or close those connections, keep serving, and
// hold no client or busy server connection afterwards.
import { connect, type Socket } from 'node:net';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { startPgCluster, type PgCluster } from '../support/pg-cluster.ts';
import { startupMessage } from '../../proxy/protocol/message-builders.ts';
import { startProxyFor, type ProxyUnderTest } from './proxy-fixture.ts';

let cluster: PgCluster;
let px: ProxyUnderTest;

beforeAll(async () => {
  cluster = await startPgCluster({ standbys: 0 });
  // trust for the attackers' logins so they reach the data path without SCRAM.
  px = await startProxyFor(cluster, {
    pool: { mode: 'transaction', size: 5, queueTimeoutMs: 5000 },
    hba: [{ type: 'host', database: 'all', user: 'all', address: 'all', method: 'trust' }],
  });
});

afterAll(async () => {
  await px?.proxy.stop(0);
  await cluster?.stop();
});

function message(type: string, body: Buffer): Buffer {
  const header = Buffer.alloc(5);
  header.write(type, 0, 'latin1');
  header.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([header, body]);
}

/** One hostile payload; `round` picks the kind so every kind is sent many times. */
function payload(round: number): { login: boolean; bytes: Buffer } {
  const login = startupMessage({ user: 'postgres', database: 'postgres' });
  const kinds: (() => { login: boolean; bytes: Buffer })[] = [
    () => ({ login: false, bytes: randomBytes(1 + (round % 200)) }),
    () => ({ login: false, bytes: Buffer.concat([Buffer.from([0, 0, 0, 8, 4, 210, 22, 47]), randomBytes(round % 50)]) }),
    () => ({ login: false, bytes: Buffer.from([0x7f, 0xff, 0xff, 0xff, 0, 3, 0, 0]) }),
    () => ({ login: false, bytes: login.subarray(0, round % login.length) }),
    () => ({ login: true, bytes: randomBytes(1 + (round % 300)) }),
    () => ({ login: true, bytes: Buffer.from([0x51, 0xff, 0xff, 0xff, 0xff]) }),
    () => ({ login: true, bytes: Buffer.from([0x51, 0, 0, 0, 2]) }),
    () => ({ login: true, bytes: message('Q', Buffer.from('SELECT 1')).subarray(0, 7) }),
    () => ({ login: true, bytes: message('P', Buffer.from('\0SELECT broken((\0\0\0', 'latin1')) }),
    () => ({ login: true, bytes: message('B', randomBytes(round % 40)) }),
    () => ({ login: true, bytes: Buffer.concat([message('Q', Buffer.from('BEGIN\0')), message('Q', Buffer.from('SELECT 1\0'))]) }),
    () => ({ login: true, bytes: Buffer.concat([message('P', Buffer.from('\0SELECT 1\0\0\0', 'latin1')), message('E', randomBytes(3))]) }),
    () => ({ login: true, bytes: message('d', randomBytes(round % 100)) }),
  ];
  return kinds[round % kinds.length]();
}

function attack(port: number, round: number): Promise<void> {
  return new Promise((resolve) => {
    const socket: Socket = connect({ host: '127.0.0.1', port });
    const { login, bytes } = payload(round);
    const done = (): void => {
      socket.destroy();
      resolve();
    };
    socket.on('error', done);
    socket.on('close', done);
    socket.setTimeout(1000, done);
    socket.on('connect', () => {
      if (login) socket.write(startupMessage({ user: 'postgres', database: 'postgres' }));
      let sent = !login;
      if (sent) socket.write(bytes);
      socket.on('data', (chunk: Buffer) => {
        // After login (ReadyForQuery) send the hostile bytes; then wait for errors or close.
        if (!sent && chunk.includes(Buffer.from([0x5a, 0, 0, 0, 5]))) {
          sent = true;
          socket.write(bytes);
          setTimeout(done, 50 + (round % 100));
        }
      });
      if (sent) setTimeout(done, 50 + (round % 100));
    });
  });
}

describe('robustness against malformed input', () => {
  it('survives thousands of hostile messages while a good client keeps working, leaking nothing', async () => {
    const good = new pg.Client({ host: '127.0.0.1', port: px.port, user: 'postgres', database: 'postgres' });
    await good.connect();
    let goodQueries = 0;
    let stop = false;
    const goodLoop = (async () => {
      while (!stop) {
        const { rows } = await good.query<{ n: number }>('SELECT $1::int * 2 AS n', [goodQueries]);
        expect(rows[0].n).toBe(goodQueries * 2);
        goodQueries++;
      }
    })();
    const total = 2600;
    const parallel = 40;
    for (let round = 0; round < total; round += parallel) {
      await Promise.all(Array.from({ length: parallel }, (_, i) => attack(px.port, round + i)));
    }
    stop = true;
    await goodLoop;
    await good.end();
    expect(goodQueries).toBeGreaterThan(10);

    // Everything the attackers opened is gone and every server is idle (or closed), none stuck in a transaction.
    const deadline = Date.now() + 10_000;
    const ctx = px.proxy.context;
    while ((ctx.clients.size > 0 || ctx.pools.pools.some((p) => p.active > 0)) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(ctx.clients.size).toBe(0);
    expect(ctx.pools.pools.reduce((n, p) => n + p.active, 0)).toBe(0);
    expect(ctx.pools.serverCount).toBeLessThanOrEqual(5);
    const check = new pg.Client({ connectionString: cluster.connectionString(cluster.primary) });
    await check.connect();
    const stuck = await check.query("SELECT count(*)::int AS n FROM pg_stat_activity WHERE state LIKE 'idle in transaction%'");
    await check.end();
    expect(stuck.rows[0].n).toBe(0);
  });
});
