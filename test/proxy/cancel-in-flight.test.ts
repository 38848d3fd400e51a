// A cancel must only ever hit the statement of the client that asked for it. Under transaction pooling the
// server connection goes to the next client as soon as a statement ends, while the CancelRequest the proxy sent
// for it may not have reached PostgreSQL yet (a new connection: connect, fork, signal). Here the path to
// PostgreSQL is slow for new connections only, so client A's cancel lands after A's statement ended by itself;
// the one server connection must wait for it before client B's statement runs there.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from 'node:net';
import type pg from 'pg';
import { serialize } from 'pg-protocol';
import { startPgCluster, type PgCluster } from '../support/pg-cluster.ts';
import { startTcpRelay, type TcpRelay } from '../support/tcp-relay.ts';
import { startProxyFor, type ProxyUnderTest } from './proxy-fixture.ts';

const CANCEL_DELAY_MS = 400;
let cluster: PgCluster;
let relay: TcpRelay;
let px: ProxyUnderTest;
let clients: pg.Client[] = [];

beforeAll(async () => {
  cluster = await startPgCluster({ standbys: 0 });
  relay = await startTcpRelay('127.0.0.1', 0, cluster.primary);
  px = await startProxyFor(cluster, {
    backends: [{ name: 'primary', host: relay.host, port: relay.port, role: 'primary' }],
    pool: { mode: 'transaction', size: 1 },
    healthCheck: { periodMs: 60_000, timeoutMs: 5000, retries: 0, retryDelayMs: 0 },
  });
  clients = [await px.client({ application_name: 'a' }), await px.client({ application_name: 'b' })];
  await clients[0].query('SELECT 1'); // the pool's one server connection opens now, before new connections slow down
  relay.delayNew(CANCEL_DELAY_MS);
});

afterAll(async () => {
  await Promise.all(clients.map((client) => client.end().catch(() => undefined)));
  await px?.proxy.stop(0);
  await relay?.close();
  await cluster?.stop();
});

function outcome(query: Promise<unknown>): Promise<string> {
  return query.then(() => 'finished', (error: { code?: string }) => error.code ?? 'no sqlstate');
}

function cancel(client: pg.Client): Promise<void> {
  const { processID, secretKey } = client as pg.Client & { processID: number; secretKey: number };
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port: px.port }, () => socket.end(serialize.cancel(processID, secretKey)));
    socket.on('error', reject);
    socket.on('close', () => resolve());
  });
}

describe('a cancel still on its way when its statement ends', () => {
  it("never cancels the next client's statement on that server connection (3 rounds)", async () => {
    const [a, b] = clients;
    for (let round = 0; round < 3; round++) {
      const aSleeps = outcome(a.query('SELECT pg_sleep(0.2)'));
      await new Promise((resolve) => setTimeout(resolve, 50));
      await cancel(a); // reaches PostgreSQL ~400 ms later, after A's statement ended by itself
      const bSleeps = outcome(b.query('SELECT pg_sleep(0.6)')); // queued for the one server connection
      expect(await aSleeps).toBe('finished');
      expect(await bSleeps).toBe('finished');
    }
  });
});
