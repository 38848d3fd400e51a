// The three AWS examples plan against the in-memory AWS world through the CLI: the provider is registered, reads
// each environment's database and the plan shows what it found.
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseSavedPlan } from '../../../engine/plan/saved-plan.ts';
import { installAwsWorld, type AwsWorld } from './world/aws-world.ts';
import { runCliCaptured, type CliResult } from './run-cli-captured.ts';
import { PASSWORDS } from './proxy-tier/example-worlds.ts';

const dir = mkdtempSync(join(tmpdir(), 'pgtopo-aws-examples-'));
for (const example of ['ec2', 'rds', 'aurora']) copyFileSync(join('examples', `${example}.yaml`), join(dir, `${example}.yaml`));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let world: AwsWorld;
beforeEach(() => {
  world = installAwsWorld();
  // The proxy tier's subnets and passwords: a plan resolves both.
  for (const [region, subnets] of [['ap-northeast-1', ['subnet-0a1b', 'subnet-0c2d']], ['eu-west-1', ['subnet-0e1f', 'subnet-0a2b']]] as const) {
    for (const subnet of subnets) world.ec2ProxyTier.addSubnet(region, subnet);
  }
  Object.assign(process.env, PASSWORDS);
});
afterEach(() => {
  world.restore();
  for (const name of Object.keys(PASSWORDS)) delete process.env[name];
});

describe('the AWS examples plan in the in-memory world', () => {
  it('ec2.yaml discovers the tagged running instances', async () => {
    world.ec2.addInstance('ap-northeast-1', { tags: { 'pgtopo-cluster': 'orders' }, privateIp: '10.0.1.10' });
    world.ec2.addInstance('ap-northeast-1', { tags: { 'pgtopo-cluster': 'orders' }, privateIp: '10.0.2.10', availabilityZone: 'ap-northeast-1c' });
    world.ec2.addInstance('ap-northeast-1', { tags: { 'pgtopo-cluster': 'orders' }, privateIp: '10.0.3.10', state: 'stopped' });
    const result = await plan('ec2');
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const backends = dataSource('ec2', 'orders.database').attributes.backends as { host: string; port: number }[];
    expect(backends.map((backend) => `${backend.host}:${backend.port}`).sort()).toEqual(['10.0.1.10:5432', '10.0.2.10:5432']);
  });

  it('rds.yaml finds the primary and each read replica', async () => {
    world.rds.addRdsInstance('eu-west-1', { id: 'billing-db', readReplicas: 2 });
    const result = await plan('rds');
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const backends = dataSource('rds', 'billing.database').attributes.backends as { name: string; role: string }[];
    expect(backends.map((backend) => `${backend.name} ${backend.role}`)).toEqual([
      'writer primary', 'reader:billing-db-replica-1 standby', 'reader:billing-db-replica-2 standby',
    ]);
  });

  it('aurora.yaml finds the writer and reader endpoints', async () => {
    world.rds.addAuroraCluster('ap-northeast-1', { id: 'analytics', instances: 3 });
    const result = await plan('aurora');
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const attributes = dataSource('aurora', 'analytics.database').attributes;
    expect(attributes.writer_endpoint).toMatch(/^analytics\.cluster-[a-z0-9]+\.ap-northeast-1\.rds\.amazonaws\.com$/);
    expect(attributes.reader_endpoint).toMatch(/^analytics\.cluster-ro-/);
    expect(attributes.members).toHaveLength(3);
  });
});

async function plan(example: string): Promise<CliResult> {
  return runCliCaptured(['plan', join(dir, `${example}.yaml`), '--out', join(dir, `${example}.plan`)]);
}

/** A data source as the saved plan holds it (the JSON plan lists changes only). */
function dataSource(example: string, address: string): { attributes: Record<string, unknown> } {
  const saved = parseSavedPlan(readFileSync(join(dir, `${example}.plan`)), example);
  const source = saved.data_sources[address];
  if (!source) throw new Error(`no data source ${address} in the plan of ${example}.yaml`);
  return source;
}
