// After a new server connection failed, a pool starts no other for a second: a client queueing meanwhile waits for
// the janitor's retry instead of starting one, and a read that could run elsewhere (acquireUnlessFull) is told
// 'full' so it stays on its transaction's server. Against a real socket: a loopback port nothing listens on.
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { Pool, type PoolHost, type PoolWaiter } from '../../../proxy/pool/pool.ts';
import { POOL_DEFAULTS } from '../../../proxy/config/proxy-defaults.ts';
import { BackendAddressResolver } from '../../../proxy/backend/backend-address-resolver.ts';
import { silentLogger } from '../../../proxy/log.ts';
import type { ServerConnection } from '../../../proxy/backend/server-connection.ts';

/** A port that refuses connections: bound, then closed again. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function poolAt(port: number): Pool {
  const host: PoolHost = {
    config: { ...POOL_DEFAULTS, connectTimeoutMs: 1000 },
    backendTls: { mode: 'disable', ca: null },
    paused: false,
    log: silentLogger,
    addresses: new BackendAddressResolver([]),
    now: Date.now(),
    reserveServer: () => true,
    serverClosed: () => undefined,
    yieldsServer: () => false,
    awaitServerExit: false,
    serverUnreachable: () => undefined,
    waitTimedOut: () => undefined,
    turnedReadOnly: () => undefined,
  };
  const backend = { id: 0, name: 'gone', host: '127.0.0.1', port, weight: 1, role: 'primary' as const, alwaysPrimary: false, noFailover: false };
  return new Pool(host, backend, { name: 'app', secret: null, backendPassword: 'secret', admin: false }, 'postgres');
}

function waiter(): PoolWaiter & { failed: Promise<string> } {
  let fail: (sqlstate: string) => void = () => undefined;
  const failed = new Promise<string>((resolve) => (fail = resolve));
  return { onServerAssigned: (_server: ServerConnection) => undefined, onAcquireFailed: (sqlstate) => fail(sqlstate), failed };
}

describe('a pool whose new server connection failed', () => {
  it('opens none for a second, then the janitor\'s pass tries again', async () => {
    const pool = poolAt(await closedPort());
    const first = waiter();
    expect(pool.acquire(first, null)).toBeNull();
    expect(pool.opening).toBe(1);
    expect(await first.failed).toBe('08006'); // refused, and the pool has no server: failed at once
    expect(pool.opening).toBe(0);

    expect(pool.waiting).toBe(0);
    expect(pool.acquireUnlessFull(waiter())).toBe('full'); // a read stays where its transaction is
    const queued = waiter();
    expect(pool.acquire(queued, null)).toBeNull();
    expect(pool.opening).toBe(0); // waits for the retry instead of starting one

    await new Promise((resolve) => setTimeout(resolve, 1100));
    pool.serveWaiters(); // what the janitor does once a second for a pool with waiters
    expect(pool.opening).toBe(1);
    expect(await queued.failed).toBe('08006');
  });
});
