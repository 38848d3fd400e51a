// `aws_rds_instance`: the RDS for PostgreSQL instances of a region, read with one paged DescribeDBInstances filtered
// server-side by engine (an id it lacks is then looked up alone, to tell a wrong engine from a typo). The
// primary's endpoint is the writer; each read replica (ReadReplicaDBInstanceIdentifiers) is a backend of its own,
// so reads spread evenly over them instead of over one DNS name.
import { DescribeDBInstancesCommand, paginateDescribeDBInstances, type DBInstance, type RDSClient } from '@aws-sdk/client-rds';
import type { AttributeValue, ObservedObject } from '../../provider.ts';
import type { RegionalClients } from '../aws-clients.ts';
import { awsCall, notFoundMessage, unlessFault, wrongEngineMessage } from '../aws-errors.ts';
import { allPages } from '../aws-pages.ts';
import type { AwsResourceType } from '../aws-resource-type.ts';
import { backendList, readerBackend, writerBackend } from './backend-list.ts';
import type { DatabaseRequests, RdsRequest } from './database-requests.ts';

export const RDS_INSTANCE_TYPE = 'aws_rds_instance';
const RDS_POSTGRES = 'postgres';
const ACTION = { instances: 'rds:DescribeDBInstances' } as const;
// A function, not a constant: the SDK's paginators write the page token into the input they are given.
function rdsPostgresOnly(): { Filters: { Name: string; Values: string[] }[] } {
  return { Filters: [{ Name: 'engine', Values: [RDS_POSTGRES] }] };
}

export function rdsInstanceSource(clients: RegionalClients, requests: DatabaseRequests): AwsResourceType {
  return {
    name: RDS_INSTANCE_TYPE,
    mode: 'data',
    iamActions: Object.values(ACTION),
    attributes: Object.fromEntries(['engine', 'status', 'endpoint', 'port', 'availability_zone', 'read_replicas', 'backends']
      .map((key) => [key, { computed: true }])),
    async read(region) {
      const { rds } = clients.of(region);
      const instances = await awsCall(ACTION.instances, region,
        () => allPages(paginateDescribeDBInstances({ client: rds, pageSize: 100 }, rdsPostgresOnly()), (page) => page.DBInstances));
      for (const request of requests.rds(region)) await checkRequest(rds, request, instances, region);
      const byId = new Map(instances.map((instance) => [instance.DBInstanceIdentifier!, instance]));
      return instances.map((instance) => rdsObject(instance, byId));
    },
  };
}

async function checkRequest(rds: RDSClient, request: RdsRequest, instances: DBInstance[], region: string): Promise<void> {
  const setting = `clusters.${request.cluster}.dbInstance`;
  const found = instances.find((instance) => instance.DBInstanceIdentifier === request.dbInstance) ?? await lookUp(rds, request, region);
  if (!found) {
    const existing = instances.map((instance) => instance.DBInstanceIdentifier!);
    throw new Error(notFoundMessage({ kind: 'RDS for PostgreSQL DB instance', id: request.dbInstance, region, cluster: request.cluster, key: 'dbInstance', existing }));
  }
  const cluster = found.DBClusterIdentifier;
  if (cluster) {
    const fix = found.Engine === 'aurora-postgresql' ? `use environment: aurora with dbCluster: ${cluster}` : 'pgtopo serves single RDS instances and Aurora clusters';
    throw new Error(`${setting}: DB instance "${request.dbInstance}" belongs to the DB cluster "${cluster}" (engine ${found.Engine ?? 'unknown'}); ${fix}`);
  }
  if (found.Engine !== RDS_POSTGRES) {
    throw new Error(wrongEngineMessage(setting, 'DB instance', request.dbInstance, found.Engine ?? 'unknown', 'pgtopo serves RDS for PostgreSQL (postgres) only'));
  }
  const source = found.ReadReplicaSourceDBInstanceIdentifier;
  if (source) {
    throw new Error(`${setting}: DB instance "${request.dbInstance}" is a read replica of "${source}"; name the primary (dbInstance: ${source}), its replicas become the readers`);
  }
}

/** The requested instance when it is not among the region's RDS for PostgreSQL instances (another engine), if it exists. */
async function lookUp(rds: RDSClient, request: RdsRequest, region: string): Promise<DBInstance | undefined> {
  return awsCall(ACTION.instances, region, () => unlessFault('DBInstanceNotFoundFault',
    async () => (await rds.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: request.dbInstance }))).DBInstances?.[0]));
}

function rdsObject(instance: DBInstance, byId: Map<string, DBInstance>): ObservedObject {
  const id = instance.DBInstanceIdentifier!;
  const port = instance.Endpoint?.Port ?? 5432;
  // Cross-region replicas are named by ARN and live in another region's list: they are not this region's readers.
  const replicas = (instance.ReadReplicaDBInstanceIdentifiers ?? []).flatMap((replica) => byId.get(replica) ?? []);
  const readers = replicas.filter((replica) => replica.DBInstanceStatus === 'available' && replica.Endpoint?.Address)
    .map((replica) => readerBackend(`reader:${replica.DBInstanceIdentifier}`, replica.Endpoint!.Address!, replica.Endpoint!.Port ?? port));
  return {
    id,
    name: id,
    attributes: {
      engine: instance.Engine ?? null,
      status: instance.DBInstanceStatus ?? null,
      endpoint: instance.Endpoint?.Address ?? null,
      port,
      availability_zone: instance.AvailabilityZone ?? null,
      read_replicas: replicas.map((replica) => ({
        instance: replica.DBInstanceIdentifier ?? '', endpoint: replica.Endpoint?.Address ?? null, status: replica.DBInstanceStatus ?? null,
      })),
      backends: backendList([writerBackend(instance.Endpoint?.Address ?? '', port), ...readers]),
    } satisfies Record<string, AttributeValue>,
  };
}
