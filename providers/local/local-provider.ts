// The `local` provider: a real replicated PostgreSQL cluster and its proxies on this machine. A cluster becomes
// `<cluster>.postgres[i]` (the first one starts as primary, the others stream from it), `<cluster>.user[<name>]`
// (the login roles the proxies use) and `<cluster>.proxy[i]`, all living in `.pgtopo/<topology>/<cluster>/`
// beside the topology file.
import type { LocalCluster, User } from '../../schemas/topology.ts';
import { proxyTierConfig, type ProxyTierInput } from '../../proxy-tier/proxy-tier-config.ts';
import type { ProxyUserDocument } from '../../proxy/config/proxy-tier-settings.ts';
import type { DesiredResource, DesiredValue, ExpandInput, Provider, ProviderOutput, RecordedResource } from '../provider.ts';
import { clusterDir } from './local-layout.ts';
import { localWatchdogKeyFile, localWatchdogMemberDir } from './local-watchdog-files.ts';
import { declarePorts } from './free-port.ts';
import { declaredLocalPorts, localPortFindings } from './local-port-claims.ts';
import { localStatus } from './local-status.ts';
import { synchronousReplicationSettings, type PgSettings } from './pg-config-files.ts';
import { pgUserResourceType, PG_USER_TYPE } from './pg-user-resource.ts';
import { postgresResourceType, POSTGRES_TYPE } from './postgres-resource.ts';
import { findPgpool } from './proxy-process.ts';
import { proxyResourceType, PROXY_TYPE } from './proxy-resource.ts';
import { splitTier } from '../../proxy-tier/tier-attributes.ts';
import { recordedBackends } from './recorded-backends.ts';
import { appliedLocalPgpoolTier, appliedLocalProxyConfig } from './applied-proxy-config.ts';
import { sameHostDelivery } from '../../proxy-tier/same-host-delivery.ts';

const DEFAULT_INSTANCES = 3;

export function localProvider(): Provider {
  return {
    name: 'local',
    environments: ['local'],
    resourceTypes: [postgresResourceType(), pgUserResourceType(), proxyResourceType()],
    validate: localPortFindings,
    // Nothing to connect to: instances and proxies are found through their files under .pgtopo/.
    // A port drawn at random in this apply must not be one the topology declares (one proxy of the default one).
    configure: async ({ clusters }) => declarePorts(clusters.flatMap(({ name, cluster }) => declaredLocalPorts(name, cluster as LocalCluster, cluster.proxy?.instances ?? 1))),
    close: async () => {},
    expand: expandLocalCluster,
    backends: recordedBackends,
    appliedProxyConfig: appliedLocalProxyConfig,
    pgpoolTier: appliedLocalPgpoolTier,
    status: localStatus,
    outputs: proxyConnectionStrings,
  };
}

export function expandLocalCluster(input: ExpandInput): DesiredResource[] {
  if (!input.topologyDir) throw new Error('the local provider needs the topology file\'s directory to keep its data beside it');
  const scope = clusterDir(input.topologyDir, input.topologyName, input.clusterName);
  const cluster = input.cluster as LocalCluster;
  const name = (suffix: string): string => `${input.topologyName}-${input.clusterName}-${suffix}`;
  const postgres = postgresResources(input.clusterName, cluster, scope, name);
  const users = input.users.map((user): DesiredResource => ({
    address: `${input.clusterName}.user[${user.name}]`, type: PG_USER_TYPE, name: name(`user-${user.name}`), scope,
    attributes: { role_name: user.name, password: user.password ? { $secret: user.password } : null, admin: user.admin ?? false },
    // Roles live on whichever instance is primary now: create them after, drop them before, any instance.
    dependsOn: postgres.map((instance) => instance.address),
  }));
  return [...postgres, ...users, ...proxyResources(input, cluster, scope, name, users)];
}

function postgresResources(clusterName: string, cluster: LocalCluster, scope: string, name: (suffix: string) => string): DesiredResource[] {
  const count = cluster.postgres?.instances ?? DEFAULT_INSTANCES;
  const port = cluster.postgres?.port;
  // Declared parameters win; validation refuses synchronous_* ones next to `replication.mode: sync`.
  const parameters = { ...replicationParameters(cluster, count), ...cluster.postgres?.parameters };
  return Array.from({ length: count }, (_, index) => ({
    address: `${clusterName}.postgres[${index}]`, type: POSTGRES_TYPE, name: name(`pg${index}`), scope,
    attributes: {
      declared_port: port === undefined ? null : port + index,
      parameters,
      role: index === 0 ? 'primary' : 'standby',
      state: 'running',
      membership: 'in-sync',
    },
    dependsOn: index === 0 ? [] : [`${clusterName}.postgres[0]`],
  }));
}

/** Sync replication's settings go to every instance, so the plan shows them and a scale changes them by reload. */
function replicationParameters(cluster: LocalCluster, count: number): PgSettings {
  const replication = cluster.postgres?.replication;
  if (replication?.mode !== 'sync') return {};
  return synchronousReplicationSettings(Array.from({ length: count }, (_, index) => `pg${index}`), replication.syncStandbys ?? 1);
}

function proxyResources(input: ExpandInput, cluster: LocalCluster, scope: string, name: (suffix: string) => string,
  users: DesiredResource[]): DesiredResource[] {
  const { features } = input;
  if (features.engine.value === 'pgpool2') findPgpool(); // say it at plan time, not halfway through an apply
  const nodes = features.backends ?? [];
  const backendRef = (index: number, attribute: string): DesiredValue => ({ $ref: `${input.clusterName}.postgres[${index}]`, attribute });
  const proxy = cluster.proxy ?? {};
  return Array.from({ length: features.proxyInstances.value }, (_, index) => {
    const tier = proxyTierConfig({
      clusterName: input.clusterName, cluster, features, users: input.users as User[], index, delivery: sameHostDelivery(input.topologyDir!),
      backends: nodes.map((node) => ({ name: node.name, host: '127.0.0.1', port: 0, role: 'unknown' })),
      listen: { host: '127.0.0.1', port: 0 },
      metricsPort: proxy.metricsPort ? proxy.metricsPort + index : null,
      ...localWatchdog(scope, index, features.proxyInstances.value),
    });
    const backends = tier.config.backends.map((backend, node): DesiredValue => ({
      ...backend, port: backendRef(node, 'port'), role: backendRef(node, 'role'),
    }));
    const attributes = splitTier({ tier, declaredPort: proxy.port === undefined ? null : proxy.port + index, backends }) as Record<string, DesiredValue>;
    return {
      address: `${input.clusterName}.proxy[${index}]`, type: PROXY_TYPE, name: name(`proxy${index}`), scope,
      attributes: { engine: tier.engine, ...attributes, state: 'running' },
      dependsOn: users.map((user) => user.address),
    };
  });
}

/**
 * A watchdog member's local parts: its term record in the tier's directory (kept when the proxy is re-created), the
 * cluster's key file, and heartbeat ports 0 — allocated per cluster when the first member starts
 * (local-watchdog-files.ts), so two clusters never clash.
 */
function localWatchdog(scope: string, index: number, count: number): Pick<ProxyTierInput, 'watchdogMembers' | 'watchdogStateDir' | 'watchdogAuthKey'> {
  return {
    watchdogMembers: Array.from({ length: count }, () => ({ host: '127.0.0.1', port: 0, watchdogPort: 0, heartbeatPort: 0 })),
    watchdogStateDir: localWatchdogMemberDir(scope, index),
    watchdogAuthKey: { file: localWatchdogKeyFile(scope) },
  };
}

/** The connection string of every proxy, for the end of an apply. */
function proxyConnectionStrings(resources: RecordedResource[]): ProviderOutput[] {
  const proxies = resources.filter((resource) => resource.type === PROXY_TYPE).sort((a, b) => a.address.localeCompare(b.address));
  return proxies.map((resource) => {
    const users = (resource.attributes.users ?? []) as unknown as ProxyUserDocument[];
    const user = users.find((candidate) => !candidate.admin) ?? users[0];
    const who = user ? `${encodeURIComponent(user.name)}@` : '';
    return { name: resource.address, value: `postgresql://${who}${String(resource.attributes.host)}:${String(resource.attributes.port)}/postgres` };
  });
}
