// The documented IAM policy and the calls the provider makes stay in step: plans of every AWS environment in the
// test world record each call's IAM action, and each must be in the operator's policy, and every action the policy
// lists must have been called (least privilege). docs/aws-iam.md must be what iam-policy.ts renders. Types whose
// calls only an apply or destroy makes (the proxy tier) belong in a cycle run here beside the plans.
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { awsResourceTypes } from '../../../providers/aws/aws-provider.ts';
import { RegionalClients } from '../../../providers/aws/aws-clients.ts';
import { DatabaseRequests } from '../../../providers/aws/database/database-requests.ts';
import { iamDocument } from '../../../providers/aws/iam-document.ts';
import { operatorPolicy, policyActions } from '../../../providers/aws/iam-policy.ts';
import { installAwsWorld, type AwsWorld } from './world/aws-world.ts';
import { runCliCaptured } from './run-cli-captured.ts';

const dir = mkdtempSync(join(tmpdir(), 'pgtopo-aws-iam-'));
for (const example of ['ec2', 'rds', 'aurora']) copyFileSync(join('examples', `${example}.yaml`), join(dir, `${example}.yaml`));
writeFileSync(join(dir, 'aurora-instances.yaml'), readFileSync(join(dir, 'aurora.yaml'), 'utf8')
  .replace('dbCluster: analytics', 'dbCluster: analytics\n    backends: { readers: instances }'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let world: AwsWorld;
beforeEach(() => {
  world = installAwsWorld();
  world.ec2.addInstance('ap-northeast-1', { tags: { 'pgtopo-cluster': 'orders' } });
  world.rds.addRdsInstance('eu-west-1', { id: 'billing-db', readReplicas: 1 });
  world.rds.addAuroraCluster('ap-northeast-1', { id: 'analytics', customEndpoints: ['reporting'] });
});
afterEach(() => world.restore());

const policy = operatorPolicy(awsResourceTypes(new RegionalClients(), new DatabaseRequests()));

describe('the operator IAM policy', () => {
  it('lists every action the provider calls while planning each environment, and no action it never calls', async () => {
    for (const topology of ['ec2', 'rds', 'aurora', 'aurora-instances']) {
      const result = await runCliCaptured(['plan', join(dir, `${topology}.yaml`)]);
      expect(result.code, result.stderr).toBe(0);
    }
    const called = new Set(world.log.calls.map((call) => call.action));
    const listed = policyActions(policy);
    expect([...called].filter((action) => !listed.has(action)), 'called but not in the policy').toEqual([]);
    expect([...listed].filter((action) => !called.has(action)), 'in the policy but never called').toEqual([]);
  });

  it('is documented as generated', () => {
    expect(readFileSync('docs/aws-iam.md', 'utf8'), 'docs/aws-iam.md is stale: run npx node providers/aws/generate-iam-doc.ts').toBe(iamDocument());
  });
});
