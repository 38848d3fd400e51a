// The database data sources read the in-memory AWS world: one paged Describe per type and region whatever the
// number of clusters, clear errors for a wrong id, engine or permission, and custom endpoints that may fail alone.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Cluster } from '../../../schemas/topology.ts';
import { configuredAws } from './aws-test-provider.ts';
import { installAwsWorld, type AwsWorld } from './world/aws-world.ts';

const REGION = 'ap-northeast-1';
let world: AwsWorld;
beforeEach(() => {
  world = installAwsWorld();
});
afterEach(() => world.restore());

function aurora(dbCluster: string, readers?: 'endpoint' | 'instances', region = REGION): Cluster {
  return { environment: 'aurora', region, dbCluster, ...(readers ? { backends: { readers } } : {}) };
}

interface Backend { name: string; node?: string; host: string; port: number; role: string }

describe('aws_aurora_cluster', () => {
  it('reads every cluster of a region in one paged call, members with their writer flag', async () => {
    for (let index = 0; index < 150; index++) world.rds.addAuroraCluster(REGION, { id: `c${index}` });
    const clusters = Object.fromEntries(Array.from({ length: 150 }, (_, index) => [`k${index}`, aurora(`c${index}`)]));
    const aws = await configuredAws(clusters);
    const objects = await aws.read('aws_aurora_cluster', REGION);
    expect(objects).toHaveLength(150);
    // 150 clusters at 100 per page: two pages, and one call for the custom endpoints.
    expect(world.log.counts()).toEqual({ 'rds:DescribeDBClusters': 2, 'rds:DescribeDBClusterEndpoints': 1 });
    const first = objects.find((object) => object.name === 'c0')!;
    expect(first.attributes.members).toEqual([{ instance: 'c0-instance-1', writer: true }, { instance: 'c0-instance-2', writer: false }]);
    expect((first.attributes.backends as unknown as Backend[]).map((backend) => [backend.name, backend.role])).toEqual([['writer', 'primary'], ['reader', 'standby']]);
  });

  it('balances over the available reader instances with backends.readers: instances, and follows a failover', async () => {
    world.rds.addAuroraCluster(REGION, { id: 'analytics', instances: 3 });
    const aws = await configuredAws({ analytics: aurora('analytics', 'instances') });
    const readers = async (): Promise<string[]> => {
      const [object] = (await aws.read('aws_aurora_cluster', REGION));
      return (object!.attributes.instance_backends as unknown as Backend[]).filter((backend) => backend.node === 'reader').map((backend) => backend.name);
    };
    expect(await readers()).toEqual(['reader:analytics-instance-2', 'reader:analytics-instance-3']);
    world.rds.failOver(REGION, 'analytics', 'analytics-instance-3');
    expect(await readers()).toEqual(['reader:analytics-instance-1', 'reader:analytics-instance-2']);
  });

  it('falls back to the reader endpoint when the cluster has no reader instance', async () => {
    const cluster = world.rds.addAuroraCluster(REGION, { id: 'solo', instances: 1 });
    const aws = await configuredAws({ solo: aurora('solo', 'instances') });
    const [object] = await aws.read('aws_aurora_cluster', REGION);
    expect((object!.attributes.instance_backends as unknown as Backend[]).map((backend) => backend.host)).toEqual([cluster.Endpoint, cluster.ReaderEndpoint]);
  });

  it('goes on without custom endpoints when DescribeDBClusterEndpoints is denied, with a note', async () => {
    world.rds.addAuroraCluster(REGION, { id: 'analytics', customEndpoints: ['reporting'] });
    const allowed = await configuredAws({ analytics: aurora('analytics') });
    expect((await allowed.read('aws_aurora_cluster', REGION))[0]!.attributes.custom_endpoints).toEqual([
      { name: 'reporting', endpoint: expect.stringMatching(/^reporting\.cluster-custom-/) as unknown, type: 'READER' },
    ]);
    world.log.failures.push({ action: 'rds:DescribeDBClusterEndpoints', error: 'AccessDenied' });
    const denied = await configuredAws({ analytics: aurora('analytics') });
    expect((await denied.read('aws_aurora_cluster', REGION))[0]!.attributes.custom_endpoints).toEqual([]);
    expect(denied.notes).toEqual([expect.stringContaining('grant the IAM action "rds:DescribeDBClusterEndpoints"')]);
  });

  it('names a missing cluster, the region and the closest existing one', async () => {
    world.rds.addAuroraCluster(REGION, { id: 'analytics' });
    const aws = await configuredAws({ reports: aurora('analytcs') });
    await expect(aws.read('aws_aurora_cluster', REGION)).rejects.toThrow(
      'clusters.reports.dbCluster: no Aurora PostgreSQL DB cluster "analytcs" in ap-northeast-1; did you mean "analytics"?');
  });

  it('refuses a cluster of another engine', async () => {
    world.rds.addAuroraCluster(REGION, { id: 'shop', engine: 'aurora-mysql' });
    const aws = await configuredAws({ shop: aurora('shop') });
    await expect(aws.read('aws_aurora_cluster', REGION)).rejects.toThrow('DB cluster "shop" runs engine "aurora-mysql", not PostgreSQL');
  });

  it('names the missing IAM action when DescribeDBClusters is denied', async () => {
    world.log.failures.push({ action: 'rds:DescribeDBClusters', error: 'AccessDenied' });
    const aws = await configuredAws({ analytics: aurora('analytics') });
    await expect(aws.read('aws_aurora_cluster', REGION)).rejects.toThrow('grant the IAM action "rds:DescribeDBClusters"');
  });
});

describe('the provider across runs', () => {
  it('reads what the latest configure asked for, in its regions (reconcile reconfigures every round)', async () => {
    world.rds.addAuroraCluster('us-east-1', { id: 'east' });
    const aws = await configuredAws({ west: aurora('missing') });
    await aws.provider.close();
    await aws.provider.configure({ topologyDir: '/nonexistent', env: {}, clusters: [{ name: 'east', cluster: aurora('east', undefined, 'us-east-1') }] }, aws.context);
    expect((await aws.read('aws_aurora_cluster', 'us-east-1')).map((object) => object.name)).toEqual(['east']);
    await expect(aws.read('aws_aurora_cluster', REGION)).rejects.toThrow(`no AWS clients for region ${REGION}`);
    await aws.provider.close();
  });
});

describe('aws_rds_instance', () => {
  const rds = (dbInstance: string): Cluster => ({ environment: 'rds', region: 'eu-west-1', dbInstance });

  it('makes each available read replica a reader backend of its own', async () => {
    world.rds.addRdsInstance('eu-west-1', { id: 'billing-db', readReplicas: 2 });
    world.rds.instances.in('eu-west-1').find((instance) => instance.DBInstanceIdentifier === 'billing-db-replica-2')!.DBInstanceStatus = 'rebooting';
    const aws = await configuredAws({ billing: rds('billing-db') });
    const objects = await aws.read('aws_rds_instance', 'eu-west-1');
    const primary = objects.find((object) => object.name === 'billing-db')!;
    expect((primary.attributes.backends as unknown as Backend[]).map((backend) => `${backend.name}/${backend.node ?? '-'}`)).toEqual([
      'writer/-', 'reader:billing-db-replica-1/reader',
    ]);
    expect(primary.attributes.read_replicas).toHaveLength(2);
  });

  it('points at the primary when a read replica is named, and at aurora for an Aurora member', async () => {
    world.rds.addRdsInstance('eu-west-1', { id: 'billing-db', readReplicas: 1 });
    world.rds.addAuroraCluster('eu-west-1', { id: 'analytics' });
    await expect((await configuredAws({ billing: rds('billing-db-replica-1') })).read('aws_rds_instance', 'eu-west-1'))
      .rejects.toThrow('is a read replica of "billing-db"; name the primary (dbInstance: billing-db)');
    await expect((await configuredAws({ billing: rds('analytics-instance-1') })).read('aws_rds_instance', 'eu-west-1'))
      .rejects.toThrow('use environment: aurora with dbCluster: analytics');
  });

  it('refuses an instance of another engine, and lists only PostgreSQL ones as suggestions', async () => {
    world.rds.addRdsInstance('eu-west-1', { id: 'shop-db', engine: 'mysql' });
    await expect((await configuredAws({ shop: rds('shop-db') })).read('aws_rds_instance', 'eu-west-1'))
      .rejects.toThrow('DB instance "shop-db" runs engine "mysql", not PostgreSQL');
    await expect((await configuredAws({ shop: rds('shop-dc') })).read('aws_rds_instance', 'eu-west-1'))
      .rejects.toThrow('no RDS for PostgreSQL DB instance "shop-dc" in eu-west-1; there is none in eu-west-1 at all');
  });

  it('suggests the closest instance id', async () => {
    world.rds.addRdsInstance('eu-west-1', { id: 'billing-db' });
    await expect((await configuredAws({ billing: rds('biling-db') })).read('aws_rds_instance', 'eu-west-1'))
      .rejects.toThrow('did you mean "billing-db"?');
  });
});

describe('aws_ec2_backends', () => {
  const ec2 = (backends: Extract<Cluster, { environment: 'ec2' }>['backends']): Cluster => ({ environment: 'ec2', region: REGION, backends });

  it('discovers every cluster of the region with one call, running instances only', async () => {
    world.ec2.addInstance(REGION, { tags: { db: 'orders' }, privateIp: '10.0.0.10', subnetId: 'subnet-0c2d', availabilityZone: `${REGION}c` });
    world.ec2.addInstance(REGION, { tags: { db: 'orders' }, privateIp: '10.0.0.11', state: 'stopped' });
    world.ec2.addInstance(REGION, { tags: { db: 'users' }, privateIp: '10.0.0.20' });
    const aws = await configuredAws({ orders: ec2({ discover: { tags: { db: 'orders' }, port: 5433 } }), users: ec2({ discover: { tags: { db: 'users' } } }) });
    const objects = await aws.read('aws_ec2_backends', REGION);
    expect(world.log.counts()).toEqual({ 'ec2:DescribeInstances': 1 });
    const orders = objects.find((object) => object.name === 'shop-orders-backends')!;
    expect((orders.attributes.backends as unknown as Backend[]).map((backend) => `${backend.host}:${backend.port} ${backend.role}`)).toEqual(['10.0.0.10:5433 unknown']);
    expect(orders.attributes.instances).toEqual([expect.objectContaining({ subnet_id: 'subnet-0c2d', availability_zone: `${REGION}c` })]);
  });

  it('pages through more instances than one answer holds', async () => {
    for (let index = 0; index < 1001; index++) world.ec2.addInstance(REGION, { tags: { db: 'big' } });
    const aws = await configuredAws({ big: ec2({ discover: { tags: { db: 'big' } } }) });
    const [object] = await aws.read('aws_ec2_backends', REGION);
    expect(object!.attributes.backends).toHaveLength(1001);
    expect(world.log.counts()).toEqual({ 'ec2:DescribeInstances': 2 });
  });

  it('takes declared nodes as given and adds what EC2 knows of them', async () => {
    world.ec2.addInstance(REGION, { privateIp: '10.0.0.30', availabilityZone: `${REGION}a` });
    const aws = await configuredAws({ orders: ec2({ static: [{ host: '10.0.0.30' }, { host: 'pg.example.internal', port: 5433, name: 'outside' }] }) });
    const [object] = await aws.read('aws_ec2_backends', REGION);
    expect((object!.attributes.backends as unknown as Backend[]).map((backend) => backend.name)).toEqual(['10.0.0.30:5432', 'outside']);
    expect(object!.attributes.instances).toHaveLength(1);
  });

  it('says which tags found nothing', async () => {
    world.ec2.addInstance(REGION, { tags: { db: 'orders' }, state: 'stopped' });
    const aws = await configuredAws({ orders: ec2({ discover: { tags: { db: 'orders' } } }) });
    await expect(aws.read('aws_ec2_backends', REGION)).rejects.toThrow(
      'clusters.orders.backends.discover.tags: no running EC2 instance in ap-northeast-1 has the tags db=orders');
  });
});
