// The in-memory AWS world answers like AWS: filters, paging, not-found faults, per-region state and injected
// failures, so the provider tests built on it mean something.
import { DescribeInstancesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { DescribeDBClustersCommand, RDSClient } from '@aws-sdk/client-rds';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { installAwsWorld, type AwsWorld } from './world/aws-world.ts';

let world: AwsWorld;
beforeEach(() => {
  world = installAwsWorld();
});
afterEach(() => world.restore());

describe('the in-memory AWS world', () => {
  it('filters instances by tag, tag key and state, and pages with NextToken', async () => {
    for (let index = 0; index < 7; index++) world.ec2.addInstance('eu-west-1', { tags: { role: 'pg' } });
    world.ec2.addInstance('eu-west-1', { tags: { role: 'pg' }, state: 'stopped' });
    world.ec2.addInstance('eu-west-1', { tags: { other: 'x' } });
    world.ec2.addInstance('us-east-1', { tags: { role: 'pg' } });
    const ec2 = new EC2Client({ region: 'eu-west-1' });
    const filters = [{ Name: 'tag:role', Values: ['pg'] }, { Name: 'instance-state-name', Values: ['running'] }];
    const first = await ec2.send(new DescribeInstancesCommand({ Filters: filters, MaxResults: 5 }));
    const second = await ec2.send(new DescribeInstancesCommand({ Filters: filters, MaxResults: 5, NextToken: first.NextToken }));
    expect(first.Reservations).toHaveLength(5);
    expect(second.Reservations).toHaveLength(2);
    expect(second.NextToken).toBeUndefined();
    const byKey = await ec2.send(new DescribeInstancesCommand({ Filters: [{ Name: 'tag-key', Values: ['other'] }] }));
    expect(byKey.Reservations).toHaveLength(1);
    expect(world.log.counts()).toEqual({ 'ec2:DescribeInstances': 3 });
    ec2.destroy();
  });

  it('answers a missing DB cluster with DBClusterNotFoundFault and injects failures by IAM action', async () => {
    world.rds.addAuroraCluster('ap-northeast-1', { id: 'analytics' });
    const rds = new RDSClient({ region: 'ap-northeast-1' });
    const found = await rds.send(new DescribeDBClustersCommand({ DBClusterIdentifier: 'analytics' }));
    expect(found.DBClusters?.[0]?.DBClusterMembers).toHaveLength(2);
    await expect(rds.send(new DescribeDBClustersCommand({ DBClusterIdentifier: 'analytic' }))).rejects.toMatchObject({ name: 'DBClusterNotFoundFault' });
    world.log.failures.push({ action: 'rds:DescribeDBClusters', error: 'AccessDenied', remaining: 1 });
    await expect(rds.send(new DescribeDBClustersCommand({}))).rejects.toMatchObject({ name: 'AccessDenied' });
    expect((await rds.send(new DescribeDBClustersCommand({}))).DBClusters).toHaveLength(1);
    rds.destroy();
  });
});
