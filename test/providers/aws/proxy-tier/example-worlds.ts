// What the AWS examples need to exist in the in-memory world (their subnets and databases), a workspace with a
// copy of an example, and the passwords they read from the environment (set by `withPasswords`).
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, expect } from 'vitest';
import { runCliCaptured } from '../run-cli-captured.ts';
import { installAwsWorld, type AwsWorld } from '../world/aws-world.ts';

export type Example = 'ec2' | 'rds' | 'aurora';

export const PASSWORDS = {
  APP_DB_PASSWORD: 'app-secret-1', PGTOPO_MONITOR_PASSWORD: 'monitor-secret-2', BILLING_DB_PASSWORD: 'billing-secret-3', ANALYST_DB_PASSWORD: 'analyst-secret-4',
};

export const EXAMPLE_REGION: Record<Example, string> = { ec2: 'ap-northeast-1', rds: 'eu-west-1', aurora: 'ap-northeast-1' };
/** The proxies of examples/ec2.yaml: a watchdog tier of three. */
export const EC2_EXAMPLE_MEMBERS = ['orders.proxy[0]', 'orders.proxy[1]', 'orders.proxy[2]'];

export function seedExample(world: AwsWorld, example: Example): string {
  const region = EXAMPLE_REGION[example];
  const subnets = example === 'rds' ? ['subnet-0e1f', 'subnet-0a2b'] : ['subnet-0a1b', 'subnet-0c2d'];
  for (const [index, subnet] of subnets.entries()) world.ec2ProxyTier.addSubnet(region, subnet, 'vpc-0a1b2c3d', `${region}${'ac'[index]}`);
  if (example === 'ec2') world.ec2.addInstance(region, { tags: { 'pgtopo-cluster': 'orders' }, privateIp: '10.0.1.10' });
  if (example === 'rds') world.rds.addRdsInstance(region, { id: 'billing-db', readReplicas: 1 });
  if (example === 'aurora') world.rds.addAuroraCluster(region, { id: 'analytics', instances: 2 });
  return region;
}

/** A temporary directory for a test file's workspaces, removed after the file's tests. */
export function scratchDirectory(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A fresh directory holding a copy of the example; returns the topology file. */
export function exampleWorkspace(parent: string, example: Example): string {
  const dir = mkdtempSync(join(parent, `${example}-`));
  copyFileSync(join('examples', `${example}.yaml`), join(dir, `${example}.yaml`));
  return join(dir, `${example}.yaml`);
}

/** The example seeded into the world, copied into a fresh workspace and applied. */
export async function appliedExample(world: AwsWorld, parent: string, example: Example): Promise<{ region: string; file: string }> {
  const region = seedExample(world, example);
  const file = exampleWorkspace(parent, example);
  const applied = await runCliCaptured(['apply', file, '--auto-approve']);
  expect(applied.code, applied.stderr + applied.stdout).toBe(0);
  return { region, file };
}

/**
 * A fresh world and the examples' passwords for each test of the file; `check` runs after each test, before the
 * world is put away. Returns the current world.
 */
export function useExampleWorld(check: (world: AwsWorld) => void = () => {}): () => AwsWorld {
  let world: AwsWorld | undefined;
  beforeEach(() => {
    world = installAwsWorld();
    Object.assign(process.env, PASSWORDS);
  });
  afterEach(() => {
    try {
      check(world!);
    } finally {
      world!.restore();
      for (const name of Object.keys(PASSWORDS)) delete process.env[name];
    }
  });
  return () => world!;
}

export function expectNoSecrets(...texts: string[]): void {
  for (const text of texts) for (const secret of Object.values(PASSWORDS)) expect(text).not.toContain(secret);
}

/** The live objects of the world that carry `tag`=`value`. */
export function liveInstancesTagged(world: AwsWorld, region: string, tag: string, value: string): string[] {
  return world.ec2.instances.in(region)
    .filter((instance) => instance.State?.Name !== 'terminated' && instance.Tags?.some((candidate) => candidate.Key === tag && candidate.Value === value))
    .map((instance) => instance.InstanceId!);
}
