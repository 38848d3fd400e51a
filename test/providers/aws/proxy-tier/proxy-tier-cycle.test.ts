// The whole cycle of each AWS example through the CLI in the stateful in-memory AWS world: plan (changes) →
// apply → plan (no changes, --detailed-exitcode 0) → a change made outside pgtopo shows as drift → apply repairs
// it → destroy leaves nothing tagged with the topology. Passwords never reach plans, state, user data or output.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { AwsWorld } from '../world/aws-world.ts';
import { runCliCaptured, type CliResult } from '../run-cli-captured.ts';
import { awsProvider } from '../../../../providers/aws/aws-provider.ts';
import type { AwsResourceType } from '../../../../providers/aws/aws-resource-type.ts';
import { exampleWorkspace, expectNoSecrets, PASSWORDS, seedExample, useExampleWorld } from './example-worlds.ts';

const dir = mkdtempSync(join(tmpdir(), 'pgtopo-aws-tier-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const DECLARED_ACTIONS = new Set(awsProvider().resourceTypes.flatMap((type) => (type as AwsResourceType).iamActions));

// The IAM policy is generated from the declared actions: every call made must be one of them.
const currentWorld = useExampleWorld((world) =>
  expect([...new Set(world.log.calls.map((call) => call.action))].filter((action) => !DECLARED_ACTIONS.has(action))).toEqual([]));
let world: AwsWorld;
beforeEach(() => {
  world = currentWorld();
});

const workspace = (example: 'ec2' | 'rds' | 'aurora') => exampleWorkspace(dir, example);

async function cli(...args: string[]): Promise<CliResult> {
  return runCliCaptured(args);
}

async function applyAndSettle(file: string): Promise<CliResult> {
  const first = await cli('plan', file, '--detailed-exitcode');
  expect(first.code, first.stderr).toBe(2);
  const applied = await cli('apply', file, '--auto-approve');
  expect(applied.code, applied.stderr + applied.stdout).toBe(0);
  const settled = await cli('plan', file, '--detailed-exitcode');
  expect(settled.code, settled.stdout + settled.stderr).toBe(0);
  expectNoSecrets(first.stdout, applied.stdout, readFileSync(join(file, '..', '.pgtopo', 'state.json'), 'utf8'));
  return applied;
}

async function repairAndDestroy(file: string, topology: string, region: string, drifted: string): Promise<void> {
  const drift = await cli('plan', file, '--detailed-exitcode');
  expect(drift.code, drift.stderr).toBe(2);
  expect(drift.stdout).toContain(drifted);
  const repaired = await cli('apply', file, '--auto-approve');
  expect(repaired.code, repaired.stderr).toBe(0);
  expect((await cli('plan', file, '--detailed-exitcode')).code).toBe(0);
  const destroyed = await cli('destroy', file, '--auto-approve');
  expect(destroyed.code, destroyed.stderr + destroyed.stdout).toBe(0);
  expect(world.ownedBy(topology, region)).toEqual([]);
}

describe('the proxy tier on EC2, whole cycle per example', () => {
  it('ec2.yaml: a watchdog tier of two instances over two subnets', async () => {
    const region = seedExample(world, 'ec2');
    const file = workspace('ec2');
    const applied = await applyAndSettle(file);
    const proxies = world.ec2.instances.in(region).filter((instance) => instance.Tags?.some((tag) => tag.Key === 'pgtopo:topology'));
    expect(proxies.map((instance) => instance.SubnetId).sort()).toEqual(['subnet-0a1b', 'subnet-0c2d']);
    expect(proxies.map((instance) => instance.Tags?.find((tag) => tag.Key === 'Name')?.Value).sort()).toEqual(['pgtopo-shop-orders-proxy-0', 'pgtopo-shop-orders-proxy-1']);
    expect(applied.stdout).toMatch(/orders\.proxy\[0\]: 10\.\d+\.\d+\.\d+:6432/);
    const secret = world.ssm.find(region, '/pgtopo/shop/orders/secrets/APP_DB_PASSWORD');
    expect(secret).toMatchObject({ Type: 'SecureString', Value: PASSWORDS.APP_DB_PASSWORD });
    const config = world.ssm.find(region, '/pgtopo/shop/orders/proxy-config/1')!;
    expect(JSON.parse(config.Value).users[0].password).toEqual({ ssm: '/pgtopo/shop/orders/secrets/APP_DB_PASSWORD' });
    expect(JSON.parse(config.Value).failover.instanceIndex).toBe(1);
    // Drift: someone removes the proxies' client rule.
    const group = world.ec2ProxyTier.securityGroups.in(region)[0]!;
    group.IpPermissions = group.IpPermissions!.filter((permission) => permission.FromPort !== 6432);
    await repairAndDestroy(file, 'shop', region, 'proxy_security_group');
    expect(world.ec2.instances.in(region).find((instance) => instance.PrivateIpAddress === '10.0.1.10')?.State?.Name).toBe('running');
  });

  it('rds.yaml: a watchdog tier in front of the primary and its read replicas', async () => {
    const region = seedExample(world, 'rds');
    const file = workspace('rds');
    await applyAndSettle(file);
    const config = JSON.parse(world.ssm.find(region, '/pgtopo/billing/billing/proxy-config/0')!.Value);
    expect(config.backends.map((backend: { name: string; alwaysPrimary: boolean }) => `${backend.name}:${backend.alwaysPrimary}`))
      .toEqual(['writer:true', 'reader:billing-db-replica-1:false']);
    // Drift: a proxy terminated outside pgtopo is launched again.
    const proxy = world.ec2.instances.in(region).find((instance) => instance.Tags?.some((tag) => tag.Value === 'billing.proxy[1]'))!;
    proxy.State = { Name: 'terminated' };
    await repairAndDestroy(file, 'billing', region, 'billing.proxy[1]');
  });

  it('aurora.yaml: NLB, target group on /healthz, listener and Auto Scaling group', async () => {
    const region = seedExample(world, 'aurora');
    const file = workspace('aurora');
    const applied = await applyAndSettle(file);
    const [lb] = world.elbv2.loadBalancers.in(region);
    expect(lb).toMatchObject({ Scheme: 'internal', Type: 'network' });
    expect(applied.stdout).toContain(`analytics: ${lb!.DNSName}:6432`);
    const [group] = world.elbv2.targetGroups.in(region);
    expect(group).toMatchObject({ Protocol: 'TCP', HealthCheckProtocol: 'HTTP', HealthCheckPath: '/healthz', HealthCheckPort: '9187' });
    expect(Number(group!.attributes['deregistration_delay.timeout_seconds'])).toBeGreaterThanOrEqual(30);
    const [asg] = world.autoScaling.groups.in(region);
    expect(asg).toMatchObject({ MinSize: 2, MaxSize: 4, VPCZoneIdentifier: 'subnet-0a1b,subnet-0c2d', TargetGroupARNs: [group!.TargetGroupArn] });
    expect(world.ssm.find(region, '/pgtopo/analytics/analytics/proxy-config')).toBeDefined();
    // Drift: the proxy config edited by hand is written back.
    const config = world.ssm.find(region, '/pgtopo/analytics/analytics/proxy-config')!;
    config.Value = JSON.stringify({ ...JSON.parse(config.Value), logLevel: 'debug' });
    await repairAndDestroy(file, 'analytics', region, 'analytics.proxy_config');
  });
});
