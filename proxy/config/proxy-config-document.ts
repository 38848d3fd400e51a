/* Generated from proxy-config.schema.json by `npm run schema:types`. Do not edit by hand. */

/**
 * This interface was referenced by `ProxyConfigDocument`'s JSON-Schema
 * via the `definition` "Port".
 */
export type Port = number;
/**
 * This interface was referenced by `ProxyConfigDocument`'s JSON-Schema
 * via the `definition` "Millis".
 */
export type Millis = number;
/**
 * A literal, an environment variable, a file (trailing white space trimmed) or an SSM Parameter Store parameter (SecureString, read with decryption); resolved at load and reload time, never logged.
 *
 * This interface was referenced by `ProxyConfigDocument`'s JSON-Schema
 * via the `definition` "SecretRef".
 */
export type SecretRefDocument =
  | string
  | {
      env: string;
    }
  | {
      file: string;
    }
  | {
      /**
       * The parameter's name, e.g. /pgtopo/shop/orders/app-password.
       */
      ssm: string;
    };
/**
 * This interface was referenced by `ProxyConfigDocument`'s JSON-Schema
 * via the `definition` "Patterns".
 */
export type Patterns = string[];
/**
 * This interface was referenced by `ProxyConfigDocument`'s JSON-Schema
 * via the `definition` "RedirectRules".
 */
export type RedirectRules = RedirectRuleDocument[];

/**
 * The file `pgtopo proxy --config` reads (JSON or YAML). pgtopo renders it from the topology (proxy-tier/proxy-tier-config.ts); it can also be written by hand. Unset settings take the defaults of proxy/config/proxy-defaults.ts.
 */
export interface ProxyConfigDocument {
  listen: EndpointDocument;
  metrics?: EndpointDocument;
  tls?: TlsDocument;
  /**
   * @minItems 1
   */
  backends: BackendDocument[];
  pool?: PoolDocument;
  /**
   * @minItems 1
   */
  users: UserDocument[];
  /**
   * Client access rules, first match wins; no match rejects. Default: scram-sha-256 for every TCP client.
   */
  hba?: HbaRuleDocument[];
  router?: RouterDocument;
  logLevel?: 'debug' | 'info' | 'warn' | 'error';
  healthCheck?: HealthCheckDocument;
  replicationCheck?: ReplicationCheckDocument;
  monitor?: MonitorDocument;
  failover?: FailoverDocument;
  replication?: ReplicationDocument;
  dns?: DnsDocument;
}
/**
 * This interface was referenced by `ProxyConfigDocument`'s JSON-Schema
 * via the `definition` "Endpoint".
 */
export interface EndpointDocument {
  /**
   * Default 127.0.0.1.
   */
  host?: string;
  port: Port;
}
/**
 * TLS towards clients (certFile, keyFile, client) and towards the backends (backend, caFile). A client mode other than disable needs certFile, and backend verify-full needs caFile (checked by the reader, which names the missing file).
 *
 * This interface was referenced by `ProxyConfigDocument`'s JSON-Schema
 * via the `definition` "Tls".
 */
export interface TlsDocument {
  /**
   * PEM certificate presented to clients.
   */
  certFile?: string;
  /**
   * PEM private key of certFile.
   */
  keyFile?: string;
  /**
   * PEM CA bundle the backends' certificates are verified against.
   */
  caFile?: string;
  /**
   * disable: answer SSLRequest with N; allow: offer TLS; require: refuse plaintext clients. Default: allow with certFile, else disable.
   */
  client?: 'disable' | 'allow' | 'require';
  /**
   * Towards PostgreSQL, like libpq's sslmode. Default: prefer.
   */
  backend?: 'disable' | 'prefer' | 'require' | 'verify-full';
}
/**
 * This interface was referenced by `ProxyConfigDocument`'s JSON-Schema
 * via the `definition` "Backend".
 */
export interface BackendDocument {
  /**
   * node_id; default: the position in the list.
   */
  id?: number;
  name: string;
  host: string;
  port: Port;
  /**
   * Load-balance weight; 0 never gets reads.
   */
  weight?: number;
  /**
   * Hint until health checks know better.
   */
  role?: 'primary' | 'standby' | 'unknown';
  /**
   * ALWAYS_PRIMARY: the writer endpoint of a managed service.
   */
  alwaysPrimary?: boolean;
  /**
   * DISALLOW_TO_FAILOVER.
   */
  noFailover?: boolean;
}
/**
 * This interface was referenced by `ProxyConfigDocument`'s JSON-Schema
 * via the `definition` "Pool".
 */
export interface PoolDocument {
  mode?: 'transaction' | 'session';
  /**
   * Server connections per (backend, user, database).
   */
  size?: number;
  /**
   * Server connections across all pools.
   */
  maxServerConnections?: number;
  maxClientConnections?: number;
  /**
   * Pools a login may create; past it: 53300.
   */
  maxPools?: number;
  emptyPoolTimeoutMs?: Millis;
  queueTimeoutMs?: Millis;
  connectTimeoutMs?: Millis;
  idleTimeoutMs?: Millis;
  lifetimeMs?: Millis;
  clientIdleTimeoutMs?: Millis;
  resetQuery?: string;
  trackPreparedStatements?: boolean;
  /**
   * Transaction mode: distinct named prepared statements the proxy remembers, and each server connection keeps prepared; the least recently used beyond it are forgotten (closed on the server before its next transaction).
   */
  maxPreparedStatements?: number;
  shutdownGraceMs?: Millis;
}
/**
 * This interface was referenced by `ProxyConfigDocument`'s JSON-Schema
 * via the `definition` "User".
 */
export interface UserDocument {
  name: string;
  secret?: SecretRefDocument;
  password?: SecretRefDocument;
  admin?: boolean;
}
/**
 * This interface was referenced by `ProxyConfigDocument`'s JSON-Schema
 * via the `definition` "HbaRule".
 */
export interface HbaRuleDocument {
  type: 'host' | 'hostssl' | 'hostnossl';
  database: string;
  user: string;
  address: string;
  method: 'scram-sha-256' | 'md5' | 'trust' | 'reject';
}
/**
 * The query router's settings (proxy/router/router-config.ts).
 *
 * This interface was referenced by `ProxyConfigDocument`'s JSON-Schema
 * via the `definition` "Router".
 */
export interface RouterDocument {
  loadBalancing?: boolean;
  disableLoadBalanceOnWrite?: 'transaction' | 'trans_transaction' | 'always' | 'off' | 'dml_adaptive';
  dmlAdaptiveDependencies?: {
    [k: string]: Patterns;
  };
  writeFunctions?: Patterns;
  readOnlyFunctions?: Patterns;
  primaryRoutingPatterns?: Patterns;
  statementLevelLoadBalance?: boolean;
  redirectPreferences?: RedirectPreferencesDocument;
  /**
   * Bytes; 0: unchecked.
   */
  delayThreshold?: number;
  /**
   * Milliseconds; 0: unchecked.
   */
  delayThresholdByTime?: number;
  preferLowerDelayStandby?: boolean;
  classificationCacheSize?: number;
}
export interface RedirectPreferencesDocument {
  applicationName?: RedirectRules;
  database?: RedirectRules;
  user?: RedirectRules;
}
export interface RedirectRuleDocument {
  pattern: string;
  target: string;
  probability?: number;
}
/**
 * Backend monitor; absent or periodMs 0: off.
 *
 * This interface was referenced by `ProxyConfigDocument`'s JSON-Schema
 * via the `definition` "HealthCheck".
 */
export interface HealthCheckDocument {
  periodMs?: Millis;
  timeoutMs?: number;
  retries?: number;
  retryDelayMs?: Millis;
  /**
   * Per-node overrides by backend name.
   */
  nodes?: {
    [k: string]: HealthCheckTimingDocument;
  };
}
/**
 * This interface was referenced by `ProxyConfigDocument`'s JSON-Schema
 * via the `definition` "HealthCheckTiming".
 */
export interface HealthCheckTimingDocument {
  periodMs?: Millis;
  timeoutMs?: number;
  retries?: number;
  retryDelayMs?: Millis;
}
/**
 * Lag measurement for the router's delay thresholds; periodMs 0 or absent: off.
 */
export interface ReplicationCheckDocument {
  periodMs?: Millis;
}
/**
 * The role health checks, lag checks and promotion log in as; default: the first admin user.
 *
 * This interface was referenced by `ProxyConfigDocument`'s JSON-Schema
 * via the `definition` "Monitor".
 */
export interface MonitorDocument {
  user: string;
  password?: SecretRefDocument;
  database?: string;
}
/**
 * Off unless enabled.
 *
 * This interface was referenced by `ProxyConfigDocument`'s JSON-Schema
 * via the `definition` "Failover".
 */
export interface FailoverDocument {
  enabled?: boolean;
  onBackendError?: boolean;
  instanceIndex?: number;
  coordinatorIndex?: number;
  failoverCommand?: string;
  followPrimaryCommand?: string;
  /**
   * Tie-break between equally advanced standbys by backend name: higher first.
   */
  priority?: {
    [k: string]: number;
  };
  promoteTimeoutMs?: number;
}
/**
 * How the cluster acknowledges commits; async when absent.
 *
 * This interface was referenced by `ProxyConfigDocument`'s JSON-Schema
 * via the `definition` "Replication".
 */
export interface ReplicationDocument {
  mode?: 'async' | 'sync';
  syncStandbys?: number;
  syncCandidates?: string[];
}
/**
 * How backend host names are resolved: DNS answers are kept no longer than their TTL (proxy/backend/backend-address-resolver.ts).
 *
 * This interface was referenced by `ProxyConfigDocument`'s JSON-Schema
 * via the `definition` "Dns".
 */
export interface DnsDocument {
  /**
   * DNS servers to ask, as address or address:port; default: the system's (/etc/resolv.conf). Names they do not know go through the system lookup (/etc/hosts).
   *
   * @minItems 1
   */
  servers?: string[];
}
