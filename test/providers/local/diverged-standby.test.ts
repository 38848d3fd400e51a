// A standby that holds WAL past the point where the current primary's timeline forked off: here pg1 is stopped,
// pg0 writes on (pg2 receives it all), pg0 stops and pg1 is promoted by hand. PostgreSQL then refuses to start
// pg2 as a standby of pg1; apply must see why, rebuild it with pg_rewind and converge, in one run.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { eventually } from '../../support/pg-cluster.ts';
import { clusterMembers, queryMember, waitConverged } from './cluster-observer.ts';
import { LocalWorkspace, devTopology, portOf, queryAs } from './local-workspace.ts';

let workspace: LocalWorkspace;
const scope = (): string => workspace.clusterDir('dev', 'dv');
const member = (name: string) => clusterMembers(scope()).find((candidate) => candidate.instance.name === name)!;

beforeAll(async () => {
  workspace = await LocalWorkspace.create(devTopology('dv', 3, ['instances: 1', 'failover: { enabled: false }']));
  const apply = await workspace.run('apply', '--auto-approve');
  if (apply.code !== 0) throw new Error(apply.stdout + apply.stderr);
  await queryAs(portOf((await workspace.status()).get('dev.proxy[0]')), 'app', 'CREATE TABLE marks (n int)');
}, 120_000);

afterAll(async () => {
  await workspace?.cleanup();
}, 120_000);

it('rebuilds a standby whose WAL runs past the new primary\'s fork point, and converges in one apply', async () => {
  expect(await waitConverged(scope(), 'at the start', 30_000)).toBe('pg0');
  await member('pg1').instance.stop('fast');
  await queryMember(scope(), 'pg0', 'INSERT INTO marks SELECT generate_series(1, 1000)');
  await eventually('pg2 to replay what pg1 never got', () => queryMember<{ n: number }>(scope(), 'pg2', 'SELECT count(*)::int AS n FROM marks'),
    (rows) => rows[0]!.n === 1000);
  await member('pg0').instance.stop('fast');
  await member('pg1').instance.start();
  await member('pg1').instance.promote();

  const apply = await workspace.run('apply', '--auto-approve');
  expect(apply.code, apply.stdout + apply.stderr).toBe(0);
  expect(apply.stdout).toContain("dev.postgres[2]: its WAL runs past where pg1's timeline forked off: rebuilding it as a standby of pg1");
  expect(await waitConverged(scope(), 'after the apply', 30_000)).toBe('pg1');
  const plan = await workspace.run('plan', '--detailed-exitcode');
  expect(plan.code, plan.stdout + plan.stderr).toBe(0);

  await queryMember(scope(), 'pg1', 'INSERT INTO marks VALUES (-1)');
  for (const standby of ['pg0', 'pg2']) {
    await eventually(`${standby} to follow pg1`, () => queryMember<{ n: number }>(scope(), standby, 'SELECT count(*)::int AS n FROM marks WHERE n = -1'),
      (rows) => rows[0]!.n === 1);
  }
  // What pg1 never received is gone everywhere: nobody keeps a timeline of its own.
  const counts = await Promise.all(['pg0', 'pg1', 'pg2'].map((name) => queryMember<{ n: number }>(scope(), name, 'SELECT count(*)::int AS n FROM marks')));
  expect(counts.map((rows) => rows[0]!.n)).toEqual([1, 1, 1]);
}, 180_000);
