// The database a kubernetes cluster declares, as the names of what must exist in its namespace: the operator's
// cluster resource (if an operator is named), the primary and replica Services (the operator's convention unless
// given), the port, and the Secrets (name, key) the proxies' passwords and TLS files come from.
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
  /** Secret keys the proxies read, each with what it is to them (`the password of user app`). */
  secrets: ReadSecretKey[];
  /** The kubernetes.io/tls Secret of the proxies' certificate, if any (`tls.certSecret`). */
  certificateSecret: string | undefined;
}

export interface ReadSecretKey extends SecretKeyRef {
  what: string;
  /** Where such a Secret usually comes from, for the error when it is missing. */
  origin?: string;
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
    ...tlsSecretsOf(cluster),
  ]);
  return {
    clusterName, namespace: cluster.namespace, operator, primaryService, replicaService, port: postgres.port ?? DEFAULT_POSTGRES_PORT, secrets,
    certificateSecret: cluster.proxy?.tls?.certSecret,
  };
}

/** Proxy pods read passwords from Secrets only: the environment and files of pgtopo's machine are not in the pod. */
function secretOf(reference: SecretRef | undefined, usedBy: string): ReadSecretKey[] {
  if (reference === undefined) return [];
  const secret = reference.fromSecret;
  if (!secret) {
    const source = reference.fromEnv !== undefined ? `environment variable ${reference.fromEnv}` : `file ${reference.fromFile}`;
    throw new Error(`the password of ${usedBy} comes from ${source}, which proxy pods cannot read; put it in a Secret of the cluster's namespace and use \`fromSecret: { name: …, key: … }\` (a cluster's own \`users\` can differ from the topology's)`);
  }
  return [{ name: secret.name, key: secret.key ?? 'password', what: `the password of ${usedBy}` }];
}

/** The keys proxy-tier-config.ts mounts: a kubernetes.io/tls Secret's pair, and a CA bundle's `ca.crt`. */
function tlsSecretsOf(cluster: KubernetesCluster): ReadSecretKey[] {
  const tls = cluster.proxy?.tls;
  const certificate = tls?.certSecret
    ? [{ key: 'tls.crt', what: "the proxies' TLS certificate" }, { key: 'tls.key', what: "the proxies' TLS key" }]
      .map((entry) => ({ ...entry, name: tls.certSecret!, origin: 'cert-manager writes one for a Certificate; or `kubectl create secret tls`' }))
    : [];
  const ca = tls?.caSecret ? [{ name: tls.caSecret, key: 'ca.crt', what: 'the CA the proxies verify PostgreSQL with' }] : [];
  return [...certificate, ...ca];
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
