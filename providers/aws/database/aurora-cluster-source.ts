// `aws_aurora_cluster`: the Aurora PostgreSQL clusters of a region, read with one paged DescribeDBClusters filtered
// server-side by engine (an id it lacks is then looked up alone, to tell a wrong engine from a typo). Each
// object has the cluster (writer) and reader endpoints, the port, the members with their writer flag and, when a
// cluster asks for `backends.readers: instances`, each reader instance's endpoint (one paged DescribeDBInstances).
// Custom endpoints are extras: when DescribeDBClusterEndpoints fails the plan goes on without them, with a note.
import {
  DescribeDBClustersCommand, paginateDescribeDBClusterEndpoints, paginateDescribeDBClusters, paginateDescribeDBInstances,
  type DBCluster, type DBClusterEndpoint, type DBInstance, type RDSClient,
} from '@aws-sdk/client-rds';
import type { BackendAddress } from '../../../proxy-tier/proxy-tier-config.ts';
import type { AttributeValue, ObservedObject, ProviderContext } from '../../provider.ts';
import type { RegionalClients } from '../aws-clients.ts';
import { awsCall, awsFailureMessage, notFoundMessage, unlessFault, wrongEngineMessage } from '../aws-errors.ts';
import { allPages } from '../aws-pages.ts';
import type { AwsResourceType } from '../aws-resource-type.ts';
import { backendList, readerBackend, writerBackend } from './backend-list.ts';
import type { AuroraRequest, DatabaseRequests } from './database-requests.ts';

export const AURORA_CLUSTER_TYPE = 'aws_aurora_cluster';
const AURORA_POSTGRES = 'aurora-postgresql';
const PAGE = 100;
// A function, not a constant: the SDK's paginators write the page token into the input they are given.
function auroraPostgresOnly(): { Filters: { Name: string; Values: string[] }[] } {
  return { Filters: [{ Name: 'engine', Values: [AURORA_POSTGRES] }] };
}

const ACTION = {
  clusters: 'rds:DescribeDBClusters',
  instances: 'rds:DescribeDBInstances',
  endpoints: 'rds:DescribeDBClusterEndpoints',
} as const;

export function auroraClusterSource(clients: RegionalClients, requests: DatabaseRequests): AwsResourceType {
  return {
    name: AURORA_CLUSTER_TYPE,
    mode: 'data',
    iamActions: Object.values(ACTION),
    attributes: Object.fromEntries(['engine', 'status', 'port', 'writer_endpoint', 'reader_endpoint', 'members',
      'custom_endpoints', 'backends', 'instance_backends'].map((key) => [key, { computed: true }])),
    async read(region, context) {
      const { rds } = clients.of(region);
      const wanted = requests.aurora(region);
      const clusters = await awsCall(ACTION.clusters, region,
        () => allPages(paginateDescribeDBClusters({ client: rds, pageSize: PAGE }, auroraPostgresOnly()), (page) => page.DBClusters));
      for (const request of wanted) {
        if (!clusters.some((cluster) => cluster.DBClusterIdentifier === request.dbCluster)) await explainMissing(rds, request, region, clusters);
      }
      const instances = wanted.some((request) => request.readers === 'instances') ? await describeInstances(rds, region) : [];
      const custom = await customEndpoints(rds, region, context);
      return clusters.map((cluster) => auroraObject(cluster, instances, custom));
    },
  };
}

/** Throws why a requested cluster is not among the region's Aurora PostgreSQL clusters: another engine, or no such id. */
async function explainMissing(rds: RDSClient, request: AuroraRequest, region: string, clusters: DBCluster[]): Promise<never> {
  const other = await awsCall(ACTION.clusters, region, () => unlessFault('DBClusterNotFoundFault',
    async () => (await rds.send(new DescribeDBClustersCommand({ DBClusterIdentifier: request.dbCluster }))).DBClusters?.[0]));
  if (other) {
    const fix = other.Engine === 'postgres'
      ? 'it is a Multi-AZ DB cluster of RDS for PostgreSQL, which pgtopo does not serve yet; point environment: rds at one of its instances'
      : 'pgtopo serves Aurora PostgreSQL (aurora-postgresql) only';
    throw new Error(wrongEngineMessage(`clusters.${request.cluster}.dbCluster`, 'DB cluster', request.dbCluster, other.Engine ?? 'unknown', fix));
  }
  const existing = clusters.map((cluster) => cluster.DBClusterIdentifier!);
  throw new Error(notFoundMessage({ kind: 'Aurora PostgreSQL DB cluster', id: request.dbCluster, region, cluster: request.cluster, key: 'dbCluster', existing }));
}

async function describeInstances(rds: RDSClient, region: string): Promise<DBInstance[]> {
  return awsCall(ACTION.instances, region,
    () => allPages(paginateDescribeDBInstances({ client: rds, pageSize: PAGE }, auroraPostgresOnly()), (page) => page.DBInstances));
}

async function customEndpoints(rds: RDSClient, region: string, context: ProviderContext): Promise<DBClusterEndpoint[]> {
  const input = { Filters: [{ Name: 'db-cluster-endpoint-type', Values: ['custom'] }] };
  try {
    return await allPages(paginateDescribeDBClusterEndpoints({ client: rds, pageSize: PAGE }, input), (page) => page.DBClusterEndpoints);
  } catch (error) {
    context.note(`custom endpoints left out: ${awsFailureMessage(error, ACTION.endpoints, region)}`);
    return [];
  }
}

function auroraObject(cluster: DBCluster, instances: DBInstance[], custom: DBClusterEndpoint[]): ObservedObject {
  const id = cluster.DBClusterIdentifier!;
  const port = cluster.Port ?? 5432;
  const members = (cluster.DBClusterMembers ?? []).map((member) => {
    const instance = instances.find((candidate) => candidate.DBInstanceIdentifier === member.DBInstanceIdentifier);
    return {
      instance: member.DBInstanceIdentifier ?? '',
      writer: member.IsClusterWriter ?? false,
      ...(instance ? { endpoint: instance.Endpoint?.Address ?? null, status: instance.DBInstanceStatus ?? null } : {}),
    };
  });
  const writer = writerBackend(cluster.Endpoint ?? '', port);
  const reader = readerBackend('reader', cluster.ReaderEndpoint ?? '', port);
  return {
    id,
    name: id,
    attributes: {
      engine: cluster.Engine ?? null,
      status: cluster.Status ?? null,
      port,
      writer_endpoint: writer.host,
      reader_endpoint: reader.host,
      members,
      custom_endpoints: custom.filter((endpoint) => endpoint.DBClusterIdentifier === id).map((endpoint) => ({
        name: endpoint.DBClusterEndpointIdentifier ?? '', endpoint: endpoint.Endpoint ?? '', type: endpoint.CustomEndpointType ?? '',
      })),
      backends: backendList([writer, reader]),
      instance_backends: backendList([writer, ...readerInstances(members, port, reader)]),
    } satisfies Record<string, AttributeValue>,
  };
}

/**
 * Each available reader instance's own endpoint. With none (a cluster of one instance, readers rebooting), the
 * reader endpoint, which Aurora then points at the writer: the proxies keep a reader to send reads to.
 */
function readerInstances(members: { instance: string; writer: boolean; endpoint?: string | null; status?: string | null }[],
  port: number, fallback: BackendAddress): BackendAddress[] {
  const readers = members.filter((member) => !member.writer && member.endpoint && member.status === 'available')
    .map((member) => readerBackend(`reader:${member.instance}`, member.endpoint!, port));
  return readers.length > 0 ? readers : [fallback];
}
