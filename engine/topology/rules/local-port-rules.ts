import type { Topology } from '../../../schemas/topology.ts';
import { eachCluster, type Path, type Rule } from './rule.ts';

interface PortClaim {
  from: number;
  to: number;
  what: string;
  path: Path;
}

/** Every local process listens on 127.0.0.1, so no two of them may be given the same port. */
export const localPortRules: Rule = ({ topology, error }) => {
  const claims = localPortClaims(topology);
  claims.forEach((claim, i) => {
    const clash = claims.slice(0, i).find((other) => claim.from <= other.to && other.from <= claim.to);
    if (clash) {
      error(claim.path, `${claim.what} ${describe(claim)} clashes with ${clash.what} ${describe(clash)}`,
        'local processes share 127.0.0.1: give each a distinct range of ports');
    }
  });
};

function localPortClaims(topology: Topology): PortClaim[] {
  const claims: PortClaim[] = [];
  eachCluster(topology, (name, cluster, path) => {
    if (cluster.environment !== 'local') return;
    const proxies = cluster.proxy?.instances ?? 1;
    const port = cluster.proxy?.port ?? 6432;
    const metricsPort = cluster.proxy?.metricsPort ?? 0;
    claims.push({ from: port, to: port + proxies - 1, what: `${name}'s proxies`, path: [...path, 'proxy', 'port'] });
    if (metricsPort > 0) {
      claims.push({ from: metricsPort, to: metricsPort + proxies - 1, what: `${name}'s proxy metrics`, path: [...path, 'proxy', 'metricsPort'] });
    }
    const pgPort = cluster.postgres?.port;
    if (pgPort !== undefined) {
      const instances = cluster.postgres?.instances ?? 3;
      claims.push({ from: pgPort, to: pgPort + instances - 1, what: `${name}'s PostgreSQL instances`, path: [...path, 'postgres', 'port'] });
    }
  });
  return claims;
}

function describe(claim: PortClaim): string {
  return claim.from === claim.to ? `(port ${claim.from})` : `(ports ${claim.from}-${claim.to})`;
}
