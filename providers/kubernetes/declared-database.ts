// The database a kubernetes cluster declares, as the names of what must exist in its namespace: the operator's
// cluster resource (if an operator is named), the primary and replica Services (the operator's convention unless
// given), the port, and the Secrets (name, key) the proxies' passwords come from.
import type { KubernetesCluster, SecretRef, User } from '../../schemas/topology.ts';
import { OPERATORS, type OperatorConvention } from './operator-conventions.ts';

export interface SecretKeyRef {
  name: string;
  key: string;
}

export interface DeclaredDatabase {
  /** The pgtopo cluster. */
  clusterName: string;
  namespace: string;
  operator: (OperatorConvention & { cluster: string }) | undefined;
  primaryService: string;
  replicaService: string;
  port: number;
  /** Secrets the proxies read, with the topology path-like label of who uses them. */
  secrets: (SecretKeyRef & { usedBy: string })[];
}

export const DEFAULT_POSTGRES_PORT = 5432;

export function declaredDatabase(clusterName: string, cluster: KubernetesCluster, users: User[]): DeclaredDatabase {
  const { postgres } = cluster;
  const convention = postgres.operator ? OPERATORS[postgres.operator] : undefined;
  const operator = convention && postgres.cluster ? { ...convention, cluster: postgres.cluster } : undefined;
  const primaryService = postgres.primaryService ?? operator?.primaryService(operator.cluster);
  const replicaService = postgres.replicaService ?? operator?.replicaService(operator.cluster);
  if (!primaryService || !replicaService) {
    throw new Error(`cluster ${clusterName}: name the database with \`postgres.operator\` and \`postgres.cluster\`, or give both \`postgres.primaryService\` and \`postgres.replicaService\``);
  }
  const secrets = withCluster(clusterName, () => [
    ...users.flatMap((user) => secretOf(user.password, `user ${user.name}`)),
    ...secretOf(cluster.proxy?.monitor?.password, `monitor user ${cluster.proxy?.monitor?.name ?? ''}`),
  ]);
  return { clusterName, namespace: cluster.namespace, operator, primaryService, replicaService, port: postgres.port ?? DEFAULT_POSTGRES_PORT, secrets };
}

/** Proxy pods read passwords from Secrets only: the environment and files of pgtopo's machine are not in the pod. */
function secretOf(reference: SecretRef | undefined, usedBy: string): (SecretKeyRef & { usedBy: string })[] {
  if (reference === undefined) return [];
  const secret = reference.fromSecret;
  if (!secret) {
    const source = reference.fromEnv !== undefined ? `environment variable ${reference.fromEnv}` : `file ${reference.fromFile}`;
    throw new Error(`the password of ${usedBy} comes from ${source}, which proxy pods cannot read; put it in a Secret of the cluster's namespace and use \`fromSecret: { name: …, key: … }\` (a cluster's own \`users\` can differ from the topology's)`);
  }
  return [{ name: secret.name, key: secret.key ?? 'password', usedBy }];
}

function withCluster<T>(clusterName: string, work: () => T): T {
  try {
    return work();
  } catch (error) {
    throw new Error(`cluster ${clusterName}: ${(error as Error).message}`);
  }
}

/** A Service's name inside the cluster, from any namespace. */
export function serviceHost(service: string, namespace: string): string {
  return `${service}.${namespace}.svc`;
}
