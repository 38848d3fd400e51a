// pool.clientIdleTimeoutMs against real PostgreSQL: a client idle outside a transaction is closed with FATAL 57P05,
// one idle inside a transaction for longer is left alone, in transaction and session pooling, and a reload turns
// the timeout on for clients already connected. No timing assertions: each test waits for the close it expects.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { startPgCluster, type PgCluster } from '../support/pg-cluster.ts';
import { proxyConfigFor, startProxyFor, type ProxyUnderTest } from './proxy-fixture.ts';

const TIMEOUT_MS = 100;

let cluster: PgCluster;
let running: ProxyUnderTest | null = null;

beforeAll(async () => {
  cluster = await startPgCluster({ standbys: 0 });
});

afterEach(async () => {
  await running?.proxy.stop(0);
  running = null;
});

afterAll(async () => {
  await cluster?.stop();
});

/** Resolves with the SQLSTATE of the error the proxy closes the client's connection with. */
function closedWith(client: pg.Client): Promise<string> {
  return new Promise((resolve) => client.once('error', (error: Error & { code?: string }) => resolve(error.code ?? error.message)));
}

describe.each(['transaction', 'session'])('client idle timeout, %s pooling', (mode) => {
  it('closes a client idle outside a transaction with 57P05 and leaves one idle inside a transaction', async () => {
    running = await startProxyFor(cluster, { pool: { mode, clientIdleTimeoutMs: TIMEOUT_MS } });
    // Opened first, so it has been idle (inside its transaction) for longer than the client that gets closed.
    const inTransaction = await running.client();
    await inTransaction.query('BEGIN');
    await inTransaction.query('SELECT 1');
    const idle = await running.client();
    const closed = closedWith(idle);
    await idle.query('SELECT 1');
    expect(await closed).toBe('57P05');
    expect((await inTransaction.query('SELECT 2 AS two')).rows[0].two).toBe(2);
    await inTransaction.query('COMMIT');
    await inTransaction.end();
  });
});

describe('client idle timeout on reload', () => {
  it('applies a timeout set by a reload to clients already connected', async () => {
    running = await startProxyFor(cluster);
    const client = await running.client();
    const closed = closedWith(client);
    await running.proxy.reload(proxyConfigFor(cluster, { pool: { clientIdleTimeoutMs: TIMEOUT_MS } }));
    expect(await closed).toBe('57P05');
  });
});
