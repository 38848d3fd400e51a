// What one proxy of a cluster gets, whichever engine runs it (proxy/config/proxy-tier-settings.ts): the builtin
// proxy's config document (the type generated from proxy/config/proxy-config.schema.json, which the proxy owns)
// plus the health, lag-check and failover settings, from the topology and the effective features. The Pgpool-II
// renderer starts from the same object, so both engines behave alike for the same topology. Secrets stay
// references ({ env } or { file }): the proxy resolves them in memory, so no clear password is written here.
import type { PoolDocument, ProxyConfigDocument, RouterDocument, TlsDocument } from '../proxy/config/proxy-config-document.ts';
import {
  ASYNC_REPLICATION, type FailoverSettings, type HealthCheckSettings, type HealthCheckTimingSettings, type ProxyBackendDocument,
  type ProxyHbaDocument, type ProxySecretRef, type ProxyTierConfig, type ProxyUserDocument, type RenderedProxyConfig, type ReplicationSettings,
} from '../proxy/config/proxy-tier-settings.ts';
import {
  HEALTH_CHECK_DEFAULTS, HEALTH_CHECK_PERIOD_WHEN_ON_MS, LOG_LEVEL, REPLICATION_CHECK_PERIOD_WHEN_ON_MS, WATCHDOG_HEARTBEAT_PORT,
} from '../proxy/config/proxy-defaults.ts';
import type {
  Cluster, HbaRule as TopologyHbaRule, ProxyHa, HealthCheckTiming, LoadBalancing, Pooling, ProxyCommon, Tls, User,
} from '../schemas/topology.ts';
import { durationMs, sizeBytes } from '../schemas/units.ts';
import { WATCHDOG_DEFAULTS, type WatchdogMember, type WatchdogTierSettings } from '../proxy/config/watchdog-tier-settings.ts';
import type { EffectiveBackend, EffectiveFeatures } from './effective-features.ts';
import type { SecretDelivery } from './secret-delivery.ts';

/** The schema's default of `proxy.port`. */
const DEFAULT_PROXY_PORT = 6432;

/** Where a backend node runs now, and the role it has now (the current primary after a failover). */
export interface BackendAddress {
  name: string;
  /**
   * The feature node (EffectiveFeatures.backends) this address serves, when it is one of several: each read
   * replica of an RDS primary, or each Aurora reader instance, serves the `reader` node. Default: `name`.
   */
  node?: string;
  host: string;
  port: number;
  role: 'primary' | 'standby' | 'unknown';
}

export interface ProxyTierInput {
  clusterName: string;
  cluster: Cluster;
  features: EffectiveFeatures;
  users: User[];
  backends: BackendAddress[];
  index: number;
  listen: { host: string; port: number };
  /** 0 or null: no metrics endpoint. */
  metricsPort: number | null;
  /** How the proxy gets its secrets and files: chosen by the provider that places it. */
  delivery: SecretDelivery;
  /**
   * With `ha.method: watchdog`: every proxy of the tier in index order, from the provider that places them. A local
   * tier defaults to one host: this proxy's listen host, heartbeats on WATCHDOG_HEARTBEAT_PORT plus the index.
   * Elsewhere no watchdog section is rendered until the provider says where its proxies are.
   */
  watchdogMembers?: WatchdogMember[];
  /** A directory only this proxy writes, where a watchdog member keeps its term and vote (proxy/watchdog/term-store.ts). */
  watchdogStateDir?: string;
  /** The tier's watchdog key, generated once by the provider and delivered like a password (message-auth.ts). */
  watchdogAuthKey?: ProxySecretRef;
  /** On EC2: the tag a member puts on its own instance once it has joined, which a roll waits for (proxy/watchdog/joined-tag.ts). */
  watchdogJoinedTag?: string;
  /** On EC2 without a watchdog: the tag the proxy puts on its own instance once it serves, which a roll waits for. */
  servingTag?: string;
}

export function proxyTierConfig(input: ProxyTierInput): ProxyTierConfig {
  const proxy: ProxyCommon = input.cluster.proxy ?? {};
  const users = input.users.map((user) => proxyUser(user, input.delivery));
  const monitor = proxy.monitor
    ? proxyUser({ name: proxy.monitor.name, password: proxy.monitor.password }, input.delivery)
    : users.find((user) => user.admin) ?? users[0] ?? null;
  const health = healthSettings(proxy, input.features);
  const replicationCheck = {
    enabled: input.features.replicationCheck.value,
    periodMs: proxy.replicationCheck?.period === undefined ? REPLICATION_CHECK_PERIOD_WHEN_ON_MS : durationMs(proxy.replicationCheck.period),
  };
  const failover: FailoverSettings = {
    enabled: input.features.failover.value,
    onBackendError: input.features.failoverOnBackendError.value,
    coordinator: input.features.failoverCoordinator.value === `proxy[${input.index}]`,
    coordinatorIndex: coordinatorIndexOf(input.features.failoverCoordinator.value, proxy.failover?.coordinator),
    failoverCommand: proxy.failover?.failoverCommand ?? '',
    followPrimaryCommand: proxy.failover?.followPrimaryCommand ?? '',
    priority: proxy.failover?.priority ?? {},
  };
  const replication = replicationSettings(input.cluster, input.backends);
  const tls = proxy.tls ? tlsDocument(proxy.tls, input.delivery) : undefined;
  const watchdog = watchdogSettings(proxy.ha, input.watchdogMembers, input.watchdogAuthKey);
  const config: RenderedProxyConfig = {
    listen: input.listen,
    ...(input.metricsPort ? { metrics: { host: input.listen.host, port: input.metricsPort } } : {}),
    ...(tls ? { tls } : {}),
    backends: backendDocuments(input.features, input.backends),
    pool: poolDocument(proxy.pooling, input.features),
    users,
    hba: hbaDocuments(proxy.hba, input.users),
    router: routerDocument(proxy.loadBalancing, input.features),
    logLevel: proxy.logLevel ?? LOG_LEVEL,
    ...(input.servingTag ? { servingTag: input.servingTag } : {}),
    ...(proxy.workers !== undefined ? { workers: proxy.workers } : {}),
    ...monitoringSections({ index: input.index, health, replicationCheck, failover, monitorUser: monitor, replication }),
    ...watchdogSection(input),
  };
  return {
    cluster: input.clusterName,
    engine: input.features.engine.value,
    index: input.index,
    config,
    pooling: input.features.pooling.value !== 'off',
    health,
    replicationCheck,
    failover,
    monitorUser: monitor,
    replication,
    ...(watchdog ? { watchdog } : {}),
  };
}

/** The tier's watchdog once the members are known; Pgpool-II's default heartbeat timing until the topology has its own. */
function watchdogSettings(
  ha: ProxyHa | undefined, members: WatchdogMember[] | undefined, authKey: ProxySecretRef | undefined,
): WatchdogTierSettings | undefined {
  if (ha?.method !== 'watchdog' || !ha.vip || !members) return undefined;
  const { heartbeatIntervalMs, deadTimeMs, pgtopoCommand } = WATCHDOG_DEFAULTS;
  return { members, heartbeatIntervalMs, deadTimeMs, vip: ha.vip, pgtopoCommand, authKey: authKey ?? null };
}

/** The builtin proxy's monitor and failover sections (proxy/health, proxy/failover) from the tier's settings. */
export function monitoringSections(
  tier: Pick<ProxyTierConfig, 'index' | 'health' | 'replicationCheck' | 'failover' | 'monitorUser' | 'replication'>,
): Pick<ProxyConfigDocument, 'healthCheck' | 'replicationCheck' | 'monitor' | 'failover' | 'replication'> {
  const { health, replicationCheck, failover, monitorUser, replication } = tier;
  // Proxies recorded before per-node timing and priorities were rendered have neither. A node's own period would
  // check it while checks are off, so per-node timing goes only with checks on (as health_check_period0 does).
  const nodes = health.enabled ? health.nodes ?? {} : {};
  const priority = failover.priority ?? {};
  return {
    healthCheck: {
      periodMs: health.enabled ? health.periodMs : 0, timeoutMs: health.timeoutMs, retries: health.retries, retryDelayMs: health.retryDelayMs,
      ...(Object.keys(nodes).length > 0 ? { nodes } : {}),
    },
    replicationCheck: { periodMs: replicationCheck.enabled ? replicationCheck.periodMs : 0 },
    ...(monitorUser ? { monitor: { user: monitorUser.name, ...(monitorUser.password ? { password: monitorUser.password } : {}) } } : {}),
    failover: {
      enabled: failover.enabled, onBackendError: failover.onBackendError, instanceIndex: tier.index,
      coordinatorIndex: failover.coordinatorIndex ?? 0,
      failoverCommand: failover.failoverCommand, followPrimaryCommand: failover.followPrimaryCommand,
      ...(Object.keys(priority).length > 0 ? { priority } : {}),
    },
    ...(replication.mode === 'sync' ? { replication } : {}),
  };
}

/** `ha: { method: watchdog, vip }`: the watchdog section, its members the tier's proxies (proxy/watchdog). */
function watchdogSection(input: ProxyTierInput): Pick<ProxyConfigDocument, 'watchdog'> {
  const ha = input.cluster.proxy?.ha;
  if (input.features.proxyHa.value !== 'watchdog' || ha?.method !== 'watchdog' || !ha.vip) return {};
  if (!input.watchdogMembers && input.cluster.environment !== 'local') return {};
  const count = input.features.proxyInstances.value;
  const members = input.watchdogMembers?.map(({ host, heartbeatPort }) => ({ host, port: heartbeatPort }))
    ?? Array.from({ length: count }, (_v, index) => ({ host: input.listen.host, port: WATCHDOG_HEARTBEAT_PORT + index }));
  // Clients of an `ip` VIP reach whichever member holds it at the tier's port.
  const vipPort = ha.vip.type === 'ip' ? { vipPort: input.cluster.proxy?.port ?? DEFAULT_PROXY_PORT } : {};
  const persisted = {
    ...(input.watchdogStateDir ? { stateDir: input.watchdogStateDir } : {}),
    ...(input.watchdogAuthKey ? { authKey: input.watchdogAuthKey } : {}),
    ...(input.watchdogJoinedTag ? { joinedTag: input.watchdogJoinedTag } : {}),
  };
  return {
    watchdog: { self: input.index, members: members.map((member, index) => ({ name: `proxy[${index}]`, ...member })), vip: ha.vip, ...vipPort, ...persisted },
  };
}

/** A local cluster's `postgres.replication`; every instance is a sync candidate (see providers/local/pg-config-files.ts). */
function replicationSettings(cluster: Cluster, backends: BackendAddress[]): ReplicationSettings {
  if (cluster.environment !== 'local' || cluster.postgres?.replication?.mode !== 'sync') return ASYNC_REPLICATION;
  return { mode: 'sync', syncStandbys: cluster.postgres.replication.syncStandbys ?? 1, syncCandidates: backends.map((backend) => backend.name) };
}

/** 'proxy[N]' → N. Until the watchdog exists, a watchdog tier's coordinator is the configured (or first) instance. */
function coordinatorIndexOf(coordinator: string, configured: number | undefined): number {
  const index = /^proxy\[(\d+)\]$/.exec(coordinator);
  return index ? Number(index[1]) : configured ?? 0;
}

/** Only what the topology sets: the proxy's defaults decide the TLS modes it leaves out (proxy-defaults.ts). */
function tlsDocument(tls: Tls, delivery: SecretDelivery): TlsDocument {
  const file = (path: string | undefined) => (path === undefined ? undefined : delivery.filePath(path));
  const secretFile = (secret: string | undefined, key: string) => (secret === undefined ? undefined : delivery.secretFile(secret, key));
  return withoutUndefined({
    certFile: secretFile(tls.certSecret, 'tls.crt') ?? file(tls.certFile),
    keyFile: secretFile(tls.certSecret, 'tls.key') ?? file(tls.keyFile),
    caFile: secretFile(tls.caSecret, 'ca.crt') ?? file(tls.caFile),
    certParameter: tls.certParameter, keyParameter: tls.keyParameter, caParameter: tls.caParameter,
    client: tls.client, backend: tls.backend,
  });
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;
}

function proxyUser(user: Pick<User, 'name' | 'password' | 'admin'>, delivery: SecretDelivery): ProxyUserDocument {
  return {
    name: user.name,
    ...(user.password ? { password: delivery.secretReference(user.password) } : {}),
    admin: user.admin ?? false,
  };
}

function backendDocuments(features: EffectiveFeatures, addresses: BackendAddress[]): ProxyBackendDocument[] {
  const nodes = features.backends ?? [];
  return addresses.map((address, id) => {
    const node: EffectiveBackend | undefined = nodes.find((candidate) => candidate.name === (address.node ?? address.name));
    return {
      id,
      name: address.name,
      host: address.host,
      port: address.port,
      weight: node?.weight ?? 1,
      role: node?.role === 'writer' ? 'primary' : node?.role === 'reader' ? 'standby' : address.role,
      alwaysPrimary: node?.alwaysPrimary ?? false,
      noFailover: node?.disallowFailover ?? false,
    };
  });
}

function poolDocument(pooling: Pooling | undefined, features: EffectiveFeatures): PoolDocument {
  const optional = (value: string | number | undefined): number | undefined => (value === undefined ? undefined : durationMs(value));
  return withoutUndefined({
    // Pooling off: a session-mode pool, so a client keeps its server connection for its whole session. The mode
    // as written, not the effective feature: with Pgpool-II that says session whatever this document holds.
    mode: features.pooling.value === 'off' ? 'session' : pooling?.mode ?? 'transaction',
    size: pooling?.poolSize,
    maxClientConnections: pooling?.maxClientConnections,
    maxPools: pooling?.maxPools,
    maxServerConnections: pooling?.maxServerConnections,
    queueTimeoutMs: optional(pooling?.queueTimeout),
    idleTimeoutMs: optional(pooling?.serverIdleTimeout),
    lifetimeMs: optional(pooling?.serverLifetime),
    clientIdleTimeoutMs: optional(pooling?.clientIdleTimeout),
  });
}

function hbaDocuments(rules: TopologyHbaRule[] | undefined, users: User[]): ProxyHbaDocument[] {
  if (rules) {
    return rules.map((rule) => ({
      type: rule.type ?? 'host', database: rule.database ?? 'all', user: rule.user ?? 'all', address: rule.address ?? 'all', method: rule.method,
    }));
  }
  // Default: each user from anywhere with its own `auth` method.
  return users.map((user) => ({ type: 'host', database: 'all', user: user.name, address: 'all', method: user.auth ?? 'scram-sha-256' }));
}

function routerDocument(balancing: LoadBalancing | undefined, features: EffectiveFeatures): RouterDocument {
  const redirect = balancing?.redirect;
  return withoutUndefined({
    loadBalancing: features.loadBalancing.value,
    disableLoadBalanceOnWrite: balancing?.disableLoadBalanceOnWrite,
    dmlAdaptiveDependencies: balancing?.dmlAdaptiveDependencies,
    writeFunctions: balancing?.writeFunctions,
    readOnlyFunctions: balancing?.readOnlyFunctions,
    primaryRoutingPatterns: balancing?.primaryRoutingPatterns,
    statementLevelLoadBalance: balancing?.statementLevelLoadBalance,
    redirectPreferences: redirect
      ? withoutUndefined({ applicationName: redirect.applicationName, database: redirect.database, user: redirect.user })
      : undefined,
    delayThreshold: balancing?.delayThreshold === undefined ? undefined : sizeBytes(balancing.delayThreshold),
    delayThresholdByTime: balancing?.delayThresholdByTime === undefined ? undefined : durationMs(balancing.delayThresholdByTime),
    preferLowerDelayStandby: balancing?.preferLowerDelayStandby,
  });
}

/** The timing is the topology's, else the proxy's defaults; the period, else the one a switched-on check gets. */
function healthSettings(proxy: ProxyCommon, features: EffectiveFeatures): HealthCheckSettings {
  const check = proxy.healthCheck ?? {};
  const common = { ...HEALTH_CHECK_DEFAULTS, periodMs: HEALTH_CHECK_PERIOD_WHEN_ON_MS, ...timingMs(check) };
  const nodes = Object.fromEntries(Object.entries(check.nodes ?? {}).map(([name, timing]) => [name, timingMs(timing)]));
  return { enabled: features.healthCheck.value, ...common, nodes };
}

function timingMs(timing: HealthCheckTiming): Partial<HealthCheckTimingSettings> {
  const ms = (value: string | number | undefined) => (value === undefined ? undefined : durationMs(value));
  return withoutUndefined({ periodMs: ms(timing.period), timeoutMs: ms(timing.timeout), retries: timing.retries, retryDelayMs: ms(timing.retryDelay) });
}
