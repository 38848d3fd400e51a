// An instance whose data directory is gone (deleted by hand, a lost disk) has no standby.signal either, so it
// looked like a primary: it was reported as a false primary, could be taken for the current primary, and apply
// tried pg_rewind on nothing before cloning. It is `no-data`: never a primary, cloned afresh from the primary.
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { eventually } from '../../support/pg-cluster.ts';
import { clusterMembers, queryMember, waitConverged } from './cluster-observer.ts';
import { scanCluster } from '../../../providers/local/cluster-members.ts';
import { findPgBinaries } from '../../../providers/local/pg-binaries.ts';
import { resolveDbOsUser } from '../../../providers/local/os-user.ts';
import { LocalWorkspace, devTopology, portOf, queryAs } from './local-workspace.ts';

let workspace: LocalWorkspace;
const scope = (): string => workspace.clusterDir('dev', 'ld');
const member = (name: string) => clusterMembers(scope()).find((candidate) => candidate.instance.name === name)!;

beforeAll(async () => {
  workspace = await LocalWorkspace.create(devTopology('ld', 2, ['instances: 1', 'failover: { enabled: false }']));
  const apply = await workspace.run('apply', '--auto-approve');
  if (apply.code !== 0) throw new Error(apply.stdout + apply.stderr);
  await queryAs(portOf((await workspace.status()).get('dev.proxy[0]')), 'app', 'CREATE TABLE marks AS SELECT generate_series(1, 100) AS n');
}, 120_000);

afterAll(async () => {
  await workspace?.cleanup();
}, 120_000);

it('a stopped primary beside a standby without data stays the primary, and the standby is cloned afresh', async () => {
  expect(await waitConverged(scope(), 'at the start', 30_000)).toBe('pg0');
  await eventually('pg1 to replay the table', () => queryMember<{ n: number }>(scope(), 'pg1', 'SELECT count(*)::int AS n FROM marks'), (rows) => rows[0]!.n === 100);
  await member('pg1').instance.stop('fast');
  await rm(member('pg1').instance.dataDir, { recursive: true, force: true });
  await member('pg0').instance.stop('fast');
  // Same timeline, both stopped: only the data tells them apart.
  expect(scanCluster(scope(), findPgBinaries(), resolveDbOsUser()).primary?.instance.name).toBe('pg0');

  const plan = await workspace.run('plan');
  expect(plan.stdout).toContain('membership = "in-sync" → "no-data"');
  const apply = await workspace.run('apply', '--auto-approve');
  expect(apply.code, apply.stdout + apply.stderr).toBe(0);
  expect(apply.stdout).toContain('dev.postgres[1]: its data directory is gone: cloning it afresh as a standby of pg0');
  expect(apply.stdout).not.toContain('pg_rewind');
  expect(await waitConverged(scope(), 'after the apply', 30_000)).toBe('pg0');
  expect(await queryMember<{ n: number }>(scope(), 'pg1', 'SELECT count(*)::int AS n FROM marks')).toEqual([{ n: 100 }]);
  const again = await workspace.run('plan', '--detailed-exitcode');
  expect(again.code, again.stdout + again.stderr).toBe(0);
}, 180_000);
