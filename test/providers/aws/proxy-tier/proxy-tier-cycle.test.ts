// The whole cycle of each AWS example through the CLI in the stateful in-memory AWS world: plan (changes) →
// apply → plan (no changes, --detailed-exitcode 0) → a change made outside pgtopo shows as drift → apply repairs
// it → destroy leaves nothing tagged with the topology. Passwords never reach plans, state, user data or output.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
  expect(first.code, first.stdout + first.stderr).toBe(2);
  const applied = await cli('apply', file, '--auto-approve');
  expect(applied.code, applied.stderr + applied.stdout).toBe(0);
  const settled = await cli('plan', file, '--detailed-exitcode');
  expect(settled.code, settled.stdout + settled.stderr).toBe(0);
  expectNoSecrets(first.stdout, applied.stdout, readFileSync(join(file, '..', '.pgtopo', 'state.json'), 'utf8'));
  return applied;
}

async function repairAndDestroy(file: string, topology: string, region: string, drifted: string): Promise<void> {
  const drift = await cli('plan', file, '--detailed-exitcode');
  expect(drift.code, drift.stdout + drift.stderr).toBe(2);
  expect(drift.stdout).toContain(drifted);
  const repaired = await cli('apply', file, '--auto-approve');
  expect(repaired.code, repaired.stdout + repaired.stderr).toBe(0);
  expect((await cli('plan', file, '--detailed-exitcode')).code).toBe(0);
  const destroyed = await cli('destroy', file, '--auto-approve');
  expect(destroyed.code, destroyed.stderr + destroyed.stdout).toBe(0);
  expect(world.ownedBy(topology, region)).toEqual([]);
}

describe('the proxy tier on EC2, whole cycle per example', () => {
  it('ec2.yaml: a watchdog tier of three instances over two subnets', async () => {
    const region = seedExample(world, 'ec2');
    const file = workspace('ec2');
    const applied = await applyAndSettle(file);
    const proxies = world.ec2.instances.in(region).filter((instance) => instance.Tags?.some((tag) => tag.Key === 'pgtopo:topology'));
    expect(proxies.map((instance) => instance.SubnetId).sort()).toEqual(['subnet-0a1b', 'subnet-0a1b', 'subnet-0c2d']);
    expect(proxies.map((instance) => instance.Tags?.find((tag) => tag.Key === 'Name')?.Value).sort()).toEqual(['pgtopo-shop-orders-proxy-0', 'pgtopo-shop-orders-proxy-1', 'pgtopo-shop-orders-proxy-2']);
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

/** The example with `engine: pgpool2` on its proxy tier (its `engine: builtin` replaced, or added). */
function withPgpool(file: string): string {
  const text = readFileSync(file, 'utf8');
  writeFileSync(file, text.includes('engine: builtin') ? text.replace('engine: builtin', 'engine: pgpool2') : text.replace('instances: 2', 'engine: pgpool2\n      instances: 2'));
  return file;
}

function latestUserData(region: string): string {
  const [template] = world.ec2ProxyTier.launchTemplates.in(region);
  const version = world.ec2ProxyTier.templateVersions.in(region).find((candidate) =>
    candidate.LaunchTemplateId === template!.LaunchTemplateId && candidate.VersionNumber === template!.LatestVersionNumber)!;
  return Buffer.from(version.LaunchTemplateData!.UserData!, 'base64').toString('utf8');
}

describe('engine: pgpool2 on the proxy tier, whole cycle', () => {
  it('aurora.yaml: the instances run Pgpool-II from its SSM document, and the NLB checks the proxy port over TCP', async () => {
    const region = seedExample(world, 'aurora');
    const file = withPgpool(workspace('aurora'));
    await applyAndSettle(file);
    const config = JSON.parse(world.ssm.find(region, '/pgtopo/analytics/analytics/proxy-config')!.Value);
    expect(config).toMatchObject({ engine: 'pgpool2', cluster: 'analytics', listen: { host: '0.0.0.0', port: 6432 }, metrics: null });
    expect(config.users[0].password).toEqual({ ssm: '/pgtopo/analytics/analytics/secrets/ANALYST_DB_PASSWORD' });
    expect(config.backends.map((backend: { name: string }) => backend.name)).toEqual(['writer', 'reader']);
    const [group] = world.elbv2.targetGroups.in(region);
    expect(group).toMatchObject({ Protocol: 'TCP', HealthCheckProtocol: 'TCP', HealthCheckPort: 'traffic-port' });
    expect(group!.HealthCheckPath).toBeUndefined();
    const userData = latestUserData(region);
    expect(userData).toContain('pgtopo pgpool-files --config ssm:${config_parameter}');
    expectNoSecrets(userData, JSON.stringify(config));
    // Drift: the document edited by hand is written back.
    const parameter = world.ssm.find(region, '/pgtopo/analytics/analytics/proxy-config')!;
    parameter.Value = JSON.stringify({ ...JSON.parse(parameter.Value), log_level: 'debug' });
    await repairAndDestroy(file, 'analytics', region, 'analytics.proxy_config');
  });

  it('ec2.yaml: each watchdog member gets its own Pgpool-II document; no metrics port is opened', async () => {
    const region = seedExample(world, 'ec2');
    const file = withPgpool(workspace('ec2'));
    await applyAndSettle(file);
    const documents = [0, 1].map((index) => JSON.parse(world.ssm.find(region, `/pgtopo/shop/orders/proxy-config/${index}`)!.Value));
    expect(documents.map((document) => [document.engine, document.index, document.failover.enabled])).toEqual([['pgpool2', 0, true], ['pgpool2', 1, true]]);
    const ports = world.ec2ProxyTier.securityGroups.in(region)[0]!.IpPermissions!.map((permission) => permission.FromPort);
    expect([...new Set(ports)].sort()).toEqual([6432, 9000, 9694]);
    expect(documents[0].monitor_user).toMatchObject({ name: 'pgtopo_monitor', password: { ssm: '/pgtopo/shop/orders/secrets/PGTOPO_MONITOR_PASSWORD' } });
    expect(latestUserData(region)).toContain('/usr/sbin/pgpool -n');
    const proxy = world.ec2.instances.in(region).find((instance) => instance.Tags?.some((tag) => tag.Value === 'orders.proxy[1]'))!;
    proxy.State = { Name: 'terminated' };
    await repairAndDestroy(file, 'shop', region, 'orders.proxy[1]');
  });

  it('switching an applied tier from builtin to pgpool2 rolls the group and changes the health check in place', async () => {
    const region = seedExample(world, 'aurora');
    const file = workspace('aurora');
    await applyAndSettle(file);
    const [before] = world.elbv2.targetGroups.in(region);
    withPgpool(file);
    const switched = await cli('apply', file, '--auto-approve');
    expect(switched.code, switched.stderr + switched.stdout).toBe(0);
    expect(world.elbv2.targetGroups.in(region)).toHaveLength(1);
    expect(world.elbv2.targetGroups.in(region)[0]).toMatchObject({ TargetGroupArn: before!.TargetGroupArn, HealthCheckProtocol: 'TCP', HealthCheckPort: 'traffic-port' });
    expect(world.autoScaling.refreshes).toHaveLength(1);
    expect((await cli('plan', file, '--detailed-exitcode')).code).toBe(0);
    expect((await cli('destroy', file, '--auto-approve')).code).toBe(0);
    expect(world.ownedBy('analytics', region)).toEqual([]);
  });
});
