// Every local process listens on 127.0.0.1, so no two of them may be given the same port, and a declared port counts
// up one per instance, so the last must still be a port: the local provider's validate hook, run while the topology
// is loaded, so either is a located error before anything starts (not at the second instance's create).
import type { LocalCluster } from '../../schemas/topology.ts';
import type { ProviderFinding, ValidatedCluster } from '../provider.ts';

type Path = ProviderFinding['path'];

interface PortClaim {
  from: number;
  to: number;
  what: string;
  path: Path;
}

const LAST_PORT = 65535;

export function localPortFindings(clusters: ValidatedCluster[]): ProviderFinding[] {
  const claims = clusters.flatMap(portClaims);
  return [...claims.flatMap(pastLastPort), ...clashes(claims)];
}

function pastLastPort(claim: PortClaim): ProviderFinding[] {
  if (claim.to <= LAST_PORT) return [];
  return [{
    severity: 'error', path: claim.path, message: `${claim.what} would need ports ${claim.from}-${claim.to}, past the last one (${LAST_PORT})`,
    hint: 'each instance takes the next port up: declare a lower one',
  }];
}

function clashes(claims: PortClaim[]): ProviderFinding[] {
  return claims.flatMap((claim, i): ProviderFinding[] => {
    const clash = claims.slice(0, i).find((other) => claim.from <= other.to && other.from <= claim.to);
    if (!clash) return [];
    return [{
      severity: 'error', path: claim.path, message: `${claim.what} ${describe(claim)} clashes with ${clash.what} ${describe(clash)}`,
      hint: 'local processes share 127.0.0.1: give each a distinct range of ports',
    }];
  });
}

/** Every port a cluster declares, for the allocator to keep clear of (free-port.ts). */
export function declaredLocalPorts(name: string, cluster: LocalCluster, proxies: number): number[] {
  return claimsOf(name, cluster, proxies).flatMap((claim) => Array.from({ length: claim.to - claim.from + 1 }, (_, i) => claim.from + i));
}

function portClaims({ name, cluster, features }: ValidatedCluster): PortClaim[] {
  return claimsOf(name, cluster as LocalCluster, features.proxyInstances.value);
}

function claimsOf(name: string, cluster: LocalCluster, proxies: number): PortClaim[] {
  const path = ['clusters', name];
  const claims: PortClaim[] = [];
  const port = cluster.proxy?.port ?? 6432;
  const metricsPort = cluster.proxy?.metricsPort ?? 0;
  claims.push({ from: port, to: port + proxies - 1, what: `${name}'s proxies`, path: [...path, 'proxy', 'port'] });
  if (metricsPort > 0) {
    claims.push({ from: metricsPort, to: metricsPort + proxies - 1, what: `${name}'s proxy metrics`, path: [...path, 'proxy', 'metricsPort'] });
  }
  const { postgres } = cluster;
  const pgPort = postgres?.port;
  if (pgPort !== undefined) {
    const instances = postgres?.instances ?? 3;
    claims.push({ from: pgPort, to: pgPort + instances - 1, what: `${name}'s PostgreSQL instances`, path: [...path, 'postgres', 'port'] });
  }
  return claims;
}

function describe(claim: PortClaim): string {
  return claim.from === claim.to ? `(port ${claim.from})` : `(ports ${claim.from}-${claim.to})`;
}
