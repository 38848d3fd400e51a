// Startup parameters a pooled server cannot honour per client are refused after login, with PostgreSQL's SQLSTATE
// where PostgreSQL refuses them itself (compared against the real server), instead of being silently dropped or,
// worse, carried to a server other clients of the pool get next.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPgCluster, type PgCluster } from '../../support/pg-cluster.ts';
import { sqlstateOf, startProxyFor, type ProxyUnderTest } from '../proxy-fixture.ts';

const APP = { user: 'app', password: 'app-password' };
let cluster: PgCluster;
let proxy: ProxyUnderTest;
let warm: pg.Client;

beforeAll(async () => {
  cluster = await startPgCluster({ standbys: 0 });
  await cluster.query(cluster.primary, `CREATE ROLE app LOGIN PASSWORD '${APP.password}'`);
  await cluster.query(cluster.primary, 'CREATE ROLE other');
  proxy = await startProxyFor(cluster, {
    users: [
      { name: 'postgres', password: cluster.password, admin: true },
      { name: APP.user, password: APP.password },
    ],
  });
  // The pool already has a server: the case where these parameters used to be silently ignored.
  warm = await proxy.client(APP);
});

afterAll(async () => {
  await warm?.end();
  await proxy?.proxy.stop(0);
  await cluster?.stop();
});

async function login(port: number, options: Record<string, unknown>): Promise<pg.Client> {
  const client = new pg.Client({ host: '127.0.0.1', port, database: 'postgres', ...APP, ...options } as pg.ClientConfig);
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

async function refusal(port: number, options: Record<string, unknown>): Promise<{ code?: string; message: string }> {
  try {
    const client = await login(port, options);
    await client.end();
    return { message: 'accepted' };
  } catch (error) {
    return { code: (error as { code?: string }).code, message: (error as Error).message };
  }
}

describe('startup parameters the proxy cannot carry', () => {
  it('refuses what PostgreSQL refuses a non-superuser, with the same SQLSTATE', async () => {
    const cases = [
      { options: '-c session_authorization=postgres' },
      { options: '-c role=postgres' },
      { options: '-c ROLE=postgres' },
      { replication: 'bogus' },
    ];
    for (const options of cases) {
      const direct = await refusal(cluster.primary.port, options);
      const proxied = await refusal(proxy.port, options);
      expect(direct.code, JSON.stringify(options)).toMatch(/^(42501|22023)$/);
      expect({ code: proxied.code, message: proxied.message.slice(0, 30) }, JSON.stringify(options)).toEqual({ code: direct.code, message: direct.message.slice(0, 30) });
    }
  });

  it('refuses a role PostgreSQL would allow, since the pool logs in as its user', async () => {
    await cluster.query(cluster.primary, 'GRANT other TO app');
    const superuser = { user: 'postgres', password: cluster.password };
    for (const options of [{ options: '-c role=other' }, { ...superuser, options: '-c role=app' }, { ...superuser, options: '-c session_authorization=app' }]) {
      expect(await sqlstateOf(login(cluster.primary.port, options).then((c) => c.end())), JSON.stringify(options)).toBe('no error');
      expect(await refusal(proxy.port, options), JSON.stringify(options)).toEqual({ code: '42501', message: expect.stringContaining('the proxy does not carry') });
    }
  });

  it('refuses replication connections with a clear message', async () => {
    for (const replication of ['database', 'true', 'on', '1']) {
      expect(await refusal(proxy.port, { replication })).toEqual({
        code: '0A000', message: 'the proxy does not pass replication connections; connect to the server directly',
      });
    }
  });

  it('still accepts what changes nothing, and the pool keeps serving ordinary sessions', async () => {
    for (const options of [{ replication: 'false' }, { options: '-c session_authorization=app' }, { options: '-c role=none' }]) {
      const client = await login(proxy.port, options);
      const { rows } = await client.query<{ who: string; kind: string }>(
        'SELECT current_user AS who, backend_type AS kind FROM pg_stat_activity WHERE pid = pg_backend_pid()',
      );
      await client.end();
      expect(rows[0], JSON.stringify(options)).toEqual({ who: 'app', kind: 'client backend' });
    }
    expect((await warm.query<{ who: string }>('SELECT current_user AS who')).rows[0].who).toBe('app');
  });
});

// One server per pool, so "a known set of settings takes no server" shows as a login that does not wait for the
// server another client holds (it would otherwise time out with 53300), in both pooling modes.
describe.each(['transaction', 'session'])('startup settings PostgreSQL would refuse, %s mode', (mode) => {
  let settingsProxy: ProxyUnderTest;

  beforeAll(async () => {
    settingsProxy = await startProxyFor(cluster, {
      users: [{ name: APP.user, password: APP.password }],
      pool: { mode, size: 1, queueTimeoutMs: 2_000 },
    });
  });

  afterAll(async () => {
    await settingsProxy?.proxy.stop(0);
  });

  const refused = ['-c nosuch=1', '-c work_mem=banana', '-c log_statement=all', '-c work_mem=8MB -c nosuch.x=1 -c log_statement=all'];

  async function expectSameRefusal(options: string): Promise<void> {
    const direct = await refusal(cluster.primary.port, { options });
    const proxied = await refusal(settingsProxy.port, { options });
    expect(direct.code, options).toMatch(/^(42704|22023|42501)$/);
    expect(proxied, options).toEqual(direct);
  }

  it('refuses them at the pool\'s first login, from the server\'s own startup', async () => {
    await expectSameRefusal('-c nosuch=1');
  });

  it('refuses them with PostgreSQL\'s SQLSTATE and message when the pool already has a server', async () => {
    const warmed = await login(settingsProxy.port, {});
    try {
      for (const options of refused) await expectSameRefusal(options);
      // PostgreSQL takes this one at login only; the proxy, which must carry it as a SET, says so.
      const options = '-c ignore_system_indexes=on';
      expect(await refusal(cluster.primary.port, { options })).toEqual({ message: 'accepted' });
      expect(await refusal(settingsProxy.port, { options })).toEqual({ code: '55P02', message: 'parameter "ignore_system_indexes" cannot be set after connection start' });
      // A refused check leaves the server's session as it was.
      expect((await warmed.query<{ work_mem: string }>('SHOW work_mem')).rows[0].work_mem).toBe('4MB');
    } finally {
      await warmed.end();
    }
  });

  it('accepts valid ones, applies them, and checks a known set without taking a server', async () => {
    const first = await login(settingsProxy.port, { options: '-c work_mem=8MB' });
    expect((await first.query<{ work_mem: string }>('SHOW work_mem')).rows[0].work_mem).toBe('8MB');
    await first.end();
    const holder = await login(settingsProxy.port, {});
    await holder.query('BEGIN'); // the pool's only server stays with this client
    const again = await login(settingsProxy.port, { options: '-c work_mem=8MB' }).catch((error: Error) => error);
    await holder.end();
    expect(again).toBeInstanceOf(pg.Client);
    const client = again as pg.Client;
    expect((await client.query<{ work_mem: string }>('SHOW work_mem')).rows[0].work_mem).toBe('8MB');
    await client.end();
  });
});
