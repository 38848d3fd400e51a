// Scaling down removes the primary while no proxy owns the primary role (failover off): pgtopo promotes the
// successor itself, holding the cluster's promotion lock as Pgpool-II's failover.sh does, so the two never promote
// at once. The test holds the lock the way failover.sh does and sees the apply wait for it, the primary untouched.
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { scanCluster } from '../../../providers/local/cluster-members.ts';
import { findPgBinaries } from '../../../providers/local/pg-binaries.ts';
import { resolveDbOsUser } from '../../../providers/local/os-user.ts';
import { primaryLockFile, withPrimaryLock } from '../../../providers/local/primary-lock.ts';
import { eventually } from '../../support/pg-cluster.ts';
import { outOfRecovery } from './cluster-observer.ts';
import { LocalWorkspace, devTopology, portOf, queryAs, type StatusRow } from './local-workspace.ts';

const topology = (instances: number): string => devTopology('su', instances, ['instances: 1', 'failover: { enabled: false }']);

let workspace: LocalWorkspace;

beforeAll(async () => {
  workspace = await LocalWorkspace.create(topology(3));
  const apply = await workspace.run('apply', '--auto-approve');
  if (apply.code !== 0) throw new Error(apply.stdout + apply.stderr);
}, 180_000);

afterAll(async () => {
  await workspace?.cleanup();
}, 120_000);

const scope = (): string => workspace.clusterDir('dev', 'su');

function roles(status: Map<string, StatusRow>): string[] {
  return [...status.values()].filter((row) => row.address.startsWith('dev.postgres[')).map((row) => `${row.details.role}/${row.details.membership}`);
}


/** A `flock` waiting for the promotion lock besides the one this test holds it with: the apply's. */
function waitingForLock(): boolean {
  const wanted = ['flock', '-x', primaryLockFile(scope())].join('\0');
  const flocks = readdirSync('/proc').filter((name) => /^\d+$/.test(name)).filter((pid) => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').startsWith(wanted);
    } catch {
      return false; // exited meanwhile
    }
  });
  return flocks.length > 1;
}

it('without a failover owner, removing the primary waits for the promotion lock and then hands over', async () => {
  const members = scanCluster(scope(), findPgBinaries(), resolveDbOsUser()).members;
  // Make pg2 the primary: no proxy promotes here, so stop pg0 cleanly and promote pg2; apply rebuilds the rest.
  await members[0]!.instance.stop('fast');
  await members[2]!.instance.promote();
  const converge = await workspace.run('apply', '--auto-approve');
  expect(converge.code, converge.stdout + converge.stderr).toBe(0);
  expect(roles(await workspace.status())).toEqual(['standby/in-sync', 'standby/in-sync', 'primary/in-sync']);
  const proxyPort = portOf((await workspace.status()).get('dev.proxy[0]'));
  await eventually('a write through the proxy on pg2', async () => {
    await queryAs(proxyPort, 'app', 'CREATE TABLE IF NOT EXISTS kept (note text)');
    return queryAs(proxyPort, 'app', "INSERT INTO kept VALUES ('before scale-down') RETURNING note");
  }, (rows) => rows.length === 1, 30_000);

  await workspace.writeTopology(topology(2));
  const down = await withPrimaryLock(scope(), resolveDbOsUser(), async () => {
    const apply = workspace.run('apply', '--auto-approve');
    await eventually('the apply to wait for the promotion lock', async () => waitingForLock(), (waiting) => waiting, 30_000);
    expect(await outOfRecovery(scope())).toEqual(['pg2']);
    return { apply }; // not the promise itself: awaiting it here would hold the lock it waits for
  });
  const result = await down.apply;
  expect(result.code, result.stdout + result.stderr).toBe(0);
  expect(result.stdout).toContain('handing over to pg0 first');
  const after = await workspace.status();
  expect(roles(after)).toEqual(['primary/in-sync', 'standby/in-sync']);
  expect(await outOfRecovery(scope())).toEqual(['pg0']);
  const [written] = await eventually('a write through the proxy on the new primary', () =>
    queryAs<{ port: number }>(proxyPort, 'app', "INSERT INTO kept VALUES ('after scale-down') RETURNING inet_server_port() AS port"),
  (rows) => rows.length === 1, 30_000);
  expect(written!.port).toBe(portOf(after.get('dev.postgres[0]')));
  const rows = await queryAs<{ note: string }>(portOf(after.get('dev.postgres[0]')), 'app', 'SELECT note FROM kept ORDER BY note');
  expect(rows.map((row) => row.note)).toEqual(['after scale-down', 'before scale-down']);
}, 180_000);
