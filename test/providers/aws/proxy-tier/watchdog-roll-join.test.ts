// A builtin watchdog member's roll waits for its successor's proxy to join the tier (the tag a member puts on its
// own instance, proxy/watchdog/joined-tag.ts), and never takes a member down while an earlier successor is out of
// the tier; proxies from before the tag and Pgpool-II members without an admin user are rolled on `running`. The
// world's launched builtin proxies (and Pgpool-II members with an admin user) are tagged at once unless
// `proxiesJoin` is off (a template whose proxy never starts);
// PGTOPO_ROLL_TIMEOUT_SECONDS keeps the waits short.
import { readFileSync, writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCliCaptured } from '../run-cli-captured.ts';
import type { AwsWorld } from '../world/aws-world.ts';
import { appliedExample, EC2_EXAMPLE_MEMBERS, liveInstancesTagged, scratchDirectory, useExampleWorld } from './example-worlds.ts';

const dir = scratchDirectory('pgtopo-aws-roll-join-');
const currentWorld = useExampleWorld();
const TIMEOUT = 'PGTOPO_ROLL_TIMEOUT_SECONDS';
const MEMBERS = EC2_EXAMPLE_MEMBERS;
const JOINED = 'pgtopo:watchdog-joined';
let world: AwsWorld;
let region: string;
let file: string;

beforeEach(async () => {
  world = currentWorld();
  ({ region, file } = await appliedExample(world, dir, 'ec2'));
});
afterEach(() => {
  delete process.env[TIMEOUT];
});

function withInstanceType(instanceType: string): void {
  const text = readFileSync(file, 'utf8');
  writeFileSync(file, text.includes('instanceType:') ? text.replace(/instanceType: \S+/, `instanceType: ${instanceType}`) : text.replace('instances: 3', `instances: 3\n      instanceType: ${instanceType}`));
}

/** Each member's live instance ids. */
function memberInstances(): string[][] {
  return MEMBERS.map((address) => liveInstancesTagged(world, region, 'pgtopo:address', address));
}

async function applyCounting(): Promise<{ code: number; output: string; launched: number; terminated: number }> {
  const before = world.log.calls.length;
  const applied = await runCliCaptured(['apply', file, '--auto-approve']);
  const calls = world.log.calls.slice(before).map((call) => call.action);
  return {
    code: applied.code, output: applied.stdout + applied.stderr,
    launched: calls.filter((action) => action === 'ec2:RunInstances').length,
    terminated: calls.filter((action) => action === 'ec2:TerminateInstances').length,
  };
}

/** A roll to a new template whose proxies never say they are up, with a short wait for them. */
function rollToSilentProxies(): Promise<Awaited<ReturnType<typeof applyCounting>>> {
  world.ec2ProxyTier.proxiesJoin = false;
  process.env[TIMEOUT] = '0.3';
  withInstanceType('m7i.large');
  return applyCounting();
}

/** A roll stopped at the first member: one terminated, one launched, only that member's instance new. */
function expectOnlyFirstMemberRolled(stopped: { terminated: number; launched: number }, before: string[][]): string[][] {
  expect([stopped.terminated, stopped.launched]).toEqual([1, 1]);
  const now = memberInstances();
  expect(now[0]).not.toEqual(before[0]);
  expect(now.slice(1)).toEqual(before.slice(1));
  return now;
}

/** The fix, proxies that come up in a new template: the whole tier rolls to it, and the next plan is empty. */
async function expectFixedByNewTemplate(): Promise<void> {
  world.ec2ProxyTier.proxiesJoin = true;
  withInstanceType('c7i.large');
  const fixed = await applyCounting();
  expect(fixed.code, fixed.output).toBe(0);
  expect([fixed.terminated, fixed.launched]).toEqual([3, 3]);
  expect((await runCliCaptured(['plan', file, '--detailed-exitcode'])).code).toBe(0);
}

describe('a watchdog roll and the members\' joined tags', () => {
  it('waits for each successor to join before the next member goes', async () => {
    withInstanceType('m7i.large');
    const rolled = await applyCounting();
    expect(rolled.code, rolled.output).toBe(0);
    expect(rolled.output.match(/waiting for its proxy to join the watchdog/g)).toHaveLength(3);
    for (const [instance] of memberInstances()) {
      expect(world.ec2.instances.in(region).find((candidate) => candidate.InstanceId === instance)?.Tags).toContainEqual(expect.objectContaining({ Key: JOINED }));
    }
  });

  it('stops at a successor that never joins, refuses to take a second member down, and goes on once fixed', async () => {
    const before = memberInstances();
    const stopped = await rollToSilentProxies();
    expect(stopped.code).not.toBe(0);
    expect(stopped.output).toContain('its proxy has not joined the watchdog within 0.3 s');
    const broken = expectOnlyFirstMemberRolled(stopped, before);

    const refused = await applyCounting();
    expect(refused.code).not.toBe(0);
    expect(refused.output).toContain(`not rolling orders.proxy[1] (${before[1]![0]}): orders.proxy[0] (${broken[0]![0]}) runs but has not joined the watchdog`);
    expect(refused.output).toContain('Nothing was terminated');
    expect([refused.terminated, refused.launched]).toEqual([0, 0]);
    expect(memberInstances()).toEqual(broken);

    await expectFixedByNewTemplate();
  });

  it('an upgrade from proxies that never tagged themselves rolls through: members of older versions are not asked', async () => {
    for (const instance of world.ec2.instances.in(region)) instance.Tags = instance.Tags?.filter((tag) => tag.Key !== JOINED);
    withInstanceType('m7i.large');
    const rolled = await applyCounting();
    expect(rolled.code, rolled.output).toBe(0);
    expect([rolled.terminated, rolled.launched]).toEqual([3, 3]);
    expect(rolled.output.match(/waiting for its proxy to join the watchdog/g)).toHaveLength(3);
  });

  it('a Pgpool-II tier with an admin user waits for each member to join, which pgpool-files tags for it', async () => {
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.replace('engine: builtin', 'engine: pgpool2').replace('  - name: app\n', '  - name: app\n    admin: true\n'));
    // A new engine replaces the members (watchdog-engine-switch.test.ts); the roll is the next template change.
    expect((await applyCounting()).code).toBe(0);
    withInstanceType('m7i.large');
    const rolled = await applyCounting();
    expect(rolled.code, rolled.output).toBe(0);
    expect([rolled.terminated, rolled.launched]).toEqual([3, 3]);
    expect(rolled.output.match(/waiting for its proxy to join the watchdog/g)).toHaveLength(3);
  });

  it('a Pgpool-II tier without an admin user, whose control port pgpool-files cannot ask, is rolled on running alone', async () => {
    process.env[TIMEOUT] = '0.3';
    writeFileSync(file, readFileSync(file, 'utf8').replace('engine: builtin', 'engine: pgpool2'));
    expect((await applyCounting()).code).toBe(0);
    withInstanceType('m7i.large');
    const switched = await applyCounting();
    expect(switched.code, switched.output).toBe(0);
    expect([switched.terminated, switched.launched]).toEqual([3, 3]);
    expect(switched.output).not.toContain('waiting for its proxy to join');
    expect(memberInstances().flat().map((id) => world.ec2.instances.in(region).find((instance) => instance.InstanceId === id)?.Tags?.some((tag) => tag.Key === JOINED))).toEqual([false, false, false]);
  });

  it('ha.method none: a successor whose proxy never serves is terminated, and the proxy it was to replace is kept', async () => {
    // Without failover no proxy coordinates one, so every proxy rolls successor first.
    writeFileSync(file, readFileSync(file, 'utf8').replace(/method: watchdog\n\s+vip: .*\n/, 'method: none\n').replace(/failover:\n\s+enabled: true/, 'failover:\n        enabled: false'));
    const switched = await applyCounting();
    expect(switched.code, switched.output).toBe(0);
    const before = memberInstances();
    const stopped = await rollToSilentProxies();
    expect(stopped.code).not.toBe(0);
    expect(stopped.output).toContain('its proxy has not served within 0.3 s (no pgtopo:serving tag): it is terminated and the proxy it was to replace is kept');
    expect([stopped.terminated, stopped.launched]).toEqual([1, 1]);
    expect(memberInstances()).toEqual(before);

    world.ec2ProxyTier.proxiesJoin = true;
    const fixed = await applyCounting();
    expect(fixed.code, fixed.output).toBe(0);
    expect(fixed.output.match(/waiting for its proxy to serve before/g)).toHaveLength(3);
    // The first member's ClientToken answers with the successor terminated above, so it is launched once more.
    expect([fixed.terminated, fixed.launched]).toEqual([3, 4]);
    expect((await runCliCaptured(['plan', file, '--detailed-exitcode'])).code).toBe(0);

    // Pgpool-II proxies are waited for alike: pgpool-files tags them once Pgpool-II accepts connections.
    writeFileSync(file, readFileSync(file, 'utf8').replace('engine: builtin', 'engine: pgpool2'));
    const pgpool = await applyCounting();
    expect(pgpool.code, pgpool.output).toBe(0);
    expect(pgpool.output.match(/waiting for its proxy to serve before/g)).toHaveLength(3);
  });

  it('ha.method none: the failover coordinator\'s successor that never serves is kept, being the only coordinator left', async () => {
    writeFileSync(file, readFileSync(file, 'utf8').replace(/method: watchdog\n\s+vip: .*\n/, 'method: none\n'));
    expect((await applyCounting()).code).toBe(0);
    const before = memberInstances();
    const stopped = await rollToSilentProxies();
    expect(stopped.code).not.toBe(0);
    expect(stopped.output).toContain('(no pgtopo:serving tag): it replaces the failover coordinator, which is gone, so it is kept');
    expect(expectOnlyFirstMemberRolled(stopped, before)[0]).toHaveLength(1);

    await expectFixedByNewTemplate();
  });

  it('a bad PGTOPO_ROLL_TIMEOUT_SECONDS fails the roll before anything is terminated', async () => {
    process.env[TIMEOUT] = 'ten minutes';
    withInstanceType('m7i.large');
    const failed = await applyCounting();
    expect(failed.code).not.toBe(0);
    expect(failed.output).toContain('PGTOPO_ROLL_TIMEOUT_SECONDS="ten minutes": expected a number of seconds above 0');
    expect(failed.output).not.toMatch(/\n\s+at /);
    expect([failed.terminated, failed.launched]).toEqual([0, 0]);
  });
});
