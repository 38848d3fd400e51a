// `pgtopo status` of the AWS examples through the CLI, against the in-memory AWS world: after an apply every object
// is healthy and says what it is (proxy state and address, targets, the group's instances, the NLB's DNS name, the
// database's writer and readers as read now); then the world is broken outside pgtopo and status says so, changing
// nothing in the world.
import { beforeEach, describe, expect, it } from 'vitest';
import type { StatusRow } from '../../../engine/plan/collect-status.ts';
import { exampleWorkspace, scratchDirectory, seedExample, useExampleWorld, type Example } from './proxy-tier/example-worlds.ts';
import { runCliCaptured } from './run-cli-captured.ts';
import type { AwsWorld } from './world/aws-world.ts';

const dir = scratchDirectory('pgtopo-aws-status-');

const currentWorld = useExampleWorld();
let world: AwsWorld;
beforeEach(() => {
  world = currentWorld();
});

async function applied(example: Example): Promise<{ file: string; region: string }> {
  const region = seedExample(world, example);
  const file = exampleWorkspace(dir, example);
  const apply = await runCliCaptured(['apply', file, '--auto-approve']);
  expect(apply.code, apply.stderr + apply.stdout).toBe(0);
  return { file, region };
}

async function status(file: string): Promise<Map<string, StatusRow>> {
  const writes = world.log.calls.length;
  const result = await runCliCaptured(['status', file, '--json']);
  expect(result.code, result.stdout + result.stderr).toBe(0);
  // Status only reads.
  expect(world.log.calls.slice(writes).map((call) => call.action).filter((action) => !/:(Describe|Get|List)/.test(action))).toEqual([]);
  const rows = (JSON.parse(result.stdout) as { resources: StatusRow[] }).resources;
  return new Map(rows.map((row) => [row.address, row]));
}

function instanceOf(region: string, address: string) {
  return world.ec2.instances.in(region).find((instance) => instance.Tags?.some((tag) => tag.Key === 'pgtopo:address' && tag.Value === address))!;
}

describe('pgtopo status on AWS', () => {
  it('aurora.yaml: targets, the group\'s instances, the NLB and the database now; then a lost and a failing proxy', async () => {
    const { file, region } = await applied('aurora');
    const fresh = await status(file);
    const [lb] = world.elbv2.loadBalancers.in(region);
    expect(fresh.get('analytics.proxy_nlb')).toMatchObject({ healthy: true, details: { dns_name: lb!.DNSName, scheme: 'internal' } });
    const members = world.autoScaling.groups.in(region)[0]!.Instances!.map((member) => member.InstanceId!);
    expect(members).toHaveLength(2);
    expect(fresh.get('analytics.proxy_target_group')).toMatchObject({ healthy: true, details: { targets: members.map((id) => `${id}:healthy`).join(',') } });
    expect(fresh.get('analytics.proxy_autoscaling_group')).toMatchObject({ healthy: true, details: { in_service: '2/2' } });
    const cluster = world.rds.clusters.in(region)[0]!;
    expect(fresh.get('analytics.proxy_config')).toMatchObject({
      healthy: true, details: { writer: `${cluster.Endpoint}:5432`, readers: `${cluster.ReaderEndpoint}:5432`, config: 'current' },
    });

    const [lost, failing] = members;
    world.ec2.instances.in(region).find((instance) => instance.InstanceId === lost)!.State = { Name: 'terminated' };
    world.elbv2.failingHealthChecks.add(failing!);
    const broken = await status(file);
    expect(broken.get('analytics.proxy_target_group')).toMatchObject({ healthy: false, details: { targets: `${failing}:unhealthy(Target.FailedHealthChecks)` } });
    expect(broken.get('analytics.proxy_autoscaling_group')).toMatchObject({ healthy: false, details: { in_service: '1/2' } });
    expect(broken.get('analytics.proxy_autoscaling_group')!.details.instances).toContain(`${lost}:Terminated/Unhealthy`);
  });

  it('ec2.yaml: each proxy\'s state and address; a stopped proxy is unhealthy; backends as discovered now', async () => {
    const { file, region } = await applied('ec2');
    const fresh = await status(file);
    const proxy = instanceOf(region, 'orders.proxy[1]');
    expect(fresh.get('orders.proxy[1]')).toMatchObject({ healthy: true, details: { state: 'running', address: proxy.PrivateIpAddress } });
    expect(fresh.get('orders.proxy_config[0]')).toMatchObject({ details: { backends: '10.0.1.10:5432', config: 'current' } });

    proxy.State = { Name: 'stopped' };
    world.ec2.addInstance(region, { tags: { 'pgtopo-cluster': 'orders' }, privateIp: '10.0.1.11' });
    const after = await status(file);
    expect(after.get('orders.proxy[1]')).toMatchObject({ healthy: false, details: { state: 'stopped' } });
    expect(after.get('orders.proxy[0]')!.healthy).toBe(true);
    expect(after.get('orders.proxy_config[0]')!.details).toMatchObject({ backends: '10.0.1.10:5432,10.0.1.11:5432', config: 'stale (pgtopo apply updates it)' });
  });

  it('rds.yaml: a read replica that stops serving leaves the readers, and the config is stale until the next apply', async () => {
    const { file, region } = await applied('rds');
    const replica = world.rds.instances.in(region).find((instance) => instance.DBInstanceIdentifier === 'billing-db-replica-1')!;
    expect((await status(file)).get('billing.proxy_config[0]')!.details).toMatchObject({ readers: `${replica.Endpoint!.Address}:5432`, config: 'current' });
    replica.DBInstanceStatus = 'storage-full';
    const after = await status(file);
    expect(after.get('billing.proxy_config[0]')!.details).toMatchObject({ readers: 'none', config: 'stale (pgtopo apply updates it)' });
    expect(after.get('billing.proxy_config[0]')!.details.writer).toMatch(/^billing-db\..*:5432$/);
  });

  it('a database pgtopo cannot read makes its config row unhealthy with the reason, and status still answers', async () => {
    const { file } = await applied('aurora');
    world.log.failures.push({ action: 'rds:DescribeDBClusters', error: 'AccessDenied' });
    const rows = await status(file);
    expect(rows.get('analytics.proxy_config')).toMatchObject({ healthy: false });
    expect(rows.get('analytics.proxy_config')!.details.database).toContain('grant the IAM action "rds:DescribeDBClusters"');
    expect(rows.get('analytics.proxy_nlb')!.healthy).toBe(true);
  });
});
