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
 * What the leader moves: the topology's `proxy.ha.vip`, as written there.
 *
 * This interface was referenced by `ProxyConfigDocument`'s JSON-Schema
 * via the `definition` "Vip".
 */
export type VipDocument =
  ElasticIpVipDocument | SecondaryIpVipDocument | RouteTableVipDocument | DnsVipDocument | LinuxIpVipDocument;
/**
 * A literal, an environment variable, a file (trailing white space trimmed) or an SSM Parameter Store parameter (SecureString, read with decryption); resolved at load and reload time, never logged.
 */
export type SecretRefDocument1 =
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
  /**
   * On EC2, a proxy without a watchdog: once it listens for clients it tags its own instance with this key (the value: when), so a roll (providers/aws) terminates the proxy it replaces only after the successor serves. Needs ec2:CreateTags on the instance in its role. Absent: no tag.
   */
  servingTag?: string;
  /**
   * Event loops (worker threads) accepting on the listen port, sharing pool limits, admin views, metrics and one health check and failover; "auto": the cores this process may use. Default 1: one loop, no threads. Not with a watchdog.
   */
  workers?: number | 'auto';
  healthCheck?: HealthCheckDocument;
  replicationCheck?: ReplicationCheckDocument;
  monitor?: MonitorDocument;
  failover?: FailoverDocument;
  replication?: ReplicationDocument;
  dns?: DnsDocument;
  watchdog?: WatchdogDocument;
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
 * TLS towards clients (certFile and keyFile, or certParameter and keyParameter; client) and towards the backends (backend; caFile or caParameter). A client mode other than disable needs a certificate, and backend verify-full needs a CA (checked by the reader, which names the missing setting).
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
   * Instead of certFile: an SSM parameter whose value is the PEM certificate (chain) presented to clients, read with the config and at every reload; a new Version is a renewal (a proxy started from `ssm:` polls it).
   */
  certParameter?: string;
  /**
   * Instead of keyFile: an SSM parameter (a SecureString) whose value is the PEM private key of certParameter.
   */
  keyParameter?: string;
  /**
   * Instead of caFile: an SSM parameter whose value is the PEM CA bundle the backends' certificates are verified against.
   */
  caParameter?: string;
  /**
   * disable: answer SSLRequest with N; allow: offer TLS; require: refuse plaintext clients. Default: allow with certFile or certParameter, else disable.
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
/**
 * Proxy-tier HA (proxy/watchdog): the members elect a leader with a quorum, and only the leader holds the VIP and runs failovers. Absent: no watchdog, failover.coordinatorIndex decides who promotes.
 *
 * This interface was referenced by `ProxyConfigDocument`'s JSON-Schema
 * via the `definition` "Watchdog".
 */
export interface WatchdogDocument {
  /**
   * This proxy's index in `members`.
   */
  self: number;
  /**
   * @minItems 1
   */
  members: WatchdogMemberDocument[];
  vip: VipDocument;
  /**
   * A directory only this member writes: its term and vote are kept there (watchdog-term.json, replaced atomically), so a restarted member never votes twice in one term. Absent: kept in memory only.
   */
  stateDir?: string;
  authKey?: SecretRefDocument1;
  /**
   * On EC2: once this member knows a leader, it tags its own instance with this key (the value: when), so a roll of the tier (providers/aws) waits for the successor to have joined before the next member goes. Needs ec2:CreateTags on the instance in its role. Absent: no tag.
   */
  joinedTag?: string;
  /**
   * For an `ip` VIP: while holding it, the proxy also listens on the VIP at this port (unless `listen` already covers every address), so every member's clients use one address and port.
   */
  vipPort?: number;
  /**
   * Every member sends a heartbeat to every other this often.
   */
  heartbeatIntervalMs?: number;
  /**
   * A member not heard from for this long is lost (Pgpool-II's wd_heartbeat_deadtime).
   */
  deadTimeMs?: number;
  /**
   * A leader holds the VIP only while a quorum acknowledged one of its heartbeats sent within this long; more than heartbeatIntervalMs.
   */
  leaseMs?: number;
  /**
   * A VIP release taking longer is abandoned and retried; part of the wait before a new leader takes the VIP.
   */
  releaseTimeoutMs?: number;
}
/**
 * One proxy of the tier, as every member lists it (the same order everywhere: a member is named by its index).
 *
 * This interface was referenced by `ProxyConfigDocument`'s JSON-Schema
 * via the `definition` "WatchdogMember".
 */
export interface WatchdogMemberDocument {
  /**
   * For logs and SHOW WATCHDOG, e.g. `proxy[0]`.
   */
  name: string;
  /**
   * The address its heartbeats come from and go to (its own address, for this member: where it listens).
   */
  host: string;
  /**
   * Its UDP heartbeat port.
   */
  port: number;
}
/**
 * Move an Elastic IP to the leader (AssociateAddress). Works across AZs; clients come over the internet, so proxies need public subnets.
 *
 * This interface was referenced by `ProxyConfigDocument`'s JSON-Schema
 * via the `definition` "ElasticIpVip".
 */
export interface ElasticIpVipDocument {
  /**
   * VIP method.
   */
  type: 'elastic-ip';
  /**
   * The Elastic IP's allocation id (`eipalloc-…`).
   */
  allocationId: string;
  /**
   * The public address, for documentation and status output.
   */
  address?: string;
}
/**
 * Move a secondary private IP to the leader's ENI (AssignPrivateIpAddresses). One subnet only, so one AZ.
 *
 * This interface was referenced by `ProxyConfigDocument`'s JSON-Schema
 * via the `definition` "SecondaryIpVip".
 */
export interface SecondaryIpVipDocument {
  /**
   * VIP method.
   */
  type: 'secondary-ip';
  /**
   * The private address, inside the proxies' subnet.
   */
  address: string;
}
/**
 * Point a /32 route for the VIP at the leader instance (CreateRoute/ReplaceRoute). Works across AZs inside the VPC; the VIP must lie outside the VPC CIDR.
 *
 * This interface was referenced by `ProxyConfigDocument`'s JSON-Schema
 * via the `definition` "RouteTableVip".
 */
export interface RouteTableVipDocument {
  /**
   * VIP method.
   */
  type: 'route-table';
  /**
   * The VIP, outside the VPC CIDR.
   */
  address: string;
  /**
   * Route tables to update (`rtb-…`).
   *
   * @minItems 1
   *
   * Items: A route table id: `rtb-` and hex digits.
   */
  routeTables: string[];
}
/**
 * UPSERT a Route 53 A record to the leader's address. Clients see a change only after the TTL.
 *
 * This interface was referenced by `ProxyConfigDocument`'s JSON-Schema
 * via the `definition` "DnsVip".
 */
export interface DnsVipDocument {
  /**
   * VIP method.
   */
  type: 'dns';
  /**
   * Route 53 hosted zone id.
   */
  hostedZoneId: string;
  /**
   * The record clients connect to, e.g. `db.internal.example.com`.
   */
  recordName: string;
  /**
   * Record TTL in seconds.
   */
  ttl?: number;
}
/**
 * A classic virtual IP added to a network interface with gratuitous ARP (on-premises and local only; it does not work in the cloud).
 *
 * This interface was referenced by `ProxyConfigDocument`'s JSON-Schema
 * via the `definition` "LinuxIpVip".
 */
export interface LinuxIpVipDocument {
  /**
   * VIP method.
   */
  type: 'ip';
  /**
   * The virtual IP.
   */
  address: string;
  /**
   * Interface to add it to.
   */
  interface?: string;
  /**
   * Prefix length of the address.
   */
  prefixLength?: number;
}
