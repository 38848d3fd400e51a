// Writes that arrive while a failover is under way (the primary is lost, a standby's promotion pending) must never
// reach a standby, which answers 25006 (read-only transaction) and makes clients that retry only on connection
// errors give up. Three rounds: kill -9 the current primary while clients write in a loop; every write either
// succeeds (after the kill: on the promoted standby) or fails with a connection error (see connectionError) that
// the writer answers by reconnecting. Before the fix, writes between the primary's detachment and the promotion
// went to a standby and got 25006.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startPgCluster, type PgCluster, type PgClusterNode } from '../../support/pg-cluster.ts';
import { startProxyFor, type ProxyUnderTest } from '../proxy-fixture.ts';

const ROUNDS = 3;
const WRITERS = 3;
/** Successful writes on the new primary, per writer, that end a round. */
const WRITES_AFTER_FAILOVER = 5;

let cluster: PgCluster;
let px: ProxyUnderTest;

beforeAll(async () => {
  cluster = await startPgCluster({ standbys: ROUNDS });
  await cluster.query(cluster.primary, 'CREATE TABLE ticks (writer int NOT NULL)');
  px = await startProxyFor(cluster, {
    healthCheck: { periodMs: 500, timeoutMs: 1000, retries: 1, retryDelayMs: 200 },
    failover: { enabled: true },
  });
}, 120_000);

afterAll(async () => {
  await px?.proxy.stop(0);
  await cluster?.stop();
});

interface Outcomes {
  /** Ports of the nodes successful writes ran on, in order. */
  ports: number[];
  /** SQLSTATEs (or messages, when there is none) of failed writes. */
  failures: string[];
}

/** Writes in a loop until `done()` says so; reconnects after an error, as a client retrying on it would. */
async function writeUntil(writer: number, done: (ports: number[]) => boolean, deadline: number): Promise<Outcomes> {
  const outcomes: Outcomes = { ports: [], failures: [] };
  let client: pg.Client | null = null;
  while (!done(outcomes.ports) && Date.now() < deadline) {
    try {
      client ??= await px.client();
      const sql = outcomes.ports.length % 2 === 0
        ? "INSERT INTO ticks VALUES ($1) RETURNING current_setting('port')::int AS port"
        : "WITH w AS (INSERT INTO ticks VALUES ($1) RETURNING 1) SELECT current_setting('port')::int AS port FROM w";
      outcomes.ports.push((await client.query<{ port: number }>(sql, [writer])).rows[0].port);
    } catch (error) {
      outcomes.failures.push((error as { code?: string }).code ?? (error as Error).message);
      await client?.end().catch(() => undefined);
      client = null;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
  await client?.end().catch(() => undefined);
  return outcomes;
}

/**
 * What a client retrying on connection errors retries on: class 08 (the proxy's 08006 for a lost or unreachable
 * server), and PostgreSQL's own FATAL 57P01 "terminating connection due to unexpected postmaster exit" to a
 * statement running as the primary dies. Not node-postgres' "not queryable": a FATAL that reached a client between
 * its statements (a server's message after the ReadyForQuery that released it was delivered to that client).
 */
function connectionError(failure: string): boolean {
  return failure.startsWith('08') || failure === '57P01';
}

describe('writes during a failover', () => {
  it(`never reach a standby: they run on the new primary or fail with a connection error (${ROUNDS} rounds)`, async () => {
    let primary: PgClusterNode = cluster.primary;
    let standbys = [...cluster.standbys];
    for (let round = 0; round < ROUNDS; round++) {
      const killed = primary;
      const writing = Array.from({ length: WRITERS }, (_, writer) => {
        // A writer is done once it has written on a node other than the killed one often enough.
        const done = (ports: number[]): boolean => ports.filter((port) => port !== killed.port).length >= WRITES_AFTER_FAILOVER;
        return writeUntil(writer, done, Date.now() + 40_000);
      });
      await new Promise((resolve) => setTimeout(resolve, 300));
      await killed.instance.kill9();
      const outcomes = await Promise.all(writing);

      const promoted = await eventually('a standby to be promoted', async () => {
        const roles = await Promise.all(standbys.map((s) => cluster.query<{ r: boolean }>(s, 'SELECT pg_is_in_recovery() AS r')));
        return standbys.filter((_, i) => !roles[i][0].r);
      }, (found) => found.length === 1);
      const [next] = promoted;
      for (const { ports, failures } of outcomes) {
        expect(failures.filter((failure) => !connectionError(failure)), `round ${round}: failures ${failures.join(', ')}`).toEqual([]);
        const afterKill = ports.slice(ports.indexOf(ports.find((port) => port !== killed.port) ?? -1));
        expect(new Set(afterKill), `round ${round}: ports ${ports.join(', ')}`).toEqual(new Set([next.port]));
        expect(afterKill.length).toBeGreaterThanOrEqual(WRITES_AFTER_FAILOVER);
      }
      console.log(`round ${round}: failed writes ${outcomes.map((o) => o.failures.join('/') || 'none').join(', ')}`);
      primary = next;
      standbys = standbys.filter((s) => s !== next);
      if (standbys.length > 0) {
        await cluster.waitForStreaming(primary, standbys.map((s) => s.name));
      }
    }
  }, 150_000);
});
