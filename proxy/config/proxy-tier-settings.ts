// What a proxy of a tier runs with, whichever engine runs it: the builtin proxy's config document as a renderer
// writes it, plus the health, lag-check and failover settings both engines share. proxy-tier/ produces it from the
// topology; the builtin proxy reads its `config`, the Pgpool-II renderer (proxy/pgpool2) all of it. It lives with
// the proxy because both engines' renderers consume it, so the proxy never imports the layer above it.
import type {
  BackendDocument, HbaRuleDocument, HealthCheckTimingDocument, PoolDocument, ProxyConfigDocument, ReplicationDocument, RouterDocument,
  SecretRefDocument, UserDocument,
} from './proxy-config-document.ts';
import type { WatchdogTierSettings } from './watchdog-tier-settings.ts';

/** A secret as a rendered config references it: never a literal, so no clear password is written. */
export type ProxySecretRef = Exclude<SecretRefDocument, string>;

/** The renderer writes every field of a backend: the Pgpool-II renderer and the local provider read them. */
export type ProxyBackendDocument = Required<BackendDocument>;

export interface ProxyUserDocument extends UserDocument {
  password?: ProxySecretRef;
  admin: boolean;
}

export type ProxyHbaDocument = HbaRuleDocument;

/**
 * The builtin proxy's config file as the renderer writes it: the generated ProxyConfigDocument, with the sections
 * it always writes made required.
 */
export interface RenderedProxyConfig extends ProxyConfigDocument {
  listen: { host: string; port: number };
  metrics?: { host: string; port: number };
  backends: ProxyBackendDocument[];
  pool: PoolDocument;
  users: ProxyUserDocument[];
  hba: ProxyHbaDocument[];
  router: RouterDocument;
  logLevel: NonNullable<ProxyConfigDocument['logLevel']>;
}

/**
 * How the cluster acknowledges commits; with sync, which backends (by name, which are the instances'
 * application_names for a local cluster) are in synchronous_standby_names.
 */
export type ReplicationSettings = Required<ReplicationDocument>;

export const ASYNC_REPLICATION: ReplicationSettings = { mode: 'async', syncStandbys: 1, syncCandidates: [] };

export type HealthCheckTimingSettings = Required<HealthCheckTimingDocument>;

export interface HealthCheckSettings extends HealthCheckTimingSettings {
  enabled: boolean;
  /** Per-node overrides by backend name: only what the topology sets for that node. */
  nodes: Record<string, Partial<HealthCheckTimingSettings>>;
}

export interface FailoverSettings {
  enabled: boolean;
  onBackendError: boolean;
  coordinator: boolean;
  coordinatorIndex: number;
  failoverCommand: string;
  followPrimaryCommand: string;
  /**
   * Pgpool-II's auto_failback: a detached standby that streams from the primary is attached again. Set only where
   * pgtopo leaves standbys to Pgpool-II to take back (the local provider, which repairs them; pgtopo's
   * follow_primary_command on EC2, which re-points them), so it is not part of the topology's desired attributes.
   */
  autoFailback?: boolean;
  /** Tie-break between equally advanced standbys by backend name, higher first. */
  priority: Record<string, number>;
}

/** Everything a cluster's proxy gets; `config` is the builtin proxy's file, the rest is shared by both engines. */
export interface ProxyTierConfig {
  cluster: string;
  engine: 'builtin' | 'pgpool2';
  /** Index of this proxy instance in the cluster's tier. */
  index: number;
  config: RenderedProxyConfig;
  /** False when the pooling feature is off: every client gets its own server connection. */
  pooling: boolean;
  health: HealthCheckSettings;
  replicationCheck: { enabled: boolean; periodMs: number };
  failover: FailoverSettings;
  /** The role health checks, lag checks and promotion use: the monitor user, else the first admin user, else the first user. */
  monitorUser: ProxyUserDocument | null;
  replication: ReplicationSettings;
  /** With `ha.method: watchdog` and the members known to the provider that places the proxies. */
  watchdog?: WatchdogTierSettings;
}
