// How each supported operator names what the proxies need: its cluster resource (the CRD that must be installed),
// the Service that always points at the primary, the one that spreads over the replicas, and the Secret holding a
// user's credentials. Checked against each operator's documentation and CRDs:
// - CloudNativePG: Cluster (postgresql.cnpg.io/v1); Services <cluster>-rw / <cluster>-ro; Secret <cluster>-app
//   (username, password) for the application owner.
// - EDB Postgres for Kubernetes: the same conventions, group postgresql.k8s.enterprisedb.io.
// - Zalando postgres-operator: postgresql (acid.zalan.do/v1); Services <cluster> / <cluster>-repl; Secret
//   <user>.<cluster>.credentials.postgresql.acid.zalan.do (username, password), one per user.
// - Crunchy PGO v5: PostgresCluster (postgres-operator.crunchydata.com/v1beta1); Services <cluster>-primary /
//   <cluster>-replicas; Secret <cluster>-pguser-<user> (user, password), one per user.
// - KubeDB: Postgres (kubedb.com/v1); Services <db> / <db>-standby; Secret <db>-auth (username, password).
import type { KindRef } from './kubernetes-api.ts';

export type OperatorName = 'cloudnativepg' | 'zalando' | 'crunchy' | 'edb' | 'kubedb';

export interface OperatorConvention {
  label: string;
  /** The operator's cluster resource, and the CRD that serves it. */
  resource: KindRef & { crd: string };
  primaryService(cluster: string): string;
  replicaService(cluster: string): string;
  /** The Secret the operator keeps a user's password in (key `password`). */
  credentialsSecret(cluster: string, user: string): string;
}

const cloudNativePgLike = (label: string, group: string): OperatorConvention => ({
  label,
  resource: { apiVersion: `${group}/v1`, kind: 'Cluster', crd: `clusters.${group}` },
  primaryService: (cluster) => `${cluster}-rw`,
  replicaService: (cluster) => `${cluster}-ro`,
  credentialsSecret: (cluster) => `${cluster}-app`,
});

export const OPERATORS: Record<OperatorName, OperatorConvention> = {
  cloudnativepg: cloudNativePgLike('CloudNativePG', 'postgresql.cnpg.io'),
  edb: cloudNativePgLike('EDB Postgres for Kubernetes', 'postgresql.k8s.enterprisedb.io'),
  zalando: {
    label: 'Zalando postgres-operator',
    resource: { apiVersion: 'acid.zalan.do/v1', kind: 'postgresql', crd: 'postgresqls.acid.zalan.do' },
    primaryService: (cluster) => cluster,
    replicaService: (cluster) => `${cluster}-repl`,
    credentialsSecret: (cluster, user) => `${user}.${cluster}.credentials.postgresql.acid.zalan.do`,
  },
  crunchy: {
    label: 'Crunchy PGO v5',
    resource: { apiVersion: 'postgres-operator.crunchydata.com/v1beta1', kind: 'PostgresCluster', crd: 'postgresclusters.postgres-operator.crunchydata.com' },
    primaryService: (cluster) => `${cluster}-primary`,
    replicaService: (cluster) => `${cluster}-replicas`,
    credentialsSecret: (cluster, user) => `${cluster}-pguser-${user}`,
  },
  kubedb: {
    label: 'KubeDB',
    resource: { apiVersion: 'kubedb.com/v1', kind: 'Postgres', crd: 'postgreses.kubedb.com' },
    primaryService: (cluster) => cluster,
    replicaService: (cluster) => `${cluster}-standby`,
    credentialsSecret: (cluster) => `${cluster}-auth`,
  },
};

export const PASSWORD_KEY = 'password';
