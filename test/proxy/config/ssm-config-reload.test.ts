// A proxy started from an SSM parameter in front of real PostgreSQL: a new parameter Version is applied without
// dropping a client (an open transaction commits on its server), a changed restart-only setting is logged and
// kept, a broken version leaves the running config alone, a password rotated in its SecureString alone is taken,
// and no secret reaches the log. And the CLI's answer to a
// parameter the role may not read: the parameter and the IAM action named, exit 1, no stack trace.
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../../cli/program.ts';
import { createLogger } from '../../../proxy/log.ts';
import { startProxy } from '../../../proxy/server.ts';
import { eventually, startPgCluster, type PgCluster } from '../../support/pg-cluster.ts';
import { ssmFakeForEachTest, type SsmFake } from './ssm-fake.ts';

const CONFIG = '/pgtopo/shop/orders/proxy-config';
const ADMIN_SECRET = '/pgtopo/shop/orders/secrets/postgres';
const REPORTER_SECRET = '/pgtopo/shop/orders/secrets/reporter';
const REPORTER_PASSWORD = 'reporter-pw-never-logged';

let cluster: PgCluster;
const fake = ssmFakeForEachTest();
let ssm: SsmFake;

beforeAll(async () => {
  cluster = await startPgCluster({ standbys: 0 });
  await cluster.query(cluster.primary, 'CREATE TABLE t (id int)');
  await cluster.query(cluster.primary, `CREATE ROLE reporter LOGIN PASSWORD '${REPORTER_PASSWORD}'`);
}, 60_000);

afterAll(async () => {
  await cluster?.stop();
});

beforeEach(() => {
  ssm = fake();
});

function document(overrides: Record<string, unknown> = {}): string {
  return JSON.stringify({
    listen: { host: '127.0.0.1', port: 0 },
    backends: [{ name: 'writer', host: cluster.primary.host, port: cluster.primary.port, alwaysPrimary: true }],
    users: [{ name: 'postgres', password: { ssm: ADMIN_SECRET } }],
    ...overrides,
  });
}

describe('a proxy whose config is an SSM parameter', () => {
  it('applies a new version without dropping clients, and keeps what needs a restart', async () => {
    ssm.put(ADMIN_SECRET, cluster.password, 'SecureString');
    ssm.put(REPORTER_SECRET, REPORTER_PASSWORD, 'SecureString');
    ssm.put(CONFIG, document());
    const lines: string[] = [];
    const log = createLogger('proxy', { write: (line) => lines.push(line) });
    const proxy = await startProxy({ configPath: `ssm:${CONFIG}`, configPollMs: 100, log });
    const connect = async (user: string, password: string): Promise<pg.Client> => {
      const client = new pg.Client({ host: '127.0.0.1', port: proxy.port, user, password, database: 'postgres' });
      await client.connect();
      return client;
    };
    const client = await connect('postgres', cluster.password);
    try {
      await client.query('BEGIN');
      await client.query('INSERT INTO t VALUES (1)');
      const pid = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0].pid;

      const port = proxy.port;
      ssm.put(CONFIG, document({
        listen: { host: '127.0.0.1', port: 1 },
        users: [{ name: 'postgres', password: { ssm: ADMIN_SECRET } }, { name: 'reporter', password: { ssm: REPORTER_SECRET } }],
        pool: { size: 3 },
      }));
      await eventually('the new version to be applied', () => Promise.resolve(proxy.context.config.pool.size), (size) => size === 3);
      const reporter = await connect('reporter', REPORTER_PASSWORD);
      expect((await reporter.query<{ u: string }>('SELECT current_user AS u')).rows[0].u).toBe('reporter');
      await reporter.end();

      // The open transaction kept its server and commits.
      expect((await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0].pid).toBe(pid);
      await client.query('COMMIT');
      expect(await cluster.query(cluster.primary, 'SELECT id FROM t')).toEqual([{ id: 1 }]);
      expect(proxy.port).toBe(port);
      expect(proxy.context.config.listen).toEqual({ host: '127.0.0.1', port: 0 });
      expect(lines.some((line) => line.includes('settings changed that need a restart; not applied') && line.includes('"listen"'))).toBe(true);

      // A broken version: logged, the running config stays, clients go on.
      ssm.put(CONFIG, '{"listen": {"port": "not a port"}}');
      await eventually('the broken version to be reported', () => Promise.resolve(lines.filter((line) => line.includes('config poll failed')).length), (n) => n > 0);
      expect((await client.query<{ one: number }>('SELECT 1 AS one')).rows[0].one).toBe(1);
      expect(proxy.context.config.users.map((user) => user.name)).toEqual(['postgres', 'reporter']);

      for (const secret of [cluster.password, REPORTER_PASSWORD]) expect(lines.filter((line) => line.includes(secret))).toEqual([]);
    } finally {
      await client.end();
      await proxy.stop(0);
    }
  }, 60_000);

  it('takes a rotated password from its SecureString alone, towards PostgreSQL and from clients, in three rounds', async () => {
    ssm.put(ADMIN_SECRET, cluster.password, 'SecureString');
    ssm.put(REPORTER_SECRET, REPORTER_PASSWORD, 'SecureString');
    ssm.put(CONFIG, document({
      users: [{ name: 'postgres', password: { ssm: ADMIN_SECRET } }, { name: 'reporter', password: { ssm: REPORTER_SECRET } }],
      pool: { size: 20, idleTimeoutMs: 1 },
    }));
    const lines: string[] = [];
    const proxy = await startProxy({ configPath: `ssm:${CONFIG}`, configPollMs: 100, log: createLogger('proxy', { write: (line) => lines.push(line) }) });
    const connect = async (password: string): Promise<pg.Client> => {
      const client = new pg.Client({ host: '127.0.0.1', port: proxy.port, user: 'reporter', password, database: 'postgres' });
      client.on('error', () => undefined);
      await client.connect();
      return client;
    };
    const longLived = await connect(REPORTER_PASSWORD);
    try {
      let previous = REPORTER_PASSWORD;
      for (let round = 1; round <= 3; round++) {
        const password = `reporter-rotated-${round}`;
        await longLived.query('BEGIN');
        const pid = (await longLived.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0].pid;
        // What an apply with a changed source does: PostgreSQL's role, then the SecureString; the config is unchanged.
        await cluster.query(cluster.primary, `ALTER ROLE reporter PASSWORD '${password}'`);
        ssm.put(REPORTER_SECRET, password, 'SecureString');
        const fresh = await eventually('the new password to be taken', () => connect(password).catch(() => null), (client) => client !== null);
        // A server beside the long-lived client's: logged in with the new password (in the first round at least).
        await fresh!.query('BEGIN');
        expect((await fresh!.query<{ u: string }>('SELECT current_user AS u')).rows[0].u).toBe('reporter');
        await fresh!.query('COMMIT');
        await fresh!.end();
        await expect(connect(previous)).rejects.toMatchObject({ code: '28P01' });
        expect((await longLived.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0].pid).toBe(pid);
        await longLived.query('COMMIT');
        previous = password;
      }
      for (const secret of [REPORTER_PASSWORD, previous]) expect(lines.filter((line) => line.includes(secret))).toEqual([]);
    } finally {
      await longLived.end();
      await proxy.stop(0);
      await cluster.query(cluster.primary, `ALTER ROLE reporter PASSWORD '${REPORTER_PASSWORD}'`);
    }
  }, 60_000);
});

describe('pgtopo proxy --config ssm:…', () => {
  it('names the parameter and the missing IAM action when access is denied, exits 1, prints no stack trace', async () => {
    ssm.put(CONFIG, document());
    ssm.deny(CONFIG);
    const written: string[] = [];
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      written.push(String(chunk));
      return true;
    });
    try {
      expect(await runCli(['proxy', '--config', `ssm:${CONFIG}`])).toBe(1);
    } finally {
      stderr.mockRestore();
    }
    const output = written.join('');
    expect(output).toBe(`Error: SSM parameter ${CONFIG}: access denied; the proxy's IAM role needs ssm:GetParameter on it (and kms:Decrypt on the key of a SecureString)\n`);
  });

  it('refuses a poll interval that is no duration', async () => {
    const written: string[] = [];
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      written.push(String(chunk));
      return true;
    });
    try {
      expect(await runCli(['proxy', '--config', `ssm:${CONFIG}`, '--poll-interval', 'often'])).toBe(1);
    } finally {
      stderr.mockRestore();
    }
    expect(written.join('')).toMatch(/--poll-interval often: expected a duration/);
  });
});
