// A plan that cannot read the database says why in one line and exits 1, through the CLI: the id and the closest
// existing one, the engine, or the IAM action to grant. No stack trace.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { installAwsWorld, type AwsWorld } from './world/aws-world.ts';
import { runCliCaptured } from './run-cli-captured.ts';

const dir = mkdtempSync(join(tmpdir(), 'pgtopo-aws-errors-'));
const file = join(dir, 'pgtopo.yaml');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let world: AwsWorld;
beforeEach(() => {
  world = installAwsWorld();
  world.rds.addAuroraCluster('eu-west-1', { id: 'analytics' });
  world.rds.addAuroraCluster('eu-west-1', { id: 'shop', engine: 'aurora-mysql' });
});
afterEach(() => world.restore());

async function planAurora(dbCluster: string): Promise<{ code: number; stderr: string }> {
  writeFileSync(file, `version: 1
name: reports
clusters:
  reports:
    environment: aurora
    region: eu-west-1
    dbCluster: ${dbCluster}
    proxy: { subnets: [subnet-0a1b] }
users:
  - { name: app, auth: trust }
`);
  return runCliCaptured(['plan', file]);
}

function expectOneCleanError(result: { code: number; stderr: string }, message: string): void {
  expect(result.code).toBe(1);
  expect(result.stderr).toContain(message);
  expect(result.stderr).not.toMatch(/\n\s+at /);
}

describe('reading AWS fails clearly', () => {
  it('names a missing DB cluster and the closest one', async () => {
    expectOneCleanError(await planAurora('analytic'),
      'clusters.reports.dbCluster: no Aurora PostgreSQL DB cluster "analytic" in eu-west-1; did you mean "analytics"?');
  });

  it('says the cluster is not PostgreSQL', async () => {
    expectOneCleanError(await planAurora('shop'), 'DB cluster "shop" runs engine "aurora-mysql", not PostgreSQL');
  });

  it('names the IAM action that was denied', async () => {
    world.log.failures.push({ action: 'rds:DescribeDBClusters', error: 'AccessDenied' });
    expectOneCleanError(await planAurora('analytics'), 'rds:DescribeDBClusters was denied in eu-west-1: grant the IAM action "rds:DescribeDBClusters"');
  });

  it('suggests the region when nothing of the kind exists there', async () => {
    world.log.failures.length = 0;
    writeFileSync(file, `version: 1
name: reports
clusters:
  reports:
    environment: aurora
    region: us-east-2
    dbCluster: analytics
    proxy: { subnets: [subnet-0a1b] }
users:
  - { name: app, auth: trust }
`);
    expectOneCleanError(await runCliCaptured(['plan', file]),
      'no Aurora PostgreSQL DB cluster "analytics" in us-east-2; there is none in us-east-2 at all (if it lives in another region, set clusters.reports.region to that region)');
  });
});
