// The proxy tier when AWS says no or an apply is cut short: an access-denied call names the IAM action to grant
// (exit 1, no stack trace); an apply that fails midway converges on the next apply without creating anything
// twice; a RunInstances whose answer was lost leaves one proxy, not two; a changed launch template rolls the
// Auto Scaling group (instance refresh) instead of replacing it.
import { readFileSync, writeFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { runCliCaptured } from '../run-cli-captured.ts';
import type { AwsWorld } from '../world/aws-world.ts';
import { exampleWorkspace, liveInstancesTagged, scratchDirectory, seedExample, useExampleWorld } from './example-worlds.ts';

const dir = scratchDirectory('pgtopo-aws-tier-failures-');

const currentWorld = useExampleWorld();
let world: AwsWorld;
beforeEach(() => {
  world = currentWorld();
});

describe('the proxy tier on EC2 when calls fail', () => {
  it('names the IAM action an access-denied create needs, without a stack trace', async () => {
    seedExample(world, 'aurora');
    world.log.failures.push({ action: 'ec2:CreateSecurityGroup', error: 'UnauthorizedOperation' });
    const applied = await runCliCaptured(['apply', exampleWorkspace(dir, 'aurora'), '--auto-approve']);
    expect(applied.code).toBe(1);
    expect(applied.stdout + applied.stderr).toContain('grant the IAM action "ec2:CreateSecurityGroup"');
    expect(applied.stdout + applied.stderr).not.toMatch(/^\s+at /m);
  });

  it('converges on the next apply after a failure midway, creating nothing twice', async () => {
    const region = seedExample(world, 'aurora');
    world.log.failures.push({ action: 'elasticloadbalancing:CreateListener', error: 'InternalFailure', remaining: 1 });
    const file = exampleWorkspace(dir, 'aurora');
    expect((await runCliCaptured(['apply', file, '--auto-approve'])).code).toBe(1);
    const again = await runCliCaptured(['apply', file, '--auto-approve']);
    expect(again.code, again.stdout + again.stderr).toBe(0);
    expect((await runCliCaptured(['plan', file, '--detailed-exitcode'])).code).toBe(0);
    expect(world.elbv2.loadBalancers.in(region)).toHaveLength(1);
    expect(world.elbv2.targetGroups.in(region)).toHaveLength(1);
    expect(world.elbv2.listeners.in(region)).toHaveLength(1);
    expect(world.autoScaling.groups.in(region)).toHaveLength(1);
    expect(world.ec2ProxyTier.launchTemplates.in(region)).toHaveLength(1);
    expect(world.ssm.parameters.in(region).map((parameter) => parameter.Name).sort())
      .toEqual(['/pgtopo/analytics/analytics/proxy-config', '/pgtopo/analytics/analytics/secrets/ANALYST_DB_PASSWORD']);
  });

  it('keeps one proxy when RunInstances took effect but its answer was lost', async () => {
    const region = seedExample(world, 'ec2');
    world.log.failures.push({ action: 'ec2:RunInstances', error: 'RequestTimeout', remaining: 1, afterEffect: true });
    const file = exampleWorkspace(dir, 'ec2');
    expect((await runCliCaptured(['apply', file, '--auto-approve'])).code).toBe(1);
    const again = await runCliCaptured(['apply', file, '--auto-approve']);
    expect(again.code, again.stdout + again.stderr).toBe(0);
    expect(liveInstancesTagged(world, region, 'pgtopo:address', 'orders.proxy[0]')).toHaveLength(1);
    expect(liveInstancesTagged(world, region, 'pgtopo:address', 'orders.proxy[1]')).toHaveLength(1);
    expect((await runCliCaptured(['plan', file, '--detailed-exitcode'])).code).toBe(0);
  });

  it('rolls the Auto Scaling group to a new launch template version instead of replacing it', async () => {
    const region = seedExample(world, 'aurora');
    const file = exampleWorkspace(dir, 'aurora');
    expect((await runCliCaptured(['apply', file, '--auto-approve'])).code).toBe(0);
    const group = world.autoScaling.groups.in(region)[0]!.AutoScalingGroupName;
    writeFileSync(file, readFileSync(file, 'utf8').replace('instanceType: c7g.large', 'instanceType: c7g.xlarge'));
    const plan = await runCliCaptured(['plan', file]);
    expect(plan.stdout).toContain('analytics.proxy_autoscaling_group will be updated in place');
    expect(plan.stdout).toContain('launch_template_version = 1 → (known after apply)');
    const applied = await runCliCaptured(['apply', file, '--auto-approve']);
    expect(applied.code, applied.stdout + applied.stderr).toBe(0);
    expect(world.autoScaling.groups.in(region).map((candidate) => candidate.AutoScalingGroupName)).toEqual([group]);
    expect(world.autoScaling.groups.in(region)[0]!.LaunchTemplate?.Version).toBe('2');
    expect(world.autoScaling.refreshes).toEqual([{ group, id: 'refresh-1' }]);
  });
});
