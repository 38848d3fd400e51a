// A restart-only change of a watchdog tier (a new launch template version, here a new instance type) rolls the
// members one at a time: a member's ENI holds one instance at a time, so each member is terminated first and its
// successor launched on the same ENI, and the next member goes only once that one runs. The world's running
// proxies are counted before every call the apply makes: never fewer than the tier's size less one, so never
// zero; each member keeps its ENI and address, so no member's config changes. Several rounds, each a new version.
// A terminated member slow to let go of its ENI (the world's `shutdownDescribes`) is waited for.
import { readFileSync, writeFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { runCliCaptured } from '../run-cli-captured.ts';
import type { AwsWorld } from '../world/aws-world.ts';
import { appliedExample, EC2_EXAMPLE_MEMBERS, exampleWorkspace, liveInstancesTagged, scratchDirectory, seedExample, useExampleWorld } from './example-worlds.ts';

const dir = scratchDirectory('pgtopo-aws-roll-');
const currentWorld = useExampleWorld();
let world: AwsWorld;
beforeEach(() => {
  world = currentWorld();
});

const MEMBERS = EC2_EXAMPLE_MEMBERS;
const TYPES = ['t3.large', 'm7i.large', 'c7i.large'];
/** ha.method none: proxy[0], the failover coordinator, goes before its successor starts; the others successor first. */
const COORDINATOR_FIRST = ['TerminateInstances', 'RunInstances', 'RunInstances', 'TerminateInstances', 'RunInstances', 'TerminateInstances'];

function runningMembers(region: string): number {
  return world.ec2.instances.in(region).filter((instance) => instance.State?.Name === 'running' &&
    instance.Tags?.some((tag) => tag.Key === 'pgtopo:address' && MEMBERS.includes(tag.Value ?? ''))).length;
}

/** Instances of the failover coordinator (proxy[0]) whose proxy may still run: two could promote two standbys. */
function coordinatorsAlive(region: string): number {
  return world.ec2.instances.in(region).filter((instance) => ['pending', 'running', 'shutting-down'].includes(instance.State?.Name ?? '') &&
    instance.Tags?.some((tag) => tag.Key === 'pgtopo:address' && tag.Value === MEMBERS[0])).length;
}

/**
 * Applies, counting before every call the running members and the coordinator's live instances, and recording the
 * order of launches and terminations.
 */
async function appliedWatched(region: string, file: string): Promise<{ counts: number[]; coordinators: number[]; order: string[] }> {
  const counts: number[] = [];
  const coordinators: number[] = [];
  const order: string[] = [];
  world.log.observers.push((call) => {
    counts.push(runningMembers(region));
    coordinators.push(coordinatorsAlive(region));
    if (call.action === 'ec2:RunInstances' || call.action === 'ec2:TerminateInstances') order.push(call.action.slice(4));
  });
  const applied = await runCliCaptured(['apply', file, '--auto-approve']);
  world.log.observers.length = 0;
  expect(applied.code, applied.stderr + applied.stdout).toBe(0);
  return { counts, coordinators, order };
}

/** Each member's instance's private IP, in member order. */
function memberAddresses(region: string): (string | undefined)[] {
  return MEMBERS.map((address) => world.ec2.instances.in(region).find((instance) => instance.State?.Name === 'running' &&
    instance.Tags?.some((tag) => tag.Key === 'pgtopo:address' && tag.Value === address))?.PrivateIpAddress);
}

function withInstanceType(file: string, instanceType: string): void {
  const text = readFileSync(file, 'utf8');
  writeFileSync(file, text.includes('instanceType:') ? text.replace(/instanceType: \S+/, `instanceType: ${instanceType}`) : text.replace('instances: 3', `instances: 3\n      instanceType: ${instanceType}`));
}

describe('watchdog members on a restart-only change', () => {
  it('are rolled one at a time, each terminated before its successor starts on its ENI', async () => {
    const { region, file } = await appliedExample(world, dir, 'ec2');
    for (const instanceType of TYPES) {
      const before = MEMBERS.map((address) => liveInstancesTagged(world, region, 'pgtopo:address', address));
      const addresses = memberAddresses(region);
      withInstanceType(file, instanceType);
      const plan = await runCliCaptured(['plan', file]);
      for (const address of MEMBERS) expect(plan.stdout).toContain(`${address} will be updated`);
      expect(plan.stderr).not.toContain('has no quorum'); // three members: one down in the roll leaves two of three
      expect(plan.stdout).not.toMatch(/orders\.proxy(_eni)?\[\d\] (will be replaced|must be replaced)/);
      expect(plan.stdout).not.toContain('proxy_config[');
      expect(plan.stdout).not.toContain('Warning:');

      const { counts, order } = await appliedWatched(region, file);
      expect(Math.min(...counts)).toBe(MEMBERS.length - 1);
      expect(order).toEqual(['TerminateInstances', 'RunInstances', 'TerminateInstances', 'RunInstances', 'TerminateInstances', 'RunInstances']);
      expect(memberAddresses(region)).toEqual(addresses);
      const after = MEMBERS.map((address) => liveInstancesTagged(world, region, 'pgtopo:address', address));
      for (const [index, ids] of after.entries()) {
        expect(ids).toHaveLength(1);
        expect(ids[0]).not.toBe(before[index]![0]);
      }
      expect((await runCliCaptured(['plan', file, '--detailed-exitcode'])).code).toBe(0);
    }
  });

  it('waits for a terminated member to let go of its ENI before launching its successor on it, and gives up naming both', async () => {
    const { region, file } = await appliedExample(world, dir, 'ec2');
    process.env.PGTOPO_ROLL_TIMEOUT_SECONDS = '0.5';
    try {
      world.ec2.shutdownDescribes = 3;
      withInstanceType(file, 'm7i.large');
      const { order } = await appliedWatched(region, file);
      expect(order).toEqual(['TerminateInstances', 'RunInstances', 'TerminateInstances', 'RunInstances', 'TerminateInstances', 'RunInstances']);

      world.ec2.shutdownDescribes = Number.POSITIVE_INFINITY;
      withInstanceType(file, 'c7i.large');
      const [held] = liveInstancesTagged(world, region, 'pgtopo:address', MEMBERS[0]!);
      const stuck = await runCliCaptured(['apply', file, '--auto-approve']);
      expect(stuck.code).not.toBe(0);
      expect(stuck.stdout + stuck.stderr).toMatch(new RegExp(`eni-\\w+ is still held by ${held} \\(shutting-down\\) after 0.5 s`));
      expect(liveInstancesTagged(world, region, 'pgtopo:address', MEMBERS[1]!)).toHaveLength(1);
    } finally {
      delete process.env.PGTOPO_ROLL_TIMEOUT_SECONDS;
    }
  });

  it('a new subnet replaces every watchdog member (new ENIs, new addresses in every config), all stopped first', async () => {
    const { region, file } = await appliedExample(world, dir, 'ec2');
    const addresses = memberAddresses(region);
    writeFileSync(file, readFileSync(file, 'utf8').replace('subnets: [subnet-0a1b, subnet-0c2d]', 'subnets: [subnet-0c2d, subnet-0a1b]'));
    const plan = await runCliCaptured(['plan', file]);
    for (const address of MEMBERS) expect(plan.stdout).toContain(`${address} must be replaced`);
    expect(plan.stdout).toContain(`Warning: ${MEMBERS.join(', ')}: every one stops before the first replacement starts`);

    const { order } = await appliedWatched(region, file);
    expect(order).toEqual(['TerminateInstances', 'TerminateInstances', 'TerminateInstances', 'RunInstances', 'RunInstances', 'RunInstances']);
    expect(memberAddresses(region).every((address, index) => address !== undefined && address !== addresses[index])).toBe(true);
    expect((await runCliCaptured(['plan', file, '--detailed-exitcode'])).code).toBe(0);
  });

  it('ha.method none rolls successor first, but the failover coordinator\'s successor only once it is gone (3 rounds)', async () => {
    const region = seedExample(world, 'ec2');
    const file = exampleWorkspace(dir, 'ec2');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/method: watchdog\n\s+vip: .*\n/, 'method: none\n'));
    expect((await runCliCaptured(['apply', file, '--auto-approve'])).code).toBe(0);
    expect(world.ec2ProxyTier.networkInterfaces.in(region)).toEqual([]);
    world.ec2.shutdownDescribes = 2; // the coordinator's proxy may still run while its instance shuts down
    process.env.PGTOPO_ROLL_TIMEOUT_SECONDS = '5'; // polls a twentieth of it
    try {
      for (const instanceType of TYPES) {
        withInstanceType(file, instanceType);
        const { counts, coordinators, order } = await appliedWatched(region, file);
        expect(Math.max(...coordinators), instanceType).toBe(1);
        expect(Math.min(...counts), instanceType).toBe(MEMBERS.length - 1);
        expect(order, instanceType).toEqual(COORDINATOR_FIRST);
      }
    } finally {
      delete process.env.PGTOPO_ROLL_TIMEOUT_SECONDS;
    }
  });

  it('ha.method none rolls proxies into new subnets the same way, rather than replacing them all at once', async () => {
    const region = seedExample(world, 'ec2');
    const file = exampleWorkspace(dir, 'ec2');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/method: watchdog\n\s+vip: .*\n/, 'method: none\n'));
    expect((await runCliCaptured(['apply', file, '--auto-approve'])).code).toBe(0);
    const subnets = () => MEMBERS.map((address) => world.ec2.instances.in(region).find((instance) => instance.State?.Name === 'running' &&
      instance.Tags?.some((tag) => tag.Key === 'pgtopo:address' && tag.Value === address))?.SubnetId);
    expect(subnets()).toEqual(['subnet-0a1b', 'subnet-0c2d', 'subnet-0a1b']);
    writeFileSync(file, readFileSync(file, 'utf8').replace('subnets: [subnet-0a1b, subnet-0c2d]', 'subnets: [subnet-0c2d, subnet-0a1b]'));
    const plan = await runCliCaptured(['plan', file]);
    for (const address of MEMBERS) expect(plan.stdout).toContain(`${address} will be updated in place`);
    expect(plan.stdout).not.toContain('must be replaced');

    const { counts, coordinators, order } = await appliedWatched(region, file);
    expect(Math.max(...coordinators)).toBe(1);
    expect(Math.min(...counts)).toBe(MEMBERS.length - 1);
    expect(order).toEqual(COORDINATOR_FIRST);
    expect(subnets()).toEqual(['subnet-0c2d', 'subnet-0a1b', 'subnet-0c2d']);
    expect((await runCliCaptured(['plan', file, '--detailed-exitcode'])).code).toBe(0);
  });
});
