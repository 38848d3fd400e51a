// The documented IAM policy and the calls the provider makes stay in step: a whole cycle of every AWS example in
// the test world (plan, apply, status, an update that changes the proxies' instance type, destroy) records each call's IAM
// action; each must be in the operator's policy, and every action the policy lists must have been called (least
// privilege), but for the permissions AWS checks inside other calls and the few calls only a drift repair makes. docs/aws-iam.md must be what iam-policy.ts renders.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { awsResourceTypes } from '../../../providers/aws/aws-provider.ts';
import { RegionalClients } from '../../../providers/aws/aws-clients.ts';
import { DatabaseRequests } from '../../../providers/aws/database/database-requests.ts';
import { iamDocument } from '../../../providers/aws/iam-document.ts';
import { operatorPolicy, policyActions, proxyInstancePolicy } from '../../../providers/aws/iam-policy.ts';
import { AWS_VIP_IAM_ACTIONS } from '../../../proxy/watchdog/vip/aws-vip-iam-actions.ts';
import { JOINED_TAG_IAM_ACTIONS } from '../../../proxy/watchdog/joined-tag.ts';
import { exampleWorkspace, seedExample, useExampleWorld, type Example } from './proxy-tier/example-worlds.ts';
import { runCliCaptured } from './run-cli-captured.ts';

const dir = mkdtempSync(join(tmpdir(), 'pgtopo-aws-iam-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Permissions AWS checks inside other calls: tags given at create time, and passing the proxies' role. */
const IMPLIED = ['ec2:CreateTags', 'ssm:AddTagsToResource', 'elasticloadbalancing:AddTags', 'autoscaling:CreateOrUpdateTags', 'iam:PassRole'];
/** Called only to repair drift (a stopped instance, a listener changed by hand): proxy-tier-cycle and watchdog-members cover them. */
const REPAIR_ONLY = ['ec2:StartInstances', 'ssm:ListTagsForResource', 'ec2:ModifyNetworkInterfaceAttribute',
  'elasticloadbalancing:SetSubnets', 'elasticloadbalancing:ModifyTargetGroup', 'elasticloadbalancing:ModifyListener'];

const policy = operatorPolicy(awsResourceTypes(new RegionalClients(), new DatabaseRequests()));
const called = new Set<string>();
const currentWorld = useExampleWorld((world) => {
  for (const call of world.log.calls) called.add(call.action);
});

async function succeed(...args: string[]): Promise<void> {
  const result = await runCliCaptured(args);
  expect(result.code, `${args.join(' ')}: ${result.stderr}${result.stdout}`).toBe(0);
}

/** plan → apply → status → apply with another instance type (template versions, instance refresh) → destroy. */
async function cycle(example: Example, edit: (text: string) => string = (text) => text): Promise<void> {
  seedExample(currentWorld(), example);
  const file = exampleWorkspace(dir, example);
  writeFileSync(file, edit(readFileSync(file, 'utf8')));
  await succeed('plan', file);
  await succeed('apply', file, '--auto-approve');
  await succeed('status', file);
  const applied = readFileSync(file, 'utf8');
  writeFileSync(file, applied.includes('instanceType:')
    ? applied.replace(/instanceType: \S+/, 'instanceType: m7g.large')
    : applied.replace('instances: 2', 'instances: 2\n      instanceType: m7g.large'));
  await succeed('apply', file, '--auto-approve');
  await succeed('destroy', file, '--auto-approve');
}

describe('the operator IAM policy', () => {
  it('ec2.yaml cycle, with the rule on the database\'s security group', () => {
    currentWorld().ec2ProxyTier.securityGroups.in('ap-northeast-1').push({ GroupId: 'sg-0db0', GroupName: 'database', VpcId: 'vpc-0a1b2c3d', IpPermissions: [], Tags: [] });
    return cycle('ec2', (text) => text.replace(/\n    proxy:\n/, '\n    proxy:\n      databaseSecurityGroup: sg-0db0\n'));
  });
  it('rds.yaml cycle', () => cycle('rds'));
  it('aurora.yaml cycle', () => cycle('aurora'));
  it('aurora.yaml with readers: instances and a custom endpoint', async () => {
    currentWorld().rds.addAuroraCluster('ap-northeast-1', { id: 'reporting', customEndpoints: ['weekly'] });
    await cycle('aurora', (text) => text.replace('dbCluster: analytics', 'dbCluster: analytics\n    backends: { readers: instances }'));
  });

  it('lists every action those cycles called, and no other action than the implied and repair-only ones', () => {
    const listed = policyActions(policy);
    expect([...called].filter((action) => !listed.has(action)), 'called but not in the policy').toEqual([]);
    expect([...listed].filter((action) => !called.has(action)).sort(), 'in the policy but never called').toEqual([...IMPLIED, ...REPAIR_ONLY].sort());
  });

  it('is documented as generated', () => {
    expect(readFileSync('docs/aws-iam.md', 'utf8'), 'docs/aws-iam.md is stale: run npx node providers/aws/generate-iam-doc.ts').toBe(iamDocument());
  });
});

describe('the proxy instances\' role', () => {
  it('adds only the statement of the VIP method in use, a dns one limited to its hosted zone, and the joined tag on its own instances; the serving tag always', () => {
    const plain = proxyInstancePolicy('shop');
    const dns = proxyInstancePolicy('shop', [{ type: 'dns', hostedZoneId: 'Z123', recordName: 'db.example.com' }]);
    expect(dns.Statement.slice(0, plain.Statement.length)).toEqual(plain.Statement);
    expect(dns.Statement.slice(plain.Statement.length)).toEqual([{
      Sid: 'WatchdogVipDns', Effect: 'Allow', Action: [...AWS_VIP_IAM_ACTIONS.dns].sort(),
      Resource: ['arn:aws:route53:::hostedzone/Z123', 'arn:aws:route53:::change/*'],
    }, {
      Sid: 'WatchdogJoinedTag', Effect: 'Allow', Action: [...JOINED_TAG_IAM_ACTIONS], Resource: 'arn:aws:ec2:*:*:instance/*',
      Condition: { StringEquals: { 'aws:ResourceTag/pgtopo:topology': 'pgtopo:shop' }, 'ForAllValues:StringEquals': { 'aws:TagKeys': 'pgtopo:watchdog-joined' } },
    }]);
    const eip = proxyInstancePolicy('shop', [{ type: 'elastic-ip', allocationId: 'eipalloc-1' }]);
    expect([...policyActions(eip)].filter((action) => !policyActions(plain).has(action)).sort()).toEqual([...AWS_VIP_IAM_ACTIONS['elastic-ip']].sort());
    // Every proxy may tag its own instance as serving, with that one key only.
    expect(plain.Statement.find((statement) => statement.Sid === 'ServingTag')).toEqual({
      Sid: 'ServingTag', Effect: 'Allow', Action: [...JOINED_TAG_IAM_ACTIONS], Resource: 'arn:aws:ec2:*:*:instance/*',
      Condition: { StringEquals: { 'aws:ResourceTag/pgtopo:topology': 'pgtopo:shop' }, 'ForAllValues:StringEquals': { 'aws:TagKeys': 'pgtopo:serving' } },
    });
  });
});
