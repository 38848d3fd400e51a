// RDS as the tests' AWS world keeps it, per region: DB instances (RDS primaries, read replicas, Aurora members),
// Aurora DB clusters and their custom endpoints. The Describe calls honour the identifier, the Filters pgtopo uses
// (db-cluster-id, db-instance-id, engine), MaxRecords/Marker paging and answer a missing identifier with AWS's
// not-found faults. Seeding helpers build AWS-shaped objects with realistic endpoint names.
import {
  DescribeDBClusterEndpointsCommand, DescribeDBClustersCommand, DescribeDBInstancesCommand,
  type DBCluster, type DBClusterEndpoint, type DBInstance, type Filter, type RDSClient,
} from '@aws-sdk/client-rds';
import type { AwsClientStub } from 'aws-sdk-client-mock';
import { awsError, page, Regional, serve, type CallLog } from './world-calls.ts';

export interface AuroraSeed {
  id: string;
  /** DB instances of the cluster; the first is the writer. Default 2. */
  instances?: number;
  engine?: string;
  port?: number;
  customEndpoints?: string[];
}

export interface RdsSeed {
  id: string;
  readReplicas?: number;
  engine?: string;
  port?: number;
}

export class RdsWorld {
  readonly instances = new Regional<DBInstance>();
  readonly clusters = new Regional<DBCluster>();
  readonly endpoints = new Regional<DBClusterEndpoint>();

  addAuroraCluster(region: string, seed: AuroraSeed): DBCluster {
    const engine = seed.engine ?? 'aurora-postgresql';
    const port = seed.port ?? 5432;
    const members = Array.from({ length: seed.instances ?? 2 }, (_, index) => `${seed.id}-instance-${index + 1}`);
    for (const [index, id] of members.entries()) {
      this.instances.in(region).push(dbInstance(region, id, engine, port, { DBClusterIdentifier: seed.id, AvailabilityZone: `${region}${'abc'[index % 3]}` }));
    }
    const cluster: DBCluster = {
      DBClusterIdentifier: seed.id, Engine: engine, Status: 'available', Port: port,
      Endpoint: `${seed.id}.cluster-${HASH}.${region}.rds.amazonaws.com`,
      ReaderEndpoint: `${seed.id}.cluster-ro-${HASH}.${region}.rds.amazonaws.com`,
      DBClusterMembers: members.map((id, index) => ({ DBInstanceIdentifier: id, IsClusterWriter: index === 0 })),
      CustomEndpoints: [],
    };
    for (const name of seed.customEndpoints ?? []) {
      const address = `${name}.cluster-custom-${HASH}.${region}.rds.amazonaws.com`;
      cluster.CustomEndpoints!.push(address);
      this.endpoints.in(region).push({
        DBClusterEndpointIdentifier: name, DBClusterIdentifier: seed.id, Endpoint: address, EndpointType: 'CUSTOM',
        CustomEndpointType: 'READER', Status: 'available', StaticMembers: members.slice(1),
      });
    }
    this.clusters.in(region).push(cluster);
    return cluster;
  }

  addRdsInstance(region: string, seed: RdsSeed): DBInstance {
    const engine = seed.engine ?? 'postgres';
    const replicas = Array.from({ length: seed.readReplicas ?? 0 }, (_, index) => `${seed.id}-replica-${index + 1}`);
    const primary = dbInstance(region, seed.id, engine, seed.port ?? 5432, { ReadReplicaDBInstanceIdentifiers: replicas });
    this.instances.in(region).push(primary);
    for (const id of replicas) {
      this.instances.in(region).push(dbInstance(region, id, engine, seed.port ?? 5432, { ReadReplicaSourceDBInstanceIdentifier: seed.id }));
    }
    return primary;
  }

  /** Aurora failover: `writer` becomes the cluster's writer (the endpoints keep their names). */
  failOver(region: string, clusterId: string, writer: string): void {
    const cluster = this.clusters.in(region).find((candidate) => candidate.DBClusterIdentifier === clusterId);
    for (const member of cluster?.DBClusterMembers ?? []) member.IsClusterWriter = member.DBInstanceIdentifier === writer;
  }

  install(stub: AwsClientStub<RDSClient>, log: CallLog): void {
    serve(stub, 'rds', log, DescribeDBInstancesCommand, (input, region) => {
      const found = this.#described(this.instances.in(region), input.DBInstanceIdentifier, (instance) => instance.DBInstanceIdentifier,
        input.Filters, INSTANCE_FIELDS, 'DBInstanceNotFoundFault', 'DBInstance');
      const { items, next } = page(found, input.Marker, pageSize(input.MaxRecords));
      return { DBInstances: items, Marker: next };
    });
    serve(stub, 'rds', log, DescribeDBClustersCommand, (input, region) => {
      const found = this.#described(this.clusters.in(region), input.DBClusterIdentifier, (cluster) => cluster.DBClusterIdentifier,
        input.Filters, CLUSTER_FIELDS, 'DBClusterNotFoundFault', 'DBCluster');
      const { items, next } = page(found, input.Marker, pageSize(input.MaxRecords));
      return { DBClusters: items, Marker: next };
    });
    serve(stub, 'rds', log, DescribeDBClusterEndpointsCommand, (input, region) => {
      const found = this.endpoints.in(region).filter((endpoint) =>
        (input.DBClusterIdentifier === undefined || endpoint.DBClusterIdentifier === input.DBClusterIdentifier) &&
        (input.Filters ?? []).every((filter) => filterMatches(filter, ENDPOINT_FIELDS, endpoint)));
      const { items, next } = page(found, input.Marker, pageSize(input.MaxRecords));
      return { DBClusterEndpoints: structuredClone(items), Marker: next };
    });
  }

  #described<T>(objects: T[], id: string | undefined, idOf: (object: T) => string | undefined, filters: Filter[] | undefined,
    fields: Record<string, (object: T) => string | undefined>, fault: string, kind: string): T[] {
    const found = objects.filter((object) => (id === undefined || idOf(object) === id) &&
      (filters ?? []).every((filter) => filterMatches(filter, fields, object)));
    if (id !== undefined && found.length === 0) throw awsError(fault, `${kind} ${id} not found.`);
    return structuredClone(found);
  }
}

/** The part of RDS endpoint names that is fixed per account and region. */
const HASH = 'c0abcdef1234';

function dbInstance(region: string, id: string, engine: string, port: number, extra: Partial<DBInstance>): DBInstance {
  return {
    DBInstanceIdentifier: id, Engine: engine, DBInstanceStatus: 'available', AvailabilityZone: `${region}a`,
    Endpoint: { Address: `${id}.${HASH}.${region}.rds.amazonaws.com`, Port: port },
    ReadReplicaDBInstanceIdentifiers: [], ...extra,
  };
}

function pageSize(maxRecords: number | undefined): number {
  if (maxRecords !== undefined && (maxRecords < 20 || maxRecords > 100)) throw awsError('InvalidParameterValue', 'MaxRecords must be 20 to 100');
  return maxRecords ?? 100;
}

function filterMatches<T>(filter: Filter, fields: Record<string, (object: T) => string | undefined>, object: T): boolean {
  const field = fields[filter.Name ?? ''];
  if (!field) throw awsError('InvalidParameterValue', `Unrecognized filter name: ${filter.Name}`);
  return (filter.Values ?? []).includes(field(object) ?? '');
}

const INSTANCE_FIELDS: Record<string, (instance: DBInstance) => string | undefined> = {
  'db-instance-id': (instance) => instance.DBInstanceIdentifier,
  'db-cluster-id': (instance) => instance.DBClusterIdentifier,
  engine: (instance) => instance.Engine,
};
const CLUSTER_FIELDS: Record<string, (cluster: DBCluster) => string | undefined> = {
  'db-cluster-id': (cluster) => cluster.DBClusterIdentifier,
  engine: (cluster) => cluster.Engine,
};
const ENDPOINT_FIELDS: Record<string, (endpoint: DBClusterEndpoint) => string | undefined> = {
  'db-cluster-endpoint-type': (endpoint) => endpoint.EndpointType?.toLowerCase(),
  'db-cluster-endpoint-status': (endpoint) => endpoint.Status,
};
