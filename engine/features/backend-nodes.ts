import type { Cluster } from '../../schemas/topology.ts';
import type { BackendNodeSpec } from '../../proxy-tier/effective-features.ts';


/** The backend nodes of a cluster, or null when they are discovered at plan time (EC2 tags). */
export function backendNodes(cluster: Cluster): BackendNodeSpec[] | null {
  switch (cluster.environment) {
    case 'local':
      return Array.from({ length: cluster.postgres?.instances ?? 3 }, (_, i) => detectedNode(`pg${i}`));
    case 'ec2':
      return cluster.backends.static?.map((node) => detectedNode(node.name ?? `${node.host}:${node.port ?? 5432}`)) ?? null;
    case 'rds':
    case 'aurora':
      return writerAndReader('writer', 'reader', 1);
    case 'kubernetes':
      return writerAndReader('primary', 'replica', cluster.postgres.replicas ?? 1);
  }
}

function detectedNode(name: string): BackendNodeSpec {
  return { name, role: 'detect', alwaysPrimary: false, disallowFailover: false, defaultWeight: 1 };
}

// The talk's managed-service shape: backend_flag0 = ALWAYS_PRIMARY|DISALLOW_TO_FAILOVER, backend_flag1 = DISALLOW_TO_FAILOVER.
function writerAndReader(writer: string, reader: string, readerWeight: number): BackendNodeSpec[] {
  return [
    { name: writer, role: 'writer', alwaysPrimary: true, disallowFailover: true, defaultWeight: 1 },
    { name: reader, role: 'reader', alwaysPrimary: false, disallowFailover: true, defaultWeight: readerWeight },
  ];
}
