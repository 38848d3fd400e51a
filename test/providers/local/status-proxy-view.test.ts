// `pgtopo status` shows each builtin proxy's own view of the backends (from its /metrics), and calls a proxy
// unhealthy when it has no primary to route to: what its clients see, even where PostgreSQL's rows look fine.
// Real cluster through the CLI: a killed standby leaves the proxy healthy with the standby down in its view; with
// failover off, a killed primary leaves it without one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../../support/pg-cluster.ts';
import { declarablePortRange } from '../../support/declarable-ports.ts';
import { findPgBinaries } from '../../../providers/local/pg-binaries.ts';
import { resolveDbOsUser } from '../../../providers/local/os-user.ts';
import { PgInstance, pgInstancePaths } from '../../../providers/local/pg-instance.ts';
import { LocalWorkspace, devTopology, portOf, type StatusRow } from './local-workspace.ts';

let workspace: LocalWorkspace;

beforeAll(async () => {
  const metricsPort = await declarablePortRange(1);
  workspace = await LocalWorkspace.create(devTopology('sv', 3, [
    'instances: 1',
    `metricsPort: ${metricsPort}`,
    'healthCheck: { period: 1s, timeout: 1s, retries: 0 }',
    'failover: { enabled: false }',
  ]));
  const apply = await workspace.run('apply', '--auto-approve');
  expect(apply.code, apply.stdout + apply.stderr).toBe(0);
}, 180_000);

afterAll(async () => {
  await workspace?.cleanup();
}, 120_000);

function instance(status: Map<string, StatusRow>, index: number): PgInstance {
  const dir = `${workspace.clusterDir('dev', 'sv')}/pg${index}`;
  return new PgInstance({ name: `pg${index}`, port: portOf(status.get(`dev.postgres[${index}]`)), binaries: findPgBinaries(), user: resolveDbOsUser(), ...pgInstancePaths(dir) });
}

const proxyRow = async (): Promise<StatusRow> => (await workspace.status()).get('dev.proxy[0]')!;

describe('status of a builtin proxy with a metrics endpoint', () => {
  it('lists its backends as it routes to them', async () => {
    const row = await proxyRow();
    expect(row.healthy).toBe(true);
    expect(row.details.backends).toBe('pg0 up primary, pg1 up standby, pg2 up standby');
  });

  it('stays healthy with a killed standby down in its view', async () => {
    expect(await instance(await workspace.status(), 2).kill9()).toBe(true);
    const row = await eventually('the proxy to route around pg2', proxyRow, (r) => /pg2 (down|quarantined)/.test(r.details.backends ?? ''));
    expect(row.healthy).toBe(true);
  });

  it('is unhealthy once it has no primary to route to, and names its log', async () => {
    expect(await instance(await workspace.status(), 0).kill9()).toBe(true);
    const row = await eventually('the proxy to lose its primary', proxyRow, (r) => /pg0 (down|quarantined)/.test(r.details.backends ?? ''));
    expect(row.healthy).toBe(false);
    expect(row.details.health).toBe('accepting connections');
    expect(row.details.log).toMatch(/proxy\.log$/);
  });
});
