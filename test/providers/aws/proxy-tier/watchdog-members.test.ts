// An EC2 watchdog tier's members in the in-memory AWS world, for both engines: each member runs on its own ENI,
// every member's config lists every ENI's private IP (known at plan time once the ENIs exist, so a second plan has
// no changes), the tier's key is a SecureString pgtopo generated that no plan, state or output holds, and a
// re-apply changes nothing. An ENI whose groups were changed by hand is set back in place (not replaced); an ENI an
// interrupted apply left behind with its address's tag is taken, not duplicated; a member moved to another subnet
// gets a new ENI (the world refuses to delete an ENI still in use, so its instance must go first); destroy leaves
// nothing.
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { allocateFreePort } from '../../../../providers/local/free-port.ts';
import { resolveDbOsUser } from '../../../../providers/local/os-user.ts';
import { runCliCaptured, type CliResult } from '../run-cli-captured.ts';
import type { AwsWorld } from '../world/aws-world.ts';
import { exampleWorkspace, expectNoSecrets, scratchDirectory, seedExample, useExampleWorld } from './example-worlds.ts';

const dir = scratchDirectory('pgtopo-aws-members-');
const currentWorld = useExampleWorld();
let world: AwsWorld;
const savedRegion = process.env.AWS_REGION;
beforeEach(() => {
  world = currentWorld();
});
afterEach(() => {
  if (savedRegion === undefined) delete process.env.AWS_REGION;
  else process.env.AWS_REGION = savedRegion;
});

const KEY = '/pgtopo/shop/orders/watchdog-key';
/** examples/ec2.yaml's proxy instances, the watchdog's members. */
const MEMBERS = [0, 1, 2];

async function succeed(...args: string[]): Promise<CliResult> {
  const result = await runCliCaptured(args);
  expect(result.code, `${args.join(' ')}: ${result.stderr}${result.stdout}`).toBe(0);
  return result;
}

async function noChanges(file: string): Promise<void> {
  const plan = await runCliCaptured(['plan', file, '--detailed-exitcode']);
  expect(plan.code, plan.stdout + plan.stderr).toBe(0);
}

function workspace(engine: 'builtin' | 'pgpool2'): string {
  const file = exampleWorkspace(dir, 'ec2');
  writeFileSync(file, readFileSync(file, 'utf8').replace('engine: builtin', `engine: ${engine}`));
  return file;
}

function enis(region: string) {
  return world.ec2ProxyTier.networkInterfaces.in(region);
}

function memberOf(region: string, index: number) {
  return world.ec2.instances.in(region).find((instance) => instance.State?.Name === 'running' &&
    instance.Tags?.some((tag) => tag.Key === 'pgtopo:address' && tag.Value === `orders.proxy[${index}]`))!;
}

/** Applies the example, checks each member is on its ENI, and returns the ENIs' addresses in member order. */
async function applyOnEnis(file: string, region: string): Promise<string[]> {
  const plan = await succeed('plan', file);
  const applied = await succeed('apply', file, '--auto-approve');
  await noChanges(file);
  const members = MEMBERS.map((index) => enis(region).find((eni) => eni.TagSet?.some((tag) => tag.Value === `orders.proxy_eni[${index}]`))!);
  for (const [index, eni] of members.entries()) {
    const member = memberOf(region, index);
    expect(member.PrivateIpAddress).toBe(eni.PrivateIpAddress);
    expect(member.NetworkInterfaces?.[0]?.NetworkInterfaceId).toBe(eni.NetworkInterfaceId);
  }
  const ips = members.map((eni) => eni.PrivateIpAddress!);
  const key = world.ssm.find(region, KEY)!;
  expect(key.Type).toBe('SecureString');
  expect(key.Value.length).toBeGreaterThanOrEqual(32);
  const state = readFileSync(join(file, '..', '.pgtopo', 'state.json'), 'utf8');
  for (const text of [plan.stdout, plan.stderr, applied.stdout, applied.stderr, state]) expect(text).not.toContain(key.Value);
  expectNoSecrets(plan.stdout, applied.stdout, state);
  return ips;
}

async function reapplyAndDestroy(file: string, region: string): Promise<void> {
  const calls = world.log.calls.length;
  await succeed('apply', file, '--auto-approve');
  expect(world.log.calls.slice(calls).map((call) => call.action).filter((action) => !/:(Describe|Get|List)/.test(action))).toEqual([]);
  await succeed('destroy', file, '--auto-approve');
  expect(world.ownedBy('shop', region)).toEqual([]);
}

describe('EC2 watchdog members', () => {
  it('builtin: every member\'s config lists the ENIs\' addresses, its key by reference and its state dir', async () => {
    const region = seedExample(world, 'ec2');
    const file = workspace('builtin');
    const ips = await applyOnEnis(file, region);
    for (const index of MEMBERS) {
      const { watchdog } = JSON.parse(world.ssm.find(region, `/pgtopo/shop/orders/proxy-config/${index}`)!.Value);
      expect(watchdog).toMatchObject({ self: index, authKey: { ssm: KEY }, stateDir: '/var/lib/pgtopo', vip: { type: 'route-table' } });
      expect(watchdog.members.map((member: { name: string; host: string; port: number }) => [member.name, member.host, member.port]))
        .toEqual(MEMBERS.map((member) => [`proxy[${member}]`, ips[member], 9694]));
    }
    await reapplyAndDestroy(file, region);
  });

  it('pgpool2: pgtopo pgpool-files writes both members and the generated key as wd_authkey', async () => {
    const region = seedExample(world, 'ec2');
    const file = workspace('pgpool2');
    const ips = await applyOnEnis(file, region);
    process.env.AWS_REGION = region;
    const filesDir = mkdtempSync(join(dir, 'pgpool-'));
    await succeed('pgpool-files', '--config', 'ssm:/pgtopo/shop/orders/proxy-config/1', '--dir', filesDir, '--run-dir', filesDir, '--owner', resolveDbOsUser().name);
    const conf = readFileSync(join(filesDir, 'pgpool.conf'), 'utf8');
    expect(conf).toMatch(/^use_watchdog = on$/m);
    expect(conf).toContain(`wd_authkey = '${world.ssm.find(region, KEY)!.Value}'`);
    for (const [index, ip] of ips.entries()) {
      expect(conf).toContain(`hostname${index} = '${ip}'`);
      expect(conf).toContain(`heartbeat_hostname${index} = '${ip}'`);
    }
    expect(readFileSync(join(filesDir, 'pgpool_node_id'), 'utf8')).toBe('1\n');
    await reapplyAndDestroy(file, region);
  });

  it('pgpool2 with an admin user: pgpool-files writes the PCP password file and asks the control port whether the member joined', async () => {
    const region = seedExample(world, 'ec2');
    const file = workspace('pgpool2');
    writeFileSync(file, readFileSync(file, 'utf8').replace('  - name: app\n', '  - name: app\n    admin: true\n'));
    await applyOnEnis(file, region);
    process.env.AWS_REGION = region;
    const filesDir = mkdtempSync(join(dir, 'pgpool-'));
    const asked = await succeed('pgpool-files', '--config', 'ssm:/pgtopo/shop/orders/proxy-config/0', '--dir', filesDir, '--run-dir', filesDir,
      '--pcp-port', String(await allocateFreePort()));
    // No Pgpool-II runs here, so the member has not joined.
    expect(asked.stdout).toMatch(/\nwatchdog: not joined yet \(pcp_watchdog_info: .*refused.*\)\n$/);
    expect(readFileSync(join(filesDir, 'pcppass'), 'utf8')).toBe(`*:*:app:${process.env.APP_DB_PASSWORD!.replaceAll('\\', '\\\\').replaceAll(':', '\\:')}\n`);
    expect(statSync(join(filesDir, 'pcppass')).mode & 0o777).toBe(0o600);
  });

  it('an ENI whose groups were changed by hand is set back in place, its instance kept', async () => {
    const region = seedExample(world, 'ec2');
    const file = workspace('builtin');
    await applyOnEnis(file, region);
    const member = memberOf(region, 0).InstanceId;
    world.ec2ProxyTier.securityGroups.in(region).push({ GroupId: 'sg-0other', GroupName: 'other', VpcId: 'vpc-0a1b2c3d', IpPermissions: [], Tags: [] });
    enis(region)[0]!.Groups = [{ GroupId: 'sg-0other' }];
    const drift = await runCliCaptured(['plan', file, '--detailed-exitcode']);
    expect(drift.code).toBe(2);
    expect(drift.stdout).toContain('orders.proxy_eni[0] will be updated');
    expect(drift.stdout).not.toMatch(/must be replaced/);
    await succeed('apply', file, '--auto-approve');
    expect(enis(region)[0]!.Groups).toEqual([{ GroupId: world.ec2ProxyTier.securityGroups.in(region)[0]!.GroupId }]);
    expect(memberOf(region, 0).InstanceId).toBe(member);
    await noChanges(file);
    await reapplyAndDestroy(file, region);
  });

  it('an ENI left by an interrupted apply is taken, not duplicated', async () => {
    const region = seedExample(world, 'ec2');
    const file = workspace('builtin');
    // The ENI is made, but its answer is lost: state never hears of it.
    world.log.failures.push({ action: 'ec2:CreateNetworkInterface', error: 'RequestTimeout', afterEffect: true, remaining: 1 });
    expect((await runCliCaptured(['apply', file, '--auto-approve'])).code).not.toBe(0);
    const left = enis(region).map((eni) => eni.NetworkInterfaceId);
    const state = readFileSync(join(file, '..', '.pgtopo', 'state.json'), 'utf8');
    expect(left.filter((id) => !state.includes(id!))).toHaveLength(1);
    await succeed('apply', file, '--auto-approve');
    expect(enis(region)).toHaveLength(MEMBERS.length);
    expect(enis(region).map((eni) => eni.NetworkInterfaceId)).toEqual(expect.arrayContaining(left));
    await noChanges(file);
    await reapplyAndDestroy(file, region);
  });

  it('a member moved to another subnet gets a new ENI: its instance goes first, then the ENI, and every config follows', async () => {
    const region = seedExample(world, 'ec2');
    const file = workspace('builtin');
    const before = await applyOnEnis(file, region);
    writeFileSync(file, readFileSync(file, 'utf8').replace('subnets: [subnet-0a1b, subnet-0c2d]', 'subnets: [subnet-0c2d, subnet-0a1b]'));
    const plan = await succeed('plan', file);
    expect(plan.stdout).toContain('orders.proxy_eni[0] must be replaced');
    const after = await applyOnEnis(file, region);
    expect(after).not.toEqual(before);
    expect(enis(region)).toHaveLength(MEMBERS.length);
    await reapplyAndDestroy(file, region);
  });
});
