// What one proxy of a cluster gets, whichever engine runs it: the builtin proxy's config document (the file format
// of proxy/proxy-config.ts) plus the health, lag-check and failover settings. The Pgpool-II renderer starts from
// the same object, so both engines behave alike for the same topology. Secrets stay references ({ env } or
// { file }): the proxy resolves them in memory, so no clear password is ever written by this function.
import { isAbsolute, resolve } from 'node:path';
import type { Cluster, HbaRule as TopologyHbaRule, LoadBalancing, Pooling, ProxyCommon, SecretRef, User } from '../schemas/topology.ts';
import { durationMs, sizeBytes } from '../schemas/units.ts';
import type { EffectiveBackend, EffectiveFeatures } from './effective-features.ts';

/** A secret as the proxy config file references it. */
export type ProxySecretRef = { env: string } | { file: string };

export interface ProxyBackendDocument {
  id: number;
  name: string;
  host: string;
  port: number;
  weight: number;
  role: 'primary' | 'standby' | 'unknown';
  alwaysPrimary: boolean;
  noFailover: boolean;
}

export interface ProxyUserDocument {
  name: string;
  password?: ProxySecretRef;
  admin: boolean;
}

export interface ProxyHbaDocument {
  type: string;
  database: string;
  user: string;
  address: string;
  method: string;
}

/** The builtin proxy's config file, exactly as `pgtopo proxy --config` reads it (see proxy/proxy-config.ts). */
export interface ProxyConfigDocument {
  listen: { host: string; port: number };
  metrics?: { host: string; port: number };
  backends: ProxyBackendDocument[];
  pool: {
    mode: 'transaction' | 'session';
    size: number;
    maxServerConnections?: number;
    maxClientConnections?: number;
    maxPools?: number;
    queueTimeoutMs?: number;
    idleTimeoutMs?: number;
    lifetimeMs?: number;
  };
  users: ProxyUserDocument[];
  hba: ProxyHbaDocument[];
  router: Record<string, unknown>;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  /** Backend monitor and failover (proxy/health, proxy/failover): 0 periods and `enabled: false` switch them off. */
  healthCheck?: { periodMs: number; timeoutMs: number; retries: number; retryDelayMs: number };
  replicationCheck?: { periodMs: number };
  monitor?: { user: string; password?: ProxySecretRef };
  failover?: {
    enabled: boolean; onBackendError: boolean; instanceIndex: number; coordinatorIndex: number;
    failoverCommand: string; followPrimaryCommand: string;
  };
  /** Written only for synchronous replication: async is the proxy's default. */
  replication?: ReplicationSettings;
}

/** How the cluster acknowledges commits; with sync, which backends are in synchronous_standby_names. */
export interface ReplicationSettings {
  mode: 'async' | 'sync';
  syncStandbys: number;
  /** Backend names, which are the instances' application_names (cluster_name) for a local cluster. */
  syncCandidates: string[];
}

export const ASYNC_REPLICATION: ReplicationSettings = { mode: 'async', syncStandbys: 1, syncCandidates: [] };

export interface HealthCheckSettings {
  enabled: boolean;
  periodMs: number;
  timeoutMs: number;
  retries: number;
  retryDelayMs: number;
}

/** Everything a cluster's proxy gets; `config` is the builtin proxy's file, the rest is shared by both engines. */
export interface ProxyTierConfig {
  cluster: string;
  engine: 'builtin' | 'pgpool2';
  /** Index of this proxy instance in the cluster's tier. */
  index: number;
  config: ProxyConfigDocument;
  /** False when the pooling feature is off: every client gets its own server connection. */
  pooling: boolean;
  health: HealthCheckSettings;
  replicationCheck: { enabled: boolean; periodMs: number };
  failover: {
    enabled: boolean; onBackendError: boolean; coordinator: boolean; coordinatorIndex: number;
    failoverCommand: string; followPrimaryCommand: string;
  };
  /** The role health checks, lag checks and promotion use: the monitor user, else the first admin user, else the first user. */
  monitorUser: ProxyUserDocument | null;
  replication: ReplicationSettings;
}

/** Where a backend node runs now, and the role it has now (the current primary after a failover). */
export interface BackendAddress {
  name: string;
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
  /** Relative `fromFile` secrets are resolved against this directory (the topology file's). */
  topologyDir: string;
}

export class ProxyTierConfigError extends Error {}

const DEFAULT_POOL_SIZE = 20;
const DEFAULT_HEALTH = { periodMs: 10_000, timeoutMs: 5_000, retries: 3, retryDelayMs: 1_000 };
const DEFAULT_SR_CHECK_MS = 10_000;

export function proxyTierConfig(input: ProxyTierInput): ProxyTierConfig {
  const proxy: ProxyCommon = input.cluster.proxy ?? {};
  const users = input.users.map((user) => proxyUser(user, input.topologyDir));
  const monitor = proxy.monitor
    ? proxyUser({ name: proxy.monitor.name, password: proxy.monitor.password }, input.topologyDir)
    : users.find((user) => user.admin) ?? users[0] ?? null;
  const health = healthSettings(proxy, input.features);
  const replicationCheck = {
    enabled: input.features.replicationCheck.value,
    periodMs: proxy.replicationCheck?.period === undefined ? DEFAULT_SR_CHECK_MS : durationMs(proxy.replicationCheck.period),
  };
  const failover = {
    enabled: input.features.failover.value,
    onBackendError: input.features.failoverOnBackendError.value,
    coordinator: input.features.failoverCoordinator.value === `proxy[${input.index}]`,
    coordinatorIndex: coordinatorIndexOf(input.features.failoverCoordinator.value, proxy.failover?.coordinator),
    failoverCommand: proxy.failover?.failoverCommand ?? '',
    followPrimaryCommand: proxy.failover?.followPrimaryCommand ?? '',
  };
  const replication = replicationSettings(input.cluster, input.backends);
  const config: ProxyConfigDocument = {
    listen: input.listen,
    ...(input.metricsPort ? { metrics: { host: input.listen.host, port: input.metricsPort } } : {}),
    backends: backendDocuments(input.features, input.backends),
    pool: poolDocument(proxy.pooling, input.features),
    users,
    hba: hbaDocuments(proxy.hba, input.users),
    router: routerDocument(proxy.loadBalancing, input.features),
    logLevel: proxy.logLevel ?? 'info',
    ...monitoringSections({ index: input.index, health, replicationCheck, failover, monitorUser: monitor, replication }),
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
  };
}

/** The builtin proxy's monitor and failover sections (proxy/health, proxy/failover) from the tier's settings. */
export function monitoringSections(
  tier: Pick<ProxyTierConfig, 'index' | 'health' | 'replicationCheck' | 'failover' | 'monitorUser' | 'replication'>,
): Pick<ProxyConfigDocument, 'healthCheck' | 'replicationCheck' | 'monitor' | 'failover' | 'replication'> {
  const { health, replicationCheck, failover, monitorUser, replication } = tier;
  return {
    healthCheck: {
      periodMs: health.enabled ? health.periodMs : 0, timeoutMs: health.timeoutMs, retries: health.retries, retryDelayMs: health.retryDelayMs,
    },
    replicationCheck: { periodMs: replicationCheck.enabled ? replicationCheck.periodMs : 0 },
    ...(monitorUser ? { monitor: { user: monitorUser.name, ...(monitorUser.password ? { password: monitorUser.password } : {}) } } : {}),
    failover: {
      enabled: failover.enabled, onBackendError: failover.onBackendError, instanceIndex: tier.index,
      coordinatorIndex: failover.coordinatorIndex ?? 0,
      failoverCommand: failover.failoverCommand, followPrimaryCommand: failover.followPrimaryCommand,
    },
    ...(replication.mode === 'sync' ? { replication } : {}),
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

/** Topology secret reference → proxy config reference. Kubernetes Secrets have no meaning for a local process. */
export function proxySecretRef(reference: SecretRef, topologyDir: string): ProxySecretRef {
  if (reference.fromEnv !== undefined) return { env: reference.fromEnv };
  if (reference.fromFile !== undefined) {
    return { file: isAbsolute(reference.fromFile) ? reference.fromFile : resolve(topologyDir, reference.fromFile) };
  }
  throw new ProxyTierConfigError('a proxy password must come from fromEnv or fromFile (fromSecret works only on kubernetes clusters)');
}

function proxyUser(user: Pick<User, 'name' | 'password' | 'admin'>, topologyDir: string): ProxyUserDocument {
  return {
    name: user.name,
    ...(user.password ? { password: proxySecretRef(user.password, topologyDir) } : {}),
    admin: user.admin ?? false,
  };
}

function backendDocuments(features: EffectiveFeatures, addresses: BackendAddress[]): ProxyBackendDocument[] {
  const nodes = features.backends ?? [];
  return addresses.map((address, id) => {
    const node: EffectiveBackend | undefined = nodes.find((candidate) => candidate.name === address.name);
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

function poolDocument(pooling: Pooling | undefined, features: EffectiveFeatures): ProxyConfigDocument['pool'] {
  const optional = (value: string | number | undefined): number | undefined => (value === undefined ? undefined : durationMs(value));
  const document: ProxyConfigDocument['pool'] = {
    // Pooling off: a session-mode pool, so a client keeps its server connection for its whole session.
    mode: features.pooling.value === 'transaction' ? 'transaction' : 'session',
    size: pooling?.poolSize ?? DEFAULT_POOL_SIZE,
    maxClientConnections: pooling?.maxClientConnections,
    maxPools: pooling?.maxPools,
    maxServerConnections: pooling?.maxServerConnections || undefined,
    queueTimeoutMs: optional(pooling?.queueTimeout),
    idleTimeoutMs: optional(pooling?.serverIdleTimeout),
    lifetimeMs: optional(pooling?.serverLifetime),
  };
  return Object.fromEntries(Object.entries(document).filter(([, value]) => value !== undefined)) as ProxyConfigDocument['pool'];
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

function routerDocument(balancing: LoadBalancing | undefined, features: EffectiveFeatures): Record<string, unknown> {
  const redirect = (rules: { pattern: string; target: string; probability?: number }[] | undefined) => rules ?? [];
  return {
    loadBalancing: features.loadBalancing.value,
    disableLoadBalanceOnWrite: balancing?.disableLoadBalanceOnWrite ?? 'transaction',
    dmlAdaptiveDependencies: balancing?.dmlAdaptiveDependencies ?? {},
    writeFunctions: balancing?.writeFunctions ?? [],
    readOnlyFunctions: balancing?.readOnlyFunctions ?? [],
    primaryRoutingPatterns: balancing?.primaryRoutingPatterns ?? [],
    statementLevelLoadBalance: balancing?.statementLevelLoadBalance ?? false,
    redirectPreferences: {
      applicationName: redirect(balancing?.redirect?.applicationName),
      database: redirect(balancing?.redirect?.database),
      user: redirect(balancing?.redirect?.user),
    },
    delayThreshold: balancing?.delayThreshold === undefined ? 0 : sizeBytes(balancing.delayThreshold),
    delayThresholdByTime: balancing?.delayThresholdByTime === undefined ? 0 : durationMs(balancing.delayThresholdByTime),
    preferLowerDelayStandby: balancing?.preferLowerDelayStandby ?? false,
  };
}

function healthSettings(proxy: ProxyCommon, features: EffectiveFeatures): HealthCheckSettings {
  const check = proxy.healthCheck ?? {};
  const ms = (value: string | number | undefined, fallback: number): number => (value === undefined ? fallback : durationMs(value));
  return {
    enabled: features.healthCheck.value,
    periodMs: ms(check.period, DEFAULT_HEALTH.periodMs),
    timeoutMs: ms(check.timeout, DEFAULT_HEALTH.timeoutMs),
    retries: check.retries ?? DEFAULT_HEALTH.retries,
    retryDelayMs: ms(check.retryDelay, DEFAULT_HEALTH.retryDelayMs),
  };
}
