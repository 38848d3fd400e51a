import type { Cluster, Topology } from '../../schemas/topology.ts';
import type { EffectiveBackend, EffectiveFeatures, Feature } from '../../proxy-tier/effective-features.ts';
import { backendNodes } from './backend-nodes.ts';
import { environmentProfiles, haOwnershipReason, type EnvironmentProfile } from './environment-profiles.ts';

export function effectiveFeaturesOf(topology: Topology): EffectiveFeatures[] {
  return Object.entries(topology.clusters).map(([name, cluster]) => effectiveFeatures(name, cluster));
}

export function effectiveFeatures(name: string, cluster: Cluster): EffectiveFeatures {
  const profile = environmentProfiles[cluster.environment];
  const proxy = cluster.proxy ?? {};
  const failover = ownedByProxy(profile, proxy.failover?.enabled, 'the proxy promotes the most advanced standby when the primary is lost');
  const proxyHa = resolveProxyHa(profile, proxy.ha?.method);
  return {
    cluster: name,
    environment: cluster.environment,
    engine: setting(proxy.engine, 'builtin', 'pgtopo\'s own proxy unless `engine: pgpool2`'),
    proxyInstances: setting(proxy.instances, 1, 'proxy processes, instances or pods'),
    failover,
    healthCheck: ownedByProxy(profile, proxy.healthCheck?.enabled, 'the proxy checks every node and detaches dead ones'),
    failoverOnBackendError: explicitOr(proxy.failover?.onBackendError, false,
      profile.proxyOwnsHa ? 'a single I/O error is not proof that a node is dead; the health check decides' : haOwnershipReason(profile)),
    replicationCheck: explicitOr(proxy.replicationCheck?.enabled, profile.replicationCheck.byDefault, profile.replicationCheck.why),
    primaryDetection: profile.backendShape === 'nodes'
      ? derived(true, 'the primary is the node where pg_is_in_recovery() is false')
      : derived(false, 'the writer endpoint is always the primary (ALWAYS_PRIMARY)'),
    proxyHa,
    vip: resolveVip(proxy.ha?.vip, proxyHa.value),
    loadBalancing: setting(proxy.loadBalancing?.enabled, true, 'reads are balanced across the primary and eligible standbys'),
    pooling: resolvePooling(proxy.pooling?.enabled, proxy.pooling?.mode, proxy.engine),
    failoverCoordinator: resolveCoordinator(failover.value, proxyHa.value, proxy.failover?.coordinator),
    backends: resolveBackends(cluster),
  };
}

function setting<T extends string | number | boolean>(explicit: T | undefined, fallback: T, why: string): Feature<T> {
  return explicit === undefined ? { value: fallback, source: 'default', why } : { value: explicit, source: 'explicit', why };
}

function explicitOr(explicit: boolean | undefined, byDefault: boolean, why: string): Feature<boolean> {
  return explicit === undefined ? { value: byDefault, source: 'environment', why } : { value: explicit, source: 'explicit', why };
}

function derived<T>(value: T, why: string): Feature<T> {
  return { value, source: 'derived', why };
}

function ownedByProxy(profile: EnvironmentProfile, explicit: boolean | undefined, whenOn: string): Feature<boolean> {
  if (!profile.proxyOwnsHa) return { value: false, source: 'environment', why: haOwnershipReason(profile) };
  return explicitOr(explicit, true, explicit === false ? 'turned off in the topology' : `${whenOn} (the proxy owns HA on ${profile.environment})`);
}

function resolveProxyHa(profile: EnvironmentProfile, method: 'watchdog' | 'nlb-autoscaling' | 'none' | undefined): Feature<'watchdog' | 'nlb-autoscaling' | 'none'> {
  if (profile.environment === 'kubernetes') return derived('none', 'a Service load-balances the proxy pods; no watchdog');
  const options = profile.haMethods.filter((m) => m !== 'none').join(' or ');
  return setting(method, 'none', `available here: ${options}`);
}

function resolveVip(vip: { type: string; address?: string; recordName?: string } | undefined, method: string): Feature<string> {
  if (method === 'nlb-autoscaling') return derived('none', 'clients connect to the load balancer; no VIP needed');
  if (!vip) return derived('none', method === 'watchdog' ? 'missing' : 'no watchdog');
  const where = vip.address ?? vip.recordName ?? '';
  return { value: `${vip.type}${where ? ` ${where}` : ''}`, source: 'explicit', why: vipWhy[vip.type] ?? '' };
}

const vipWhy: Record<string, string> = {
  'elastic-ip': 'the leader takes the Elastic IP (AssociateAddress); clients come over the internet',
  'secondary-ip': 'the leader takes a secondary private IP (one subnet, one AZ)',
  'route-table': 'a /32 route to the leader (CreateRoute/ReplaceRoute); works across AZs inside the VPC',
  dns: 'a Route 53 A record to the leader; clients follow after the TTL',
  ip: 'a classic virtual IP on a local interface',
};

function resolvePooling(enabled: boolean | undefined, mode: 'transaction' | 'session' | undefined,
  engine: string | undefined): Feature<'transaction' | 'session' | 'off'> {
  if (enabled === false) return { value: 'off', source: 'explicit', why: 'every client gets its own server connection' };
  // Pgpool-II has no transaction pooling: each child caches its server connections for the sessions it serves.
  if (engine === 'pgpool2') {
    return mode === 'session'
      ? setting(mode, 'session', 'Pgpool-II lends a server connection for a whole session (connection_cache)')
      : derived('session', `Pgpool-II lends a server connection for a whole session (connection_cache)${mode ? '; `mode: transaction` needs `engine: builtin`' : ''}`);
  }
  return setting(mode, 'transaction', 'server connections are lent per transaction unless `mode: session`');
}

function resolveCoordinator(failover: boolean, method: string, index: number | undefined): Feature<string> {
  if (!failover) return derived('none', 'this proxy tier never promotes');
  if (method === 'watchdog') return derived('watchdog leader', 'the elected leader runs failovers; the others follow');
  return setting(index === undefined ? undefined : `proxy[${index}]`, 'proxy[0]', 'only one proxy may promote, or two could promote two standbys; the others follow the new primary by role detection');
}

function resolveBackends(cluster: Cluster): EffectiveBackend[] | null {
  const weights = cluster.proxy?.loadBalancing?.weights ?? {};
  return backendNodes(cluster)?.map((node) => ({
    ...node,
    weight: weights[node.name] ?? node.defaultWeight,
    flags: [...(node.alwaysPrimary ? ['ALWAYS_PRIMARY'] : []), ...(node.disallowFailover ? ['DISALLOW_TO_FAILOVER'] : [])],
  })) ?? null;
}
