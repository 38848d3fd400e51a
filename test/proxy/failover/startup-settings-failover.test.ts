// Clients that logged in with startup settings (application_name, options' -c search_path / DateStyle) must keep
// being answered across a failover: the proxy carries those settings to every server it assigns them (sent ahead
// of the client's message, its answer dropped), also to a server on the promoted standby. Each round kills -9 the
// primary while such clients write (autocommit and in explicit transactions); every statement is answered, on the
// new primary and with the settings PostgreSQL itself gives such a login, or fails with a connection error the
// client answers by reconnecting. A statement left unanswered for STALL_MS counts as a stall. Before the fixes,
// clients stalled after a failover (their first message, queued for a new server, waited behind the carried SET)
// search_path=a,b arrived as the single schema "a,b", and a server opened with one client's settings kept them
// for later clients that did not set them (RESET returns to the value at login).
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startPgCluster, type PgCluster, type PgClusterNode } from '../../support/pg-cluster.ts';
import { startProxyFor, type ProxyUnderTest } from '../proxy-fixture.ts';

const ROUNDS = 2;
/** Statements answered on the new primary, per client, that end a round. */
const ANSWERS_AFTER_FAILOVER = 4;
/** Far beyond a failover here (a health check every 300 ms): a statement this late is not coming. */
const STALL_MS = 8_000;

/** The startup settings each client logs in with; the server must run its statements with them, and no others. */
const CLIENTS: { name: string; options: Partial<pg.ClientConfig> }[] = [
  { name: 'application_name', options: { application_name: 'stall-app' } },
  { name: 'options', options: { application_name: 'stall-opts', options: '-c search_path=ticks_schema,public -c DateStyle=SQL,DMY' } },
  { name: 'none', options: {} },
];
const SETTINGS = ['application_name', 'search_path', 'DateStyle'];

let cluster: PgCluster;
let px: ProxyUnderTest;
/** Per client, what PostgreSQL itself runs with after a direct login with the same startup parameters. */
let expected: Record<string, string>[];

beforeAll(async () => {
  cluster = await startPgCluster({ standbys: ROUNDS });
  await cluster.query(cluster.primary, 'CREATE SCHEMA ticks_schema');
  await cluster.query(cluster.primary, 'CREATE TABLE ticks_schema.ticks (client text NOT NULL)');
  expected = await Promise.all(CLIENTS.map(async ({ options }) => {
    const direct = new pg.Client({ connectionString: cluster.connectionString(cluster.primary), ...options });
    await direct.connect();
    try {
      const { rows } = await direct.query<Record<string, string>>(`SELECT ${SETTINGS.map((name) => `current_setting('${name}') AS "${name}"`).join(', ')}`);
      return rows[0];
    } finally {
      await direct.end();
    }
  }));
  px = await startProxyFor(cluster, {
    healthCheck: { periodMs: 300, timeoutMs: 1000, retries: 0, retryDelayMs: 0 },
    failover: { enabled: true },
  });
}, 120_000);

afterAll(async () => {
  await px?.proxy.stop(0);
  await cluster?.stop();
});

interface Outcomes {
  ports: number[];
  failures: string[];
  /** Settings the server ran the statements with, when they differed from the client's startup settings. */
  wrongSettings: string[];
}

class Stalled extends Error {}

/** The statement's answer, or Stalled once it waited STALL_MS. */
async function answered<T>(pending: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const stall = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Stalled(`${what} unanswered for ${STALL_MS} ms`)), STALL_MS);
  });
  try {
    return await Promise.race([pending, stall]);
  } finally {
    clearTimeout(timer);
  }
}

const WRITE_SQL = `INSERT INTO ticks_schema.ticks VALUES ($1) RETURNING current_setting('port')::int AS port,
  current_setting('application_name') AS application_name, current_setting('search_path') AS search_path,
  current_setting('DateStyle') AS "DateStyle"`;

/** node-postgres' answer to a query after its connection got an error it was not waiting for. */
const NOT_QUERYABLE = 'Client has encountered a connection error and is not queryable';
/**
 * A session idle in a transaction gets PostgreSQL's FATAL as the primary goes (as it would connected directly):
 * node-postgres answers the transaction's next statement with NOT_QUERYABLE. Between transactions that would be a
 * proxy bug (see writes-during-failover.test.ts).
 */
const LOST_IN_TRANSACTION = 'connection lost in a transaction';

/** One write: autocommit, or inside an explicit transaction (alternately, `progress.inTransaction` while inside). */
async function write(client: pg.Client, name: string, explicit: boolean, progress: { inTransaction: boolean }): Promise<Record<string, string | number>> {
  if (!explicit) return (await answered(client.query(WRITE_SQL, [name]), `${name}: an autocommit write`)).rows[0];
  await answered(client.query('BEGIN'), `${name}: BEGIN`);
  progress.inTransaction = true;
  const { rows } = await answered(client.query(WRITE_SQL, [name]), `${name}: a write in a transaction`);
  await answered(client.query('COMMIT'), `${name}: COMMIT`);
  progress.inTransaction = false;
  return rows[0];
}

/** Writes in a loop until `done()` says so; calls `wrote` after the first answer. Reconnects after an error. */
async function writeUntil(spec: (typeof CLIENTS)[number], settings: Record<string, string>, done: (ports: number[]) => boolean, wrote: () => void, deadline: number): Promise<Outcomes> {
  const outcomes: Outcomes = { ports: [], failures: [], wrongSettings: [] };
  let client: pg.Client | null = null;
  const progress = { inTransaction: false };
  while (!done(outcomes.ports) && Date.now() < deadline) {
    try {
      client ??= await answered(px.client(spec.options), `${spec.name}: a login`);
      const row = await write(client, spec.name, outcomes.ports.length % 2 === 1, progress);
      outcomes.ports.push(Number(row.port));
      if (outcomes.ports.length === 1) wrote();
      for (const [setting, value] of Object.entries(settings)) {
        if (row[setting] !== value) outcomes.wrongSettings.push(`${setting}=${String(row[setting])}`);
      }
    } catch (error) {
      if (error instanceof Stalled) throw error;
      const failure = (error as { code?: string }).code ?? (error as Error).message;
      outcomes.failures.push(failure === NOT_QUERYABLE && progress.inTransaction ? LOST_IN_TRANSACTION : failure);
      progress.inTransaction = false;
      client?.end().catch(() => undefined);
      client = null;
    }
  }
  await client?.end().catch(() => undefined);
  return outcomes;
}

/** Errors a client retrying on connection loss retries on (see writes-during-failover.test.ts). */
function connectionError(failure: string): boolean {
  return failure.startsWith('08') || failure === '57P01' || failure === 'Connection terminated unexpectedly' || failure === LOST_IN_TRANSACTION;
}

describe('clients with startup settings across a failover', () => {
  it(`are answered on the new primary with their settings, never left waiting (${ROUNDS} rounds)`, async () => {
    let primary: PgClusterNode = cluster.primary;
    let standbys = [...cluster.standbys];
    for (let round = 0; round < ROUNDS; round++) {
      const killed = primary;
      const afterKill = (ports: number[]): number => ports.filter((port) => port !== killed.port).length;
      const firstWrites = CLIENTS.map(() => Promise.withResolvers<void>());
      const writing = CLIENTS.map((spec, i) =>
        writeUntil(spec, expected[i], (ports) => afterKill(ports) >= ANSWERS_AFTER_FAILOVER, firstWrites[i].resolve, Date.now() + 30_000));
      await Promise.race([Promise.all(firstWrites.map((w) => w.promise)), Promise.all(writing)]); // every client is in
      await killed.instance.kill9();
      const outcomes = await Promise.all(writing);

      const [next] = await eventually('a standby to be promoted', async () => {
        const roles = await Promise.all(standbys.map((s) => cluster.query<{ r: boolean }>(s, 'SELECT pg_is_in_recovery() AS r')));
        return standbys.filter((_, i) => !roles[i][0].r);
      }, (found) => found.length === 1);
      outcomes.forEach(({ ports, failures, wrongSettings }, i) => {
        const label = `round ${round}, client ${CLIENTS[i].name}`;
        expect(failures.filter((failure) => !connectionError(failure)), `${label}: failures ${failures.join(', ')}`).toEqual([]);
        expect(wrongSettings, label).toEqual([]);
        const sinceKill = ports.slice(ports.findIndex((port) => port !== killed.port));
        expect(new Set(sinceKill), `${label}: ports ${ports.join(', ')}`).toEqual(new Set([next.port]));
        expect(sinceKill.length, label).toBeGreaterThanOrEqual(ANSWERS_AFTER_FAILOVER);
      });
      primary = next;
      standbys = standbys.filter((s) => s !== next);
      if (standbys.length > 0) await cluster.waitForStreaming(primary, standbys.map((s) => s.name));
    }
  }, 90_000);
});
