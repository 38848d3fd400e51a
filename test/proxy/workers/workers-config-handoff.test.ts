// Worker threads never read the config source: the supervisor reads it once (at start, then at every reload) and
// hands its config to every worker, so all workers run the version it read and a reload costs one read of an
// `ssm:` parameter, not one per worker. The Parameter Store here is the in-process fake, which a worker thread
// cannot see: a worker that read the parameter itself would fail to start. Against real PostgreSQL.
import { GetParameterCommand, GetParametersCommand } from '@aws-sdk/client-ssm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../proxy/log.ts';
import { loadProxyConfig } from '../../../proxy/proxy-config.ts';
import { WorkerSupervisor } from '../../../proxy/workers/supervisor.ts';
import { startPgCluster, type PgCluster } from '../../support/pg-cluster.ts';
import { ssmFakeForEachTest } from '../config/ssm-fake.ts';

const CONFIG = '/pgtopo/shop/orders/proxy-config';
const SECRET = '/pgtopo/shop/orders/secrets/postgres';
let cluster: PgCluster;
const fake = ssmFakeForEachTest();

beforeAll(async () => {
  cluster = await startPgCluster({ standbys: 0 });
  await cluster.query(cluster.primary, "CREATE ROLE reporter LOGIN PASSWORD 'reporter-pw'");
}, 60_000);
afterAll(async () => {
  await cluster?.stop();
});

function document(users: Record<string, unknown>[]): string {
  return JSON.stringify({
    listen: { host: '127.0.0.1', port: 0 },
    backends: [{ name: 'writer', host: cluster.primary.host, port: cluster.primary.port, alwaysPrimary: true }],
    users: [{ name: 'postgres', password: { ssm: SECRET } }, ...users],
  });
}

/** Logs in `times` times (spread over the workers by the kernel's SO_REUSEPORT hash) and counts the successes. */
async function logins(port: number, user: string, password: string, times: number): Promise<number> {
  let succeeded = 0;
  for (let i = 0; i < times; i++) {
    const client = new pg.Client({ host: '127.0.0.1', port, user, password, database: 'postgres' });
    try {
      await client.connect();
      await client.query('SELECT 1');
      succeeded++;
    } finally {
      await client.end().catch(() => undefined);
    }
  }
  return succeeded;
}

describe('a proxy with worker threads and an ssm: config', () => {
  it('reads the parameter once per load, and every worker runs what the supervisor read', async () => {
    const ssm = fake();
    ssm.put(SECRET, cluster.password, 'SecureString');
    ssm.put(CONFIG, document([]));
    const configReads = (): number => ssm.mock.commandCalls(GetParameterCommand).filter((call) => call.args[0].input.Name === CONFIG).length;
    const config = await loadProxyConfig(`ssm:${CONFIG}`);
    const supervisor = await WorkerSupervisor.start({ configPath: `ssm:${CONFIG}`, config, workers: 2, configPollMs: 3_600_000, log: silentLogger });
    try {
      expect(configReads()).toBe(1);
      expect(await logins(supervisor.port, 'postgres', cluster.password, 12)).toBe(12);

      ssm.put(CONFIG, document([{ name: 'reporter', password: 'reporter-pw' }]));
      await supervisor.reload();
      expect(configReads()).toBe(2);
      expect(ssm.mock.commandCalls(GetParametersCommand).length + ssm.mock.commandCalls(GetParameterCommand).length).toBeLessThanOrEqual(4);
      expect(await logins(supervisor.port, 'reporter', 'reporter-pw', 12)).toBe(12);
    } finally {
      await supervisor.stop();
    }
  });
});
