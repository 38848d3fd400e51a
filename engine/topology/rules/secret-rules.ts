import type { Cluster, SecretRef } from '../../../schemas/topology.ts';
import { eachCluster, type Path, type Rule, type RuleContext } from './rule.ts';

/** Kubernetes Secrets exist only for kubernetes clusters. */
export const secretRules: Rule = (context) => {
  const { topology } = context;
  eachCluster(topology, (_name, cluster, path) => {
    const users = cluster.users ?? topology.users ?? [];
    const usersPath: Path = cluster.users ? [...path, 'users'] : ['users'];
    users.forEach((user, i) => checkSource(context, cluster, user.password, [...usersPath, i, 'password']));
    checkSource(context, cluster, cluster.proxy?.monitor?.password, [...path, 'proxy', 'monitor', 'password']);
  });
};

function checkSource(context: RuleContext, cluster: Cluster, secret: SecretRef | undefined, path: Path): void {
  if (secret?.fromSecret && cluster.environment !== 'kubernetes') {
    context.error([...path, 'fromSecret'], `a Kubernetes Secret cannot hold secrets for a ${cluster.environment} cluster`,
      'use `fromEnv` or `fromFile`');
  }
}
