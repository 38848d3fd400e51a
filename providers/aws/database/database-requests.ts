// What this run's clusters ask AWS for, by region: the Aurora clusters and RDS instances they name and the EC2
// instances they discover. Taken from the clusters in configure, so a data source's one read per region can check
// every requested id (not found → did-you-mean, wrong engine) and discover every cluster's nodes in one call.
import type { AuroraCluster, BackendNode, Cluster, Ec2Cluster, RdsCluster } from '../../../schemas/topology.ts';

export interface AuroraRequest {
  cluster: string;
  dbCluster: string;
  readers: 'endpoint' | 'instances';
}

export interface RdsRequest {
  cluster: string;
  dbInstance: string;
}

export interface Ec2Request {
  cluster: string;
  /** Tags every node carries, and the PostgreSQL port on them; or the declared nodes. */
  discover?: { tags: Record<string, string>; port: number };
  static?: BackendNode[];
}

interface RegionRequests {
  aurora: AuroraRequest[];
  rds: RdsRequest[];
  ec2: Ec2Request[];
}

export const DEFAULT_POSTGRES_PORT = 5432;

export class DatabaseRequests {
  readonly #byRegion = new Map<string, RegionRequests>();

  /** Replaces what an earlier configure recorded. */
  record(clusters: { name: string; cluster: Cluster }[]): void {
    this.#byRegion.clear();
    for (const { name, cluster } of clusters) this.#add(name, cluster);
  }

  aurora(region: string): AuroraRequest[] {
    return this.#in(region).aurora;
  }

  rds(region: string): RdsRequest[] {
    return this.#in(region).rds;
  }

  ec2(region: string): Ec2Request[] {
    return this.#in(region).ec2;
  }

  #in(region: string): RegionRequests {
    let requests = this.#byRegion.get(region);
    if (!requests) this.#byRegion.set(region, (requests = { aurora: [], rds: [], ec2: [] }));
    return requests;
  }

  #add(name: string, cluster: Cluster): void {
    switch (cluster.environment) {
      case 'aurora':
        this.#in(cluster.region).aurora.push(auroraRequest(name, cluster));
        return;
      case 'rds':
        this.#in(cluster.region).rds.push(rdsRequest(name, cluster));
        return;
      case 'ec2':
        this.#in(cluster.region).ec2.push(ec2Request(name, cluster));
        return;
      default:
        throw new Error(`cluster ${name}: the aws provider does not serve environment "${cluster.environment}"`);
    }
  }
}

export function auroraRequest(name: string, cluster: AuroraCluster): AuroraRequest {
  return { cluster: name, dbCluster: cluster.dbCluster, readers: cluster.backends?.readers ?? 'endpoint' };
}

function rdsRequest(name: string, cluster: RdsCluster): RdsRequest {
  return { cluster: name, dbInstance: cluster.dbInstance };
}

function ec2Request(name: string, cluster: Ec2Cluster): Ec2Request {
  const { discover, static: declared } = cluster.backends;
  if (discover) return { cluster: name, discover: { tags: discover.tags, port: discover.port ?? DEFAULT_POSTGRES_PORT } };
  return { cluster: name, static: declared ?? [] };
}
