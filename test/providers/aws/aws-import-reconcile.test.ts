// `pgtopo import` and `reconcile --watch` against the in-memory AWS world, in this process. Import: an object whose
// state entry was lost, and a group made by hand and tagged for the topology, are adopted, so the next plan
// creates nothing for them. Reconcile: drift made in the world between two runs (a terminated proxy, a removed
// ingress rule) is reported and repaired by the next run, with no one asking.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { providerRegistry } from '../../../cli/provider-registry.ts';
import { ReconcileLoop } from '../../../engine/reconcile/reconcile-loop.ts';
import { ReconcileMetrics } from '../../../engine/reconcile/reconcile-metrics.ts';
import { exampleWorkspace, liveInstancesTagged, scratchDirectory, seedExample, useExampleWorld } from './proxy-tier/example-worlds.ts';
import { runCliCaptured } from './run-cli-captured.ts';
import type { AwsWorld } from './world/aws-world.ts';

const dir = scratchDirectory('pgtopo-aws-import-');

const currentWorld = useExampleWorld();
let world: AwsWorld;
beforeEach(() => {
  world = currentWorld();
});

/** The watchdog's port between the proxies, one of the rules of the group. */
const WATCHDOG_PORT = 9000;

const statePath = (file: string) => join(file, '..', '.pgtopo', 'state.json');

/** Forgets `address` in state, as a lost or hand-edited state file would. */
function forget(file: string, address: string): string {
  const state = JSON.parse(readFileSync(statePath(file), 'utf8')) as { resources: { address: string; id: string }[] };
  const id = state.resources.find((resource) => resource.address === address)!.id;
  writeFileSync(statePath(file), JSON.stringify({ ...state, resources: state.resources.filter((resource) => resource.address !== address) }));
  return id;
}

describe('pgtopo import on AWS', () => {
  it('adopts a proxy whose state entry was lost: plan then creates no second one', async () => {
    const region = seedExample(world, 'ec2');
    const file = exampleWorkspace(dir, 'ec2');
    expect((await runCliCaptured(['apply', file, '--auto-approve'])).code).toBe(0);
    const id = forget(file, 'orders.proxy[1]');
    const lost = await runCliCaptured(['plan', file, '--detailed-exitcode']);
    expect(lost.stdout + lost.stderr).toContain(`adopt it with: pgtopo import orders.proxy[1] ${id}`);

    const imported = await runCliCaptured(['import', 'orders.proxy[1]', id, file]);
    expect(imported.code, imported.stdout + imported.stderr).toBe(0);
    const plan = await runCliCaptured(['plan', file, '--detailed-exitcode']);
    expect(plan.code, plan.stdout + plan.stderr).toBe(0);
    expect(liveInstancesTagged(world, region, 'pgtopo:address', 'orders.proxy[1]')).toEqual([id]);
  });

  it('adopts a security group made by hand and tagged for the topology; apply then sets its rules, creating nothing', async () => {
    const region = seedExample(world, 'ec2');
    const file = exampleWorkspace(dir, 'ec2');
    world.ec2ProxyTier.securityGroups.in(region).push({
      GroupId: 'sg-0handmade', GroupName: 'orders-proxies', Description: 'made in the console', VpcId: 'vpc-0a1b2c3d',
      IpPermissions: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '10.0.0.0/8' }] }],
      Tags: [{ Key: 'pgtopo:topology', Value: 'pgtopo:shop' }, { Key: 'pgtopo:cluster', Value: 'orders' }],
    });
    const imported = await runCliCaptured(['import', 'orders.proxy_security_group', 'sg-0handmade', file]);
    expect(imported.code, imported.stdout + imported.stderr).toBe(0);
    const plan = await runCliCaptured(['plan', file]);
    expect(plan.stdout).toMatch(/orders\.proxy_security_group.*will be updated/);
    expect(plan.stdout).not.toMatch(/orders\.proxy_security_group.*will be created/);
    expect((await runCliCaptured(['apply', file, '--auto-approve'])).code).toBe(0);
    expect(world.ec2ProxyTier.securityGroups.in(region).map((group) => group.GroupId)).toEqual(['sg-0handmade']);
    const ports = world.ec2ProxyTier.group(region, 'sg-0handmade').IpPermissions!.map((permission) => permission.FromPort);
    expect(ports).toContain(6432);
    expect(ports).not.toContain(22);
    expect((await runCliCaptured(['plan', file, '--detailed-exitcode'])).code).toBe(0);
  });

  it('refuses to take over an untagged group that holds the proxies\' name, and says how to adopt it', async () => {
    const region = seedExample(world, 'ec2');
    const file = exampleWorkspace(dir, 'ec2');
    world.ec2ProxyTier.securityGroups.in(region).push({
      GroupId: 'sg-0someone', GroupName: 'pgtopo-shop-orders-proxy', Description: 'not ours', VpcId: 'vpc-0a1b2c3d', IpPermissions: [], Tags: [],
    });
    const applied = await runCliCaptured(['apply', file, '--auto-approve']);
    expect(applied.code).toBe(1);
    expect(applied.stdout + applied.stderr).toContain('a security group named pgtopo-shop-orders-proxy already exists in vpc-0a1b2c3d (ap-northeast-1) and pgtopo did not create it');
    expect(applied.stdout + applied.stderr).toContain('tag it pgtopo:topology=pgtopo:shop and pgtopo:cluster=orders and adopt it with pgtopo import orders.proxy_security_group');
    expect(applied.stderr).not.toMatch(/\n\s+at /);
    expect(world.ec2ProxyTier.group(region, 'sg-0someone').IpPermissions).toEqual([]);
  });
});

describe('pgtopo reconcile --watch on AWS', () => {
  it('reports and repairs drift made between runs: a terminated proxy and a removed ingress rule', async () => {
    const region = seedExample(world, 'rds');
    const file = exampleWorkspace(dir, 'rds');
    const stop = new AbortController();
    const logged: { message: string; fields?: Record<string, unknown> }[] = [];
    let inSyncRuns = 0;
    const breakTheWorld = () => {
      const proxy = world.ec2.instances.in(region).find((instance) => instance.Tags?.some((tag) => tag.Value === 'billing.proxy[1]') && instance.State?.Name === 'running')!;
      proxy.State = { Name: 'terminated' };
      const group = world.ec2ProxyTier.securityGroups.in(region)[0]!;
      group.IpPermissions = group.IpPermissions!.filter((permission) => permission.FromPort !== WATCHDOG_PORT);
    };
    const log = (level: string, message: string, fields?: Record<string, unknown>) => {
      logged.push({ message, fields });
      if (message === 'reconcile failed' || logged.length > 500) stop.abort();
      if (message !== 'in sync') return;
      inSyncRuns += 1;
      if (inSyncRuns === 1) breakTheWorld();
      else stop.abort();
    };
    const loop = new ReconcileLoop({
      file, registry: providerRegistry({}), intervalMs: 1, parallelism: 4, log, metrics: new ReconcileMetrics(), signal: stop.signal,
    });
    await loop.run();

    expect(logged.filter((line) => line.message === 'reconcile failed')).toEqual([]);
    expect(inSyncRuns).toBe(2);
    const drift = logged.filter((line) => line.message === 'drift').map((line) => line.fields?.address);
    expect(drift).toEqual(expect.arrayContaining(['billing.proxy[1]', 'billing.proxy_security_group']));
    expect(logged.filter((line) => line.message === 'applied')).toHaveLength(2); // the first apply, and the repair
    expect(liveInstancesTagged(world, region, 'pgtopo:address', 'billing.proxy[1]')).toHaveLength(1);
    expect(world.ec2ProxyTier.securityGroups.in(region)[0]!.IpPermissions!.some((permission) => permission.FromPort === WATCHDOG_PORT)).toBe(true);
  });
});
