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
import { Ec2World } from './ec2-world.ts';
import { RdsWorld } from './rds-world.ts';
import { CallLog } from './world-calls.ts';

export interface AwsWorld {
  ec2: Ec2World;
  rds: RdsWorld;
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
  const world = { ec2: new Ec2World(), rds: new RdsWorld(), log };
  world.ec2.install(stubs.ec2, log);
  world.rds.install(stubs.rds, log);
  return { ...world, restore: () => Object.values(stubs).forEach((stub) => stub.restore()) };
}
