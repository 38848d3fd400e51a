// The builtin proxy's defaults: what a setting left out of its config file means. The one table of them — the
// reader (proxy/proxy-config.ts) applies it, the topology renderer (proxy-tier/proxy-tier-config.ts) leaves a
// setting the topology does not give out of the document (or takes it from here), and the Pgpool-II renderer
// reads the effective settings through it, so the engines and the topology schema's `default`s cannot disagree.
import type { HbaRule } from '../auth/hba.ts';
import type { FailoverConfig } from '../failover/failover-config.ts';
import type { HealthCheckTiming } from '../health/health-config.ts';
import type { PoolConfig } from '../proxy-config.ts';
import type { RouterConfig } from '../router/router-config.ts';
import type { TlsDocument } from './proxy-config-document.ts';
import type { WatchdogTiming } from '../watchdog/watchdog-timing.ts';

export const LISTEN_HOST = '127.0.0.1';
export const LOG_LEVEL = 'info';
/** One event loop: no worker threads (proxy/workers). */
export const WORKERS = 1;

export const POOL_DEFAULTS: PoolConfig = {
  mode: 'transaction',
  size: 20,
  maxServerConnections: 100,
  maxClientConnections: 1000,
  maxPools: 1000,
  emptyPoolTimeoutMs: 60_000,
  queueTimeoutMs: 10_000,
  connectTimeoutMs: 5_000,
  idleTimeoutMs: 600_000,
  lifetimeMs: 3_600_000,
  clientIdleTimeoutMs: 0,
  resetQuery: 'DISCARD ALL',
  trackPreparedStatements: true,
  maxPreparedStatements: 1000,
  shutdownGraceMs: 30_000,
};

export const ROUTER_DEFAULTS: RouterConfig = {
  loadBalancing: true,
  disableLoadBalanceOnWrite: 'transaction',
  dmlAdaptiveDependencies: {},
  writeFunctions: [],
  readOnlyFunctions: [],
  primaryRoutingPatterns: [],
  statementLevelLoadBalance: false,
  redirectPreferences: { applicationName: [], database: [], user: [] },
  delayThreshold: 0,
  delayThresholdByTime: 0,
  preferLowerDelayStandby: false,
  classificationCacheSize: 10_000,
};

/** A redirect preference without a probability sends every matching session. */
export const REDIRECT_PROBABILITY = 1;

/** A file without `healthCheck` runs no checks (periodMs 0): a hand-written config behaves like a plain pooler. */
export const HEALTH_CHECK_DEFAULTS: HealthCheckTiming = { periodMs: 0, timeoutMs: 5_000, retries: 3, retryDelayMs: 1_000 };

/** A file without `replicationCheck` measures no lag (Aurora lacks the WAL position functions). */
export const REPLICATION_CHECK_PERIOD_MS = 0;

/**
 * The periods a topology's checks get when its feature matrix turns them on and it names none: the renderer must
 * write some period then, since the proxy's own default (0) means off.
 */
export const HEALTH_CHECK_PERIOD_WHEN_ON_MS = 10_000;
export const REPLICATION_CHECK_PERIOD_WHEN_ON_MS = 10_000;

export const FAILOVER_DEFAULTS: FailoverConfig = {
  enabled: false,
  onBackendError: false,
  instanceIndex: 0,
  coordinatorIndex: 0,
  failoverCommand: '',
  followPrimaryCommand: '',
  priority: {},
  promoteTimeoutMs: 60_000,
};

/**
 * The watchdog's timing (proxy/watchdog/watchdog-timing.ts): a heartbeat a second, a member lost after three missed
 * ones, a new leader acting about six seconds after it wins (proxy/README.md, "Watchdog timing").
 */
export const WATCHDOG_TIMING_DEFAULTS: WatchdogTiming = { heartbeatIntervalMs: 1000, deadTimeMs: 3000, leaseMs: 3000, releaseTimeoutMs: 2000 };

/** The watchdog's UDP heartbeat port (Pgpool-II's wd_heartbeat_port); members on one host take it plus their index. */
export const WATCHDOG_HEARTBEAT_PORT = 9694;

export const MONITOR_DATABASE = 'postgres';

export const DEFAULT_HBA: HbaRule[] = [{ type: 'host', database: 'all', user: 'all', address: 'all', method: 'scram-sha-256' }];

export type TlsClientMode = NonNullable<TlsDocument['client']>;
export type TlsBackendMode = NonNullable<TlsDocument['backend']>;

/** A certificate is offered to clients that ask for TLS unless `client` says otherwise. */
export function tlsClientMode(tls: TlsDocument | undefined): TlsClientMode {
  return tls?.client ?? (tls?.certFile || tls?.certParameter ? 'allow' : 'disable');
}

export function tlsBackendMode(tls: TlsDocument | undefined): TlsBackendMode {
  return tls?.backend ?? 'prefer';
}
