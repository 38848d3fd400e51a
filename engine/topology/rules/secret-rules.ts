import type { Cluster, SecretRef } from '../../../schemas/topology.ts';
import { eachCluster, type Path, type Rule, type RuleContext } from './rule.ts';

/** Kubernetes Secrets exist only for kubernetes clusters; the postgres state backend needs its connection. */
export const secretRules: Rule = (context) => {
  const { topology } = context;
  eachCluster(topology, (_name, cluster, path) => {
    const users = cluster.users ?? topology.users ?? [];
    const usersPath: Path = cluster.users ? [...path, 'users'] : ['users'];
    users.forEach((user, i) => checkSource(context, cluster, user.password, [...usersPath, i, 'password']));
    checkSource(context, cluster, cluster.proxy?.monitor?.password, [...path, 'proxy', 'monitor', 'password']);
  });
  const state = topology.state;
  if (state?.backend === 'postgres' && !state.connection) {
    context.error(['state'], 'the postgres state backend needs a `connection`', 'add `connection: { fromEnv: PGTOPO_STATE_URL }`');
  }
  if (state?.backend === 'postgres' && state.connection?.fromSecret) {
    context.error(['state', 'connection', 'fromSecret'], 'the state connection cannot come from a Kubernetes Secret: pgtopo reads it before it talks to any cluster',
      'use `fromEnv` or `fromFile`');
  }
  if (state?.backend !== 'postgres' && (state?.connection || state?.table)) {
    context.warn(['state'], '`connection` and `table` only apply to the postgres state backend', 'set `backend: postgres` or remove them');
  }
};

function checkSource(context: RuleContext, cluster: Cluster, secret: SecretRef | undefined, path: Path): void {
  if (secret?.fromSecret && cluster.environment !== 'kubernetes') {
    context.error([...path, 'fromSecret'], `a Kubernetes Secret cannot hold secrets for a ${cluster.environment} cluster`,
      'use `fromEnv` or `fromFile`');
  }
}
