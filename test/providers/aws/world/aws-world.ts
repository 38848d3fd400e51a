// A stateful in-memory AWS for the tests, on aws-sdk-client-mock: every client class's `send` is replaced while
// installed, so the provider's real code runs against objects kept per region, and every call is logged with its
// IAM action. One file per service keeps that service's state and commands (ec2-world.ts, rds-world.ts; add
// ssm-world.ts, elbv2-world.ts, autoscaling-world.ts beside them and one line each below).
import { AutoScalingClient } from '@aws-sdk/client-auto-scaling';
import { EC2Client } from '@aws-sdk/client-ec2';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { RDSClient } from '@aws-sdk/client-rds';
import { Route53Client } from '@aws-sdk/client-route-53';
import { SSMClient } from '@aws-sdk/client-ssm';
import type { MetadataBearer } from '@aws-sdk/types';
import { mockClient, type AwsStub } from 'aws-sdk-client-mock';
import { AutoScalingWorld } from './autoscaling-world.ts';
import { Ec2ProxyTierWorld } from './ec2-proxy-tier-world.ts';
import { Ec2World } from './ec2-world.ts';
import { Elbv2World } from './elbv2-world.ts';
import { RdsWorld } from './rds-world.ts';
import { SsmWorld } from './ssm-world.ts';
import { tagsOf } from './tag-filters.ts';
import { VipWorld } from './vip-world.ts';
import { CallLog } from './world-calls.ts';

export interface AwsWorld {
  ec2: Ec2World;
  rds: RdsWorld;
  ec2ProxyTier: Ec2ProxyTierWorld;
  ssm: SsmWorld;
  elbv2: Elbv2World;
  autoScaling: AutoScalingWorld;
  /** What the watchdog's AWS VIP drivers move. */
  vip: VipWorld;
  /** Every live object carrying the owner tag `pgtopo:<topology>`, as `<kind> <id>`: what destroy must leave empty. */
  ownedBy(topology: string, region: string): string[];
  /** Every call received, and the failures to inject. */
  log: CallLog;
  /** Puts the real clients back. */
  restore(): void;
}

export function installAwsWorld(): AwsWorld {
  const log = new CallLog();
  const stubs = {
    ec2: mockClient(EC2Client),
    rds: mockClient(RDSClient),
    autoScaling: mockClient(AutoScalingClient),
    elbv2: mockClient(ElasticLoadBalancingV2Client),
    ssm: mockClient(SSMClient),
    route53: mockClient(Route53Client),
  };
  // A command no service world serves fails loudly instead of answering undefined.
  for (const [service, stub] of Object.entries(stubs) as [string, AwsStub<object, MetadataBearer, unknown>][]) {
    stub.onAnyCommand().callsFake((input: unknown) => {
      throw new Error(`the test AWS world does not serve this ${service} command yet (input ${JSON.stringify(input)})`);
    });
  }
  const ec2 = new Ec2World();
  const ec2ProxyTier = new Ec2ProxyTierWorld(ec2);
  const world = { ec2, rds: new RdsWorld(), ec2ProxyTier, ssm: new SsmWorld(), elbv2: new Elbv2World(), autoScaling: new AutoScalingWorld(ec2ProxyTier), vip: new VipWorld(), log };
  world.ec2.install(stubs.ec2, log);
  world.rds.install(stubs.rds, log);
  world.ec2ProxyTier.install(stubs.ec2, log);
  world.ssm.install(stubs.ssm, log);
  world.elbv2.install(stubs.elbv2, log);
  world.autoScaling.install(stubs.autoScaling, log);
  world.vip.memberEnis = ec2ProxyTier;
  world.vip.install(stubs.ec2, stubs.route53, log);
  world.elbv2.registered = (region, arn) => world.autoScaling.membersOf(region, arn);
  ec2ProxyTier.configValue = (region, name) => world.ssm.find(region, name)?.Value;
  return { ...world, ownedBy: (topology, region) => ownedBy(world, `pgtopo:${topology}`, region), restore: () => Object.values(stubs).forEach((stub) => stub.restore()) };
}

function ownedBy(world: Omit<AwsWorld, 'ownedBy' | 'restore'>, owner: string, region: string): string[] {
  const owned = (tags: { Key?: string; Value?: string }[] | undefined) => tagsOf(tags)['pgtopo:topology'] === owner;
  return [
    ...world.ec2.instances.in(region).filter((instance) => instance.State?.Name !== 'terminated' && owned(instance.Tags)).map((instance) => `instance ${instance.InstanceId}`),
    ...world.ec2ProxyTier.securityGroups.in(region).filter((group) => owned(group.Tags)).map((group) => `security group ${group.GroupId}`),
    ...world.ec2ProxyTier.rulesIn(region).filter((rule) => owned(rule.Tags)).map((rule) => `security group rule ${rule.SecurityGroupRuleId}`),
    ...world.ec2ProxyTier.networkInterfaces.in(region).filter((eni) => owned(eni.TagSet)).map((eni) => `network interface ${eni.NetworkInterfaceId}`),
    ...world.ec2ProxyTier.launchTemplates.in(region).filter((template) => owned(template.Tags)).map((template) => `launch template ${template.LaunchTemplateId}`),
    ...world.ssm.parameters.in(region).filter((parameter) => owned(parameter.Tags)).map((parameter) => `parameter ${parameter.Name}`),
    ...[...world.elbv2.tags].filter(([arn, tags]) => arn.includes(`:${region}:`) && owned(tags)).map(([arn]) => `elb ${arn}`),
    ...world.autoScaling.groups.in(region).filter((group) => owned(group.Tags)).map((group) => `auto scaling group ${group.AutoScalingGroupName}`),
  ];
}
