/* Generated from topology.schema.json by `npm run schema:types`. Do not edit by hand. */

/**
 * One PostgreSQL cluster and its proxy tier. `environment` says where PostgreSQL runs.
 *
 * This interface was referenced by `Topology`'s JSON-Schema
 * via the `definition` "Cluster".
 */
export type Cluster = {
  /**
   * Where PostgreSQL runs.
   */
  environment: 'local' | 'ec2' | 'rds' | 'aurora' | 'kubernetes';
} & Cluster1;
export type Cluster1 = LocalCluster | Ec2Cluster | RdsCluster | AuroraCluster | KubernetesCluster;
/**
 * PostgreSQL provisioned by pgtopo on this machine: one primary and streaming standbys, plus proxy processes.
 *
 * This interface was referenced by `Topology`'s JSON-Schema
 * via the `definition` "LocalCluster".
 */
export type LocalCluster = ClusterCommon & {
  /**
   * Where PostgreSQL runs.
   */
  environment: 'local';
  /**
   * The PostgreSQL instances pgtopo runs.
   */
  postgres?: {
    /**
     * Instances: one primary, the rest streaming standbys.
     */
    instances?: number;
    /**
     * Port of the first instance; the others use the next ports. Default: free ports are allocated.
     */
    port?: number;
    /**
     * Extra postgresql.conf settings.
     */
    parameters?: {
      /**
       * A setting's value, on one line: postgresql.conf holds no line break or NUL in a value.
       */
      [k: string]: string | number | boolean;
    };
    replication?: Replication;
  };
  proxy?: LocalProxy;
};
/**
 * The proxy tier of a local cluster: processes on this machine.
 *
 * This interface was referenced by `Topology`'s JSON-Schema
 * via the `definition` "LocalProxy".
 */
export type LocalProxy = ProxyCommon;
/**
 * Periodic health check of each backend node by the proxy. Defaults to the environment's feature matrix.
 *
 * This interface was referenced by `Topology`'s JSON-Schema
 * via the `definition` "HealthCheck".
 */
export type HealthCheck = HealthCheckTiming & {
  /**
   * Check backend health and detach dead nodes. Default: on for local and ec2, off elsewhere.
   */
  enabled?: boolean;
  /**
   * Per-node overrides of the timing, by backend node name.
   */
  nodes?: {
    [k: string]: HealthCheckOverride;
  };
};
/**
 * Health-check timing for one node, overriding the cluster's.
 *
 * This interface was referenced by `Topology`'s JSON-Schema
 * via the `definition` "HealthCheckOverride".
 */
export type HealthCheckOverride = HealthCheckTiming;
/**
 * How clients reach the watchdog's leader proxy.
 *
 * This interface was referenced by `Topology`'s JSON-Schema
 * via the `definition` "Vip".
 */
export type Vip = {
  /**
   * VIP method.
   */
  type: 'elastic-ip' | 'secondary-ip' | 'route-table' | 'dns' | 'ip';
} & Vip1;
export type Vip1 = ElasticIpVip | SecondaryIpVip | RouteTableVip | DnsVip | LinuxIpVip;
/**
 * Self-managed PostgreSQL on EC2 instances; the proxies own HA (health check, failover).
 *
 * This interface was referenced by `Topology`'s JSON-Schema
 * via the `definition` "Ec2Cluster".
 */
export type Ec2Cluster = ClusterCommon & {
  /**
   * Where PostgreSQL runs.
   */
  environment: 'ec2';
  region: AwsRegion;
  vpc?: Vpc;
  backends: Ec2Backends;
  proxy?: AwsProxy;
};
/**
 * AWS region, e.g. `ap-northeast-1`: lowercase, as AWS writes it.
 *
 * This interface was referenced by `Topology`'s JSON-Schema
 * via the `definition` "AwsRegion".
 */
export type AwsRegion = string;
/**
 * The proxy tier of an ec2, rds or aurora cluster: EC2 instances.
 *
 * This interface was referenced by `Topology`'s JSON-Schema
 * via the `definition` "AwsProxy".
 */
export type AwsProxy = ProxyCommon & Ec2Placement;
/**
 * Amazon RDS for PostgreSQL: the primary instance and its read replicas are discovered. AWS owns failover.
 *
 * This interface was referenced by `Topology`'s JSON-Schema
 * via the `definition` "RdsCluster".
 */
export type RdsCluster = ClusterCommon & {
  /**
   * Where PostgreSQL runs.
   */
  environment: 'rds';
  region: AwsRegion;
  vpc?: Vpc;
  /**
   * Identifier of the primary DB instance; its read replicas become the reader.
   */
  dbInstance: string;
  proxy?: AwsProxy;
};
/**
 * Amazon Aurora PostgreSQL: the writer (cluster) and reader endpoints are discovered. AWS owns failover.
 *
 * This interface was referenced by `Topology`'s JSON-Schema
 * via the `definition` "AuroraCluster".
 */
export type AuroraCluster = ClusterCommon & {
  /**
   * Where PostgreSQL runs.
   */
  environment: 'aurora';
  region: AwsRegion;
  vpc?: Vpc;
  /**
   * Identifier of the Aurora DB cluster.
   */
  dbCluster: string;
  backends?: AuroraBackends;
  proxy?: AwsProxy;
};
/**
 * PostgreSQL run by an operator on Kubernetes; the proxies use its primary and replica Services. The operator owns failover.
 *
 * This interface was referenced by `Topology`'s JSON-Schema
 * via the `definition` "KubernetesCluster".
 */
export type KubernetesCluster = ClusterCommon & {
  /**
   * Where PostgreSQL runs.
   */
  environment: 'kubernetes';
  /**
   * Namespace of the database and of the proxies.
   */
  namespace: string;
  /**
   * kubeconfig context. Default: the current context.
   */
  context?: string;
  /**
   * The database: an operator's cluster name, or the two Services given explicitly.
   */
  postgres: {
    /**
     * The operator running PostgreSQL; its Service and Secret naming conventions are used.
     */
    operator?: 'cloudnativepg' | 'zalando' | 'crunchy' | 'edb' | 'kubedb';
    /**
     * The operator's cluster (or database) name.
     */
    cluster?: string;
    /**
     * Service that always points at the primary.
     */
    primaryService?: string;
    /**
     * Service that spreads over the replicas.
     */
    replicaService?: string;
    /**
     * PostgreSQL port of the Services.
     */
    port?: number;
    /**
     * Replicas behind the replica Service; the reader's weight, so reads spread evenly. `plan` and `apply` weigh the reader by the ready endpoints of the replica Service instead (0 sends reads to the primary); this is the weight `pgtopo render --format kubernetes` writes.
     */
    replicas?: number;
  };
  proxy?: KubernetesProxy;
};
/**
 * The proxy tier of a kubernetes cluster: a Deployment behind a Service.
 *
 * This interface was referenced by `Topology`'s JSON-Schema
 * via the `definition` "KubernetesProxy".
 */
export type KubernetesProxy = ProxyCommon & KubernetesPlacement;
/**
 * A duration: `500ms`, `5s`, `10m`, `1h`, or a whole number of seconds. 0 turns the setting off.
 *
 * This interface was referenced by `Topology`'s JSON-Schema
 * via the `definition` "Duration".
 */
export type Duration = string | number;
/**
 * A size in bytes: `512kB`, `10MB`, `1GB`, or a whole number of bytes. 0 turns the setting off.
 *
 * This interface was referenced by `Topology`'s JSON-Schema
 * via the `definition` "ByteSize".
 */
export type ByteSize = string | number;

/**
 * A pgtopo topology: named PostgreSQL clusters, where each one runs, and the proxy tier in front of it.
 */
export interface Topology {
  /**
   * Format version of this file. Always 1.
   */
  version: 1;
  /**
   * Name of the topology. Names the state, and prefixes cloud resources and Kubernetes objects. Lowercase letters, digits and dashes, starting with a letter; at most 40 characters.
   */
  name: string;
  /**
   * Free text shown in plans and status output.
   */
  description?: string;
  state?: StateSettings;
  /**
   * Users the proxies accept, for every cluster unless a cluster declares its own `users`.
   */
  users?: User[];
  /**
   * The clusters, by name. A cluster name is used in resource addresses such as `orders.proxy[0]`.
   */
  clusters: {
    [k: string]: Cluster;
  };
}
/**
 * Where pgtopo keeps its state: what it created and their ids.
 *
 * This interface was referenced by `Topology`'s JSON-Schema
 * via the `definition` "StateSettings".
 */
export interface StateSettings {
  /**
   * `local`: a JSON file beside the topology file, locked with a lock file. `postgres`: a table in a PostgreSQL database, locked with an advisory lock (for teams and CI). `s3`: an object in an S3 bucket, locked with a lock object created by a conditional write (for CI runners without a shared disk).
   */
  backend?: 'local' | 'postgres' | 's3';
  /**
   * local backend: the state file, relative to the topology file.
   */
  path?: string;
  connection?: SecretRef;
  /**
   * postgres backend: the table holding one row per topology.
   */
  table?: string;
  /**
   * s3 backend: the bucket holding the state object (turn on versioning to keep every earlier state).
   */
  bucket?: string;
  /**
   * s3 backend: the state object's key, e.g. `pgtopo/shop.json`. The lock is `<key>.lock`, the digest key for secrets `<key>.key`.
   */
  key?: string;
  /**
   * s3 backend: the bucket's region; without it the AWS SDK's usual region settings (AWS_REGION, the profile) apply.
   */
  region?: string;
  /**
   * s3 backend: a KMS key (id, ARN or alias) to encrypt the state, lock and digest key objects with (SSE-KMS); without it the bucket's default encryption applies.
   */
  kmsKeyId?: string;
  /**
   * s3 backend: address the bucket as `<endpoint>/<bucket>/<key>` instead of `<bucket>.<endpoint>/<key>`, for S3-compatible stores that need it (the AWS SDK for JavaScript reads no environment variable for this).
   */
  forcePathStyle?: boolean;
}
/**
 * postgres backend: the connection string (a secret, since it may hold a password).
 */
export interface SecretRef {
  /**
   * Name of an environment variable holding the secret.
   */
  fromEnv?: string;
  /**
   * Path of a file holding the secret (relative to the topology file). Trailing newlines are ignored.
   */
  fromFile?: string;
  /**
   * A Kubernetes Secret in the cluster's namespace (kubernetes clusters only).
   */
  fromSecret?: {
    /**
     * Name of the Secret.
     */
    name: string;
    /**
     * Key inside the Secret's data.
     */
    key: string;
  };
}
/**
 * A user the proxy accepts and uses towards PostgreSQL.
 *
 * This interface was referenced by `Topology`'s JSON-Schema
 * via the `definition` "User".
 */
export interface User {
  /**
   * PostgreSQL role name, without white space, `:`, `,` or quotes (it is written into the proxy's user files).
   */
  name: string;
  password?: SecretRef1;
  /**
   * How clients authenticate to the proxy as this user.
   */
  auth?: 'scram-sha-256' | 'md5' | 'trust';
  /**
   * May use the proxy's admin console (database `pgtopo`).
   */
  admin?: boolean;
}
/**
 * The user's password. Required unless `auth` is `trust`.
 */
export interface SecretRef1 {
  /**
   * Name of an environment variable holding the secret.
   */
  fromEnv?: string;
  /**
   * Path of a file holding the secret (relative to the topology file). Trailing newlines are ignored.
   */
  fromFile?: string;
  /**
   * A Kubernetes Secret in the cluster's namespace (kubernetes clusters only).
   */
  fromSecret?: {
    /**
     * Name of the Secret.
     */
    name: string;
    /**
     * Key inside the Secret's data.
     */
    key: string;
  };
}
/**
 * Keys every cluster has.
 *
 * This interface was referenced by `Topology`'s JSON-Schema
 * via the `definition` "ClusterCommon".
 */
export interface ClusterCommon {
  /**
   * Free text shown in plans and status output.
   */
  description?: string;
  /**
   * Users of this cluster's proxies, replacing the topology's `users`.
   */
  users?: User[];
}
/**
 * How a commit is acknowledged. `async` (the default): as soon as the primary has it; a failover can lose the last acknowledged commits. `sync`: only once `syncStandbys` standbys have it on disk too (synchronous_standby_names = 'ANY n (...)' over every instance), and a failover promotes only a standby that has every acknowledged commit, or none. Writes then wait while fewer than `syncStandbys` standbys stream.
 *
 * This interface was referenced by `Topology`'s JSON-Schema
 * via the `definition` "Replication".
 */
export interface Replication {
  /**
   * `async`: a commit returns once the primary flushed it. `sync`: once the primary and `syncStandbys` standbys flushed it (synchronous_commit = on).
   */
  mode?: 'async' | 'sync';
  /**
   * sync: how many standbys must have flushed a commit before it returns. At most `instances` − 1.
   */
  syncStandbys?: number;
}
/**
 * Settings of the proxy tier shared by every environment.
 *
 * This interface was referenced by `Topology`'s JSON-Schema
 * via the `definition` "ProxyCommon".
 */
export interface ProxyCommon {
  /**
   * `builtin`: pgtopo's own proxy. `pgpool2`: Pgpool-II, configured from the same settings.
   */
  engine?: 'builtin' | 'pgpool2';
  /**
   * Number of proxy instances (processes, EC2 instances or Kubernetes replicas).
   */
  instances?: number;
  /**
   * Port clients connect to. Local proxies listen on port, port+1, … one per instance.
   */
  port?: number;
  /**
   * Port of the Prometheus /metrics and /healthz endpoint. Local proxies use metricsPort+i. 0 (the default): no endpoint, except on kubernetes, where the probes need /healthz and 0 means 9187.
   */
  metricsPort?: number;
  pooling?: Pooling;
  loadBalancing?: LoadBalancing;
  healthCheck?: HealthCheck;
  failover?: Failover;
  replicationCheck?: ReplicationCheck;
  monitor?: MonitorUser;
  ha?: ProxyHa;
  tls?: Tls;
  /**
   * Client access rules. Default: every user from anywhere, with the user's `auth` method.
   */
  hba?: HbaRule[];
  /**
   * Proxy log level.
   */
  logLevel?: 'debug' | 'info' | 'warn' | 'error';
  /**
   * Builtin proxy: event loops (worker threads) per proxy accepting on its port, with one set of pool limits, admin views, metrics, health check and failover; `auto`: the cores the proxy process may use. Not with the watchdog (`ha.method: watchdog`). Does not apply to `engine: pgpool2`, which sizes its processes with num_init_children (poolSize).
   */
  workers?: number | 'auto';
}
/**
 * Connection pooling between the proxy and PostgreSQL.
 *
 * This interface was referenced by `Topology`'s JSON-Schema
 * via the `definition` "Pooling".
 */
export interface Pooling {
  /**
   * Reuse server connections across clients.
   */
  enabled?: boolean;
  /**
   * `transaction`: a server connection is lent for one transaction. `session`: for the client's whole session.
   */
  mode?: 'transaction' | 'session';
  /**
   * Server connections per pool; a pool is one (backend node, user, database).
   */
  poolSize?: number;
  /**
   * Client connections a proxy accepts in total; more get SQLSTATE 53300.
   */
  maxClientConnections?: number;
  /**
   * Builtin engine: pools a proxy keeps at most; a login that needs one more (a new user and database pair) gets SQLSTATE 53300. Pools left without server connections are forgotten after a minute.
   */
  maxPools?: number;
  /**
   * Server connections a proxy opens across all its pools; when they are all taken, idle ones of other pools are closed for a starved pool.
   */
  maxServerConnections?: number;
  /**
   * How long a client waits for a server connection when its pool is exhausted.
   */
  queueTimeout?: string | number;
  /**
   * Close server connections idle in the pool this long.
   */
  serverIdleTimeout?: string | number;
  /**
   * Close server connections this old once they are idle.
   */
  serverLifetime?: string | number;
  /**
   * Disconnect clients idle outside a transaction this long. 0: never.
   */
  clientIdleTimeout?: string | number;
}
/**
 * Read/write splitting and read load balancing. The rules are in the routing spec.
 *
 * This interface was referenced by `Topology`'s JSON-Schema
 * via the `definition` "LoadBalancing".
 */
export interface LoadBalancing {
  /**
   * Balance reads across the primary and eligible standbys.
   */
  enabled?: boolean;
  /**
   * Read weight per backend node name (for example `writer`, `reader`, `pg0`). 0 never gets reads. Unlisted nodes weigh 1.
   */
  weights?: {
    [k: string]: number;
  };
  /**
   * What a write does to later reads: `transaction` (rest of the transaction on the primary), `trans_transaction` (also later transactions), `always` (whole session), `off`, `dml_adaptive` (only reads of the written tables).
   */
  disableLoadBalanceOnWrite?: 'transaction' | 'trans_transaction' | 'always' | 'off' | 'dml_adaptive';
  /**
   * dml_adaptive: tables whose reads also go to the primary after a write to the key table.
   */
  dmlAdaptiveDependencies?: {
    [k: string]: string[];
  };
  /**
   * Regular expressions of function names that are writes even if the catalog says they are read-only.
   */
  writeFunctions?: string[];
  /**
   * Regular expressions of function names that are read-only even if the catalog says they are volatile.
   */
  readOnlyFunctions?: string[];
  /**
   * Regular expressions over the statement text (case-insensitive) that force the primary.
   */
  primaryRoutingPatterns?: string[];
  /**
   * Choose the read node per statement instead of per session.
   */
  statementLevelLoadBalance?: boolean;
  /**
   * Redirect preferences, tried by application name, then database, then user; the first match wins.
   */
  redirect?: {
    /**
     * Rules matched against application_name.
     */
    applicationName?: RedirectRule[];
    /**
     * Rules matched against the database name.
     */
    database?: RedirectRule[];
    /**
     * Rules matched against the user name.
     */
    user?: RedirectRule[];
  };
  /**
   * A standby replaying more than this many bytes behind the primary gets no reads. 0: no limit.
   */
  delayThreshold?: string | number;
  /**
   * A standby whose replay lag exceeds this gets no reads. 0: no limit.
   */
  delayThresholdByTime?: string | number;
  /**
   * When a standby is over the lag limit, send its reads to the least-lagging eligible standby instead of the primary.
   */
  preferLowerDelayStandby?: boolean;
}
/**
 * Send sessions whose name matches `pattern` to `target`, with an optional probability.
 *
 * This interface was referenced by `Topology`'s JSON-Schema
 * via the `definition` "RedirectRule".
 */
export interface RedirectRule {
  /**
   * A regular expression matched against the whole name.
   */
  pattern: string;
  /**
   * `primary`, `standby`, or a backend node name.
   */
  target: string;
  /**
   * Share of matching sessions sent to the target (0.0–1.0); the rest are balanced as usual.
   */
  probability?: number;
}
/**
 * Health-check timing.
 *
 * This interface was referenced by `Topology`'s JSON-Schema
 * via the `definition` "HealthCheckTiming".
 */
export interface HealthCheckTiming {
  /**
   * Time between checks of a node.
   */
  period?: string | number;
  /**
   * A check taking longer than this failed.
   */
  timeout?: string | number;
  /**
   * Failed checks retried before the node is down.
   */
  retries?: number;
  /**
   * Time between retries.
   */
  retryDelay?: string | number;
}
/**
 * Automatic failover when the primary is lost. Only where the proxy owns PostgreSQL HA (local, ec2).
 *
 * This interface was referenced by `Topology`'s JSON-Schema
 * via the `definition` "Failover".
 */
export interface Failover {
  /**
   * Promote a standby when the primary is lost. Default: on for local and ec2, off elsewhere.
   */
  enabled?: boolean;
  /**
   * Treat an I/O error on a client's server connection as a node failure (Pgpool-II's failover_on_backend_error). Default: off.
   */
  onBackendError?: boolean;
  /**
   * Promotion priority per node name, used to break ties in replay position (higher wins).
   */
  priority?: {
    [k: string]: number;
  };
  /**
   * Index of the proxy instance that runs failovers when the watchdog does not decide.
   */
  coordinator?: number;
  /**
   * Shell command run before promotion. Placeholders: %d failed node id, %h its host, %p its port, %m new primary id, %H its host, %P its port.
   */
  failoverCommand?: string;
  /**
   * Shell command run for each remaining standby after promotion; same placeholders as failoverCommand.
   */
  followPrimaryCommand?: string;
}
/**
 * Periodic replication-lag check (Pgpool-II's sr_check). Feeds the lag thresholds of load balancing.
 *
 * This interface was referenced by `Topology`'s JSON-Schema
 * via the `definition` "ReplicationCheck".
 */
export interface ReplicationCheck {
  /**
   * Measure replication lag. Default: on for local, ec2 and rds; off for aurora and kubernetes.
   */
  enabled?: boolean;
  /**
   * Time between measurements.
   */
  period?: string | number;
}
/**
 * The role the proxy uses for health checks, lag checks and promotion (needs pg_monitor; promotion needs EXECUTE on pg_promote).
 *
 * This interface was referenced by `Topology`'s JSON-Schema
 * via the `definition` "MonitorUser".
 */
export interface MonitorUser {
  /**
   * Role name, without white space, `:`, `,` or quotes.
   */
  name: string;
  password?: SecretRef2;
}
/**
 * Its password.
 */
export interface SecretRef2 {
  /**
   * Name of an environment variable holding the secret.
   */
  fromEnv?: string;
  /**
   * Path of a file holding the secret (relative to the topology file). Trailing newlines are ignored.
   */
  fromFile?: string;
  /**
   * A Kubernetes Secret in the cluster's namespace (kubernetes clusters only).
   */
  fromSecret?: {
    /**
     * Name of the Secret.
     */
    name: string;
    /**
     * Key inside the Secret's data.
     */
    key: string;
  };
}
/**
 * High availability of the proxy tier itself.
 *
 * This interface was referenced by `Topology`'s JSON-Schema
 * via the `definition` "ProxyHa".
 */
export interface ProxyHa {
  /**
   * `watchdog`: proxies elect a leader that holds the VIP. `nlb-autoscaling`: an AWS Network Load Balancer in front of an Auto Scaling group. `none`.
   */
  method: 'watchdog' | 'nlb-autoscaling' | 'none';
  vip?: Vip;
  /**
   * nlb-autoscaling: the load balancer.
   */
  nlb?: {
    /**
     * Reachable only inside the VPC, or from the internet.
     */
    scheme?: 'internal' | 'internet-facing';
    /**
     * Balance across availability zones.
     */
    crossZone?: boolean;
  };
  /**
   * nlb-autoscaling: the Auto Scaling group's size; defaults to the proxy's `instances`.
   */
  autoScaling?: {
    /**
     * Minimum instances.
     */
    minSize?: number;
    /**
     * Maximum instances.
     */
    maxSize?: number;
  };
}
/**
 * Move an Elastic IP to the leader (AssociateAddress). Works across AZs; clients come over the internet, so proxies need public subnets.
 *
 * This interface was referenced by `Topology`'s JSON-Schema
 * via the `definition` "ElasticIpVip".
 */
export interface ElasticIpVip {
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
 * This interface was referenced by `Topology`'s JSON-Schema
 * via the `definition` "SecondaryIpVip".
 */
export interface SecondaryIpVip {
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
 * This interface was referenced by `Topology`'s JSON-Schema
 * via the `definition` "RouteTableVip".
 */
export interface RouteTableVip {
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
  routeTables: [string, ...string[]];
}
/**
 * UPSERT a Route 53 A record to the leader's address. Clients see a change only after the TTL.
 *
 * This interface was referenced by `Topology`'s JSON-Schema
 * via the `definition` "DnsVip".
 */
export interface DnsVip {
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
 * This interface was referenced by `Topology`'s JSON-Schema
 * via the `definition` "LinuxIpVip".
 */
export interface LinuxIpVip {
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
/**
 * TLS between clients and the proxy, and between the proxy and PostgreSQL.
 *
 * This interface was referenced by `Topology`'s JSON-Schema
 * via the `definition` "Tls".
 */
export interface Tls {
  /**
   * PEM certificate presented to clients. local: a file on this machine (relative to the topology file); ec2, rds and aurora: an absolute path on the proxy instances, which their AMI (`ami`) provides.
   */
  certFile?: string;
  /**
   * PEM private key of the certificate, found like `certFile`.
   */
  keyFile?: string;
  /**
   * PEM CA bundle used to verify PostgreSQL servers (backend `verify-full`), found like `certFile` (on the default AMI, Debian's `/etc/ssl/certs/ca-certificates.crt` exists).
   */
  caFile?: string;
  /**
   * ec2, rds and aurora, instead of `certFile` and an AMI of yours: the name of an SSM parameter (a String, Advanced tier when the chain is over 4 KB) whose value is the PEM certificate chain presented to clients. The proxies read it at start; the builtin proxy takes a new Version (a renewal) without a restart, Pgpool-II restarts for it. pgtopo reads neither it nor the key, and plan checks that they exist.
   */
  certParameter?: string;
  /**
   * With `certParameter`: the name of the SSM SecureString parameter whose value is the certificate's PEM private key.
   */
  keyParameter?: string;
  /**
   * ec2, rds and aurora, instead of `caFile`: the name of an SSM parameter whose value is the PEM CA bundle used to verify PostgreSQL servers.
   */
  caParameter?: string;
  /**
   * kubernetes clusters, instead of `certFile` and `keyFile`: a Secret of type kubernetes.io/tls in the cluster's namespace (`tls.crt`, `tls.key`, as cert-manager and `kubectl create secret tls` write them), mounted into the proxy pods. A renewed certificate reaches the builtin proxy without a restart.
   */
  certSecret?: string;
  /**
   * kubernetes clusters, instead of `caFile`: a Secret in the cluster's namespace whose `ca.crt` verifies PostgreSQL servers (cert-manager's key; CloudNativePG's `<cluster>-ca` Secret holds it).
   */
  caSecret?: string;
  /**
   * Client side: `disable` answers SSLRequest with no, `allow` offers TLS, `require` rejects plain connections. Default: `allow` when `certFile` or `certSecret` is set, else `disable`.
   */
  client?: 'disable' | 'allow' | 'require';
  /**
   * Server side, like libpq's sslmode.
   */
  backend?: 'disable' | 'prefer' | 'require' | 'verify-full';
}
/**
 * A client access rule, as in pg_hba.conf. Rules are tried in order; the first match decides.
 *
 * This interface was referenced by `Topology`'s JSON-Schema
 * via the `definition` "HbaRule".
 */
export interface HbaRule {
  /**
   * `host` matches any TCP connection, `hostssl` only TLS ones, `hostnossl` only plain ones.
   */
  type?: 'host' | 'hostssl' | 'hostnossl';
  /**
   * Database name, comma list, or `all`; no white space.
   */
  database?: string;
  /**
   * User name, comma list, or `all`; no white space.
   */
  user?: string;
  /**
   * Client address as CIDR (`10.0.0.0/8`, `::1/128`) or `all`.
   */
  address?: string;
  /**
   * `reject` refuses; the others authenticate the client that way.
   */
  method: 'scram-sha-256' | 'md5' | 'trust' | 'reject';
}
/**
 * What pgtopo knows of the VPC, for validation (a route-table VIP must lie outside the CIDR; an Elastic IP needs public subnets).
 *
 * This interface was referenced by `Topology`'s JSON-Schema
 * via the `definition` "Vpc".
 */
export interface Vpc {
  /**
   * VPC id (`vpc-…`).
   */
  id?: string;
  /**
   * The VPC's IPv4 CIDR block, e.g. `10.0.0.0/16`.
   */
  cidr?: string;
  /**
   * Which of the proxies' subnets are public (routed to an internet gateway). Unlisted subnets count as private.
   *
   * Items: A subnet id: `subnet-` and hex digits.
   */
  publicSubnets?: string[];
}
/**
 * The PostgreSQL servers of an ec2 cluster: give either `discover` (by EC2 tags) or `static` (a list).
 *
 * This interface was referenced by `Topology`'s JSON-Schema
 * via the `definition` "Ec2Backends".
 */
export interface Ec2Backends {
  /**
   * Find the instances by tags; PostgreSQL listens on `port` of their private address.
   */
  discover?: {
    /**
     * Tags every PostgreSQL instance carries.
     */
    tags: {
      [k: string]: string;
    };
    /**
     * PostgreSQL port on those instances.
     */
    port?: number;
  };
  /**
   * A fixed list of servers.
   *
   * @minItems 1
   */
  static?: [BackendNode, ...BackendNode[]];
}
/**
 * A PostgreSQL server the proxy fronts.
 *
 * This interface was referenced by `Topology`'s JSON-Schema
 * via the `definition` "BackendNode".
 */
export interface BackendNode {
  /**
   * Node name used in weights, redirects and status. Default: host:port.
   */
  name?: string;
  /**
   * Host name or address.
   */
  host: string;
  /**
   * Port.
   */
  port?: number;
}
/**
 * Where proxies run on AWS (ec2, rds and aurora clusters): EC2 instances.
 *
 * This interface was referenced by `Topology`'s JSON-Schema
 * via the `definition` "Ec2Placement".
 */
export interface Ec2Placement {
  /**
   * AMI id (`ami-…`). Default: the latest Debian 12 AMI of the region.
   */
  ami?: string;
  /**
   * EC2 instance type.
   */
  instanceType?: string;
  /**
   * Subnets the proxies are spread over (`subnet-…`); one subnet is one availability zone.
   *
   * @minItems 1
   *
   * Items: A subnet id: `subnet-` and hex digits.
   */
  subnets?: [string, ...string[]];
  /**
   * Security groups of the proxies (`sg-…`). Default: one created for the cluster.
   *
   * Items: A security group id: `sg-` and hex digits.
   */
  securityGroups?: string[];
  /**
   * IPv4 CIDR blocks allowed to reach the proxy port and the metrics port of the security group pgtopo creates. Default: `vpc.cidr` when declared.
   *
   * Items: An IPv4 CIDR block, e.g. `10.0.0.0/16`.
   */
  clientCidrs?: string[];
  /**
   * Security groups (`sg-…`) whose members may reach the proxy port and the metrics port.
   *
   * Items: A security group id: `sg-` and hex digits.
   */
  clientSecurityGroups?: string[];
  /**
   * The database's security group (`sg-…`): pgtopo adds one ingress rule to it, from the proxies' security group to the database port (tagged as pgtopo's), repairs it when removed, and on destroy removes only that rule.
   */
  databaseSecurityGroup?: string;
  /**
   * EC2 key pair name for SSH.
   */
  keyName?: string;
  /**
   * IAM instance profile; the watchdog's VIP method needs its EC2 or Route 53 permissions.
   */
  iamInstanceProfile?: string;
  /**
   * Extra tags on everything created.
   */
  tags?: {
    [k: string]: string;
  };
}
/**
 * Which Aurora endpoints the proxies balance over; read from AWS on every plan and reconcile.
 *
 * This interface was referenced by `Topology`'s JSON-Schema
 * via the `definition` "AuroraBackends".
 */
export interface AuroraBackends {
  /**
   * `endpoint`: the cluster's reader endpoint, one backend (Aurora's DNS round robin spreads it). `instances`: every reader instance's own endpoint, one backend each, so reads spread evenly and a new or removed reader is picked up by the next plan or reconcile.
   */
  readers?: 'endpoint' | 'instances';
}
/**
 * Where proxies run on Kubernetes: a Deployment and a Service.
 *
 * This interface was referenced by `Topology`'s JSON-Schema
 * via the `definition` "KubernetesPlacement".
 */
export interface KubernetesPlacement {
  /**
   * Container image of the proxy.
   */
  image?: string;
  /**
   * Container resources, as in a Pod spec.
   */
  resources?: {
    requests?: ResourceQuantities;
    limits?: ResourceQuantities1;
  };
  /**
   * Type of the proxy's Service.
   */
  serviceType?: 'ClusterIP' | 'NodePort' | 'LoadBalancer';
  /**
   * Time a stopping proxy pod gets before it is killed: 5s for its endpoints to go (preStop), then the proxy's drain of open transactions (30s). Must be more than 35s.
   */
  terminationGracePeriod?: string | number;
}
/**
 * Requested cpu and memory.
 */
export interface ResourceQuantities {
  /**
   * CPU, e.g. `500m`.
   */
  cpu?: string;
  /**
   * Memory, e.g. `256Mi`.
   */
  memory?: string;
}
/**
 * cpu and memory limits.
 */
export interface ResourceQuantities1 {
  /**
   * CPU, e.g. `500m`.
   */
  cpu?: string;
  /**
   * Memory, e.g. `256Mi`.
   */
  memory?: string;
}
/**
 * Where a secret comes from. Secrets are never written inline: give exactly one of `fromEnv`, `fromFile` or `fromSecret`.
 *
 * This interface was referenced by `Topology`'s JSON-Schema
 * via the `definition` "SecretRef".
 */
export interface SecretRef3 {
  /**
   * Name of an environment variable holding the secret.
   */
  fromEnv?: string;
  /**
   * Path of a file holding the secret (relative to the topology file). Trailing newlines are ignored.
   */
  fromFile?: string;
  /**
   * A Kubernetes Secret in the cluster's namespace (kubernetes clusters only).
   */
  fromSecret?: {
    /**
     * Name of the Secret.
     */
    name: string;
    /**
     * Key inside the Secret's data.
     */
    key: string;
  };
}
/**
 * Kubernetes quantities.
 *
 * This interface was referenced by `Topology`'s JSON-Schema
 * via the `definition` "ResourceQuantities".
 */
export interface ResourceQuantities2 {
  /**
   * CPU, e.g. `500m`.
   */
  cpu?: string;
  /**
   * Memory, e.g. `256Mi`.
   */
  memory?: string;
}
