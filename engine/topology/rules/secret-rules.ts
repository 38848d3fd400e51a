import type { Cluster, SecretRef } from '../../../schemas/topology.ts';
import { eachCluster, type Path, type Rule, type RuleContext } from './rule.ts';

/** Kubernetes Secrets exist only for kubernetes clusters, and proxy pods read passwords from nothing else. */
export const secretRules: Rule = (context) => {
  const { topology } = context;
  eachCluster(topology, (name, cluster, path) => {
    const users = cluster.users ?? topology.users ?? [];
    const usersPath: Path = cluster.users ? [...path, 'users'] : ['users'];
    users.forEach((user, i) => checkSource(context, name, cluster, user.password, [...usersPath, i, 'password']));
    checkSource(context, name, cluster, cluster.proxy?.monitor?.password, [...path, 'proxy', 'monitor', 'password']);
  });
};

function checkSource(context: RuleContext, clusterName: string, cluster: Cluster, secret: SecretRef | undefined, path: Path): void {
  if (secret?.fromSecret && cluster.environment !== 'kubernetes') {
    context.error([...path, 'fromSecret'], `a Kubernetes Secret cannot hold secrets for a ${cluster.environment} cluster`,
      'use `fromEnv` or `fromFile`');
  }
  const local = secret?.fromEnv !== undefined ? 'fromEnv' : secret?.fromFile !== undefined ? 'fromFile' : null;
  if (local && cluster.environment === 'kubernetes') {
    context.error([...path, local], `the proxy pods of kubernetes cluster \`${clusterName}\` cannot read pgtopo's environment or files`,
      `use \`fromSecret: { name: <Secret>, key: password }\`${path[0] === 'users' ? `, in \`clusters.${clusterName}.users\` if other clusters share these users` : ''}`);
  }
}
