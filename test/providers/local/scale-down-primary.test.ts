// Scaling down after a failover made the highest-numbered instance the primary: the instance removed is the
// primary, and the cluster that stays must get a new one, keep every committed row and serve writes.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { findPgBinaries } from '../../../providers/local/pg-binaries.ts';
import { resolveDbOsUser } from '../../../providers/local/os-user.ts';
import { PgInstance, pgInstancePaths } from '../../../providers/local/pg-instance.ts';
import { eventually } from '../../support/pg-cluster.ts';
import { LocalWorkspace, devTopology, portOf, queryAs, type StatusRow } from './local-workspace.ts';

const topology = (instances: number): string => devTopology('sd', instances, ['instances: 1', 'healthCheck: { period: 1s, timeout: 1s, retries: 1 }']);

let workspace: LocalWorkspace;

beforeAll(async () => {
  workspace = await LocalWorkspace.create(topology(3));
  const apply = await workspace.run('apply', '--auto-approve');
  if (apply.code !== 0) throw new Error(apply.stdout + apply.stderr);
}, 180_000);

afterAll(async () => {
  await workspace?.cleanup();
}, 120_000);

function instance(row: StatusRow, index: number): PgInstance {
  const dir = `${workspace.clusterDir('dev', 'sd')}/pg${index}`;
  return new PgInstance({ name: `pg${index}`, port: portOf(row), binaries: findPgBinaries(), user: resolveDbOsUser(), ...pgInstancePaths(dir) });
}

function roles(status: Map<string, StatusRow>): string[] {
  return [...status.values()].filter((row) => row.address.startsWith('dev.postgres[')).map((row) => `${row.details.role}/${row.details.membership}`);
}

it('removing the instance that is the primary hands its role to a standby first, losing no committed row', async () => {
  const before = await workspace.status();
  // A switchover to pg2: stop the primary cleanly, promote pg2, and let apply rebuild the rest around it.
  await instance(before.get('dev.postgres[0]')!, 0).stop('fast');
  await instance(before.get('dev.postgres[2]')!, 2).promote();
  const converge = await workspace.run('apply', '--auto-approve');
  expect(converge.code, converge.stdout + converge.stderr).toBe(0);
  expect(roles(await workspace.status())).toEqual(['standby/in-sync', 'standby/in-sync', 'primary/in-sync']);
  const proxyPort = portOf((await workspace.status()).get('dev.proxy[0]'));
  await eventually('a write through the proxy on pg2', async () => {
    await queryAs(proxyPort, 'app', 'CREATE TABLE IF NOT EXISTS kept (note text)');
    return queryAs(proxyPort, 'app', "INSERT INTO kept VALUES ('before scale-down') RETURNING note");
  }, (rows) => rows.length === 1, 30_000);

  await workspace.writeTopology(topology(2));
  const down = await workspace.run('apply', '--auto-approve');
  expect(down.code, down.stdout + down.stderr).toBe(0);
  expect(down.stdout).toContain('handing over to pg0');
  const after = await workspace.status();
  expect(roles(after)).toEqual(['primary/in-sync', 'standby/in-sync']);
  const [written] = await eventually('a write through the proxy on the new primary', () =>
    queryAs<{ port: number }>(proxyPort, 'app', "INSERT INTO kept VALUES ('after scale-down') RETURNING inet_server_port() AS port"),
  (rows) => rows.length === 1, 30_000);
  expect(written!.port).toBe(portOf(after.get('dev.postgres[0]')));
  const rows = await queryAs<{ note: string }>(portOf(after.get('dev.postgres[0]')), 'app', 'SELECT note FROM kept ORDER BY note');
  expect(rows.map((row) => row.note)).toEqual(['after scale-down', 'before scale-down']);
  // The proxy's role hints were rendered before the hand-over (it lets go of pg2 first); one more apply reloads them.
  const hints = await workspace.run('apply', '--auto-approve');
  expect(hints.stdout).toMatch(/dev\.proxy\[0\] will be updated in place/);
  const plan = await workspace.run('plan', '--detailed-exitcode');
  expect(plan.code, plan.stdout).toBe(0);
}, 180_000);
