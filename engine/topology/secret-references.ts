// Every place a topology names a secret: the users' passwords (per cluster, or shared by all), the proxy monitor's
// password, and the postgres state backend's connection string. The rules and the pre-plan check both walk this list,
// so a new secret in the schema is added in one place.
import type { Cluster, SecretRef, Topology } from '../../schemas/topology.ts';
import type { Path } from './rules/rule.ts';

export interface SecretReferenceSite {
  path: Path;
  reference: SecretRef;
  /** The cluster whose proxies use it; none for the state backend's connection. */
  cluster?: { name: string; value: Cluster };
}

/** Shared users appear once per cluster using them (each cluster's environment decides what they may be). */
export function secretReferenceSites(topology: Topology): SecretReferenceSite[] {
  const sites: SecretReferenceSite[] = [];
  for (const [name, value] of Object.entries(topology.clusters)) {
    const cluster = { name, value };
    const users = value.users ?? topology.users ?? [];
    const usersPath: Path = value.users ? ['clusters', name, 'users'] : ['users'];
    users.forEach((user, i) => {
      if (user.password) sites.push({ path: [...usersPath, i, 'password'], reference: user.password, cluster });
    });
    const monitor = value.proxy?.monitor?.password;
    if (monitor) sites.push({ path: ['clusters', name, 'proxy', 'monitor', 'password'], reference: monitor, cluster });
  }
  const state = topology.state;
  if (state?.backend === 'postgres' && state.connection) sites.push({ path: ['state', 'connection'], reference: state.connection });
  return sites;
}
