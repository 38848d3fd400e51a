// The router's configuration and its view of the backends. The proxy builds both from pgtopo.yaml and from health
// checks; the router only reads them. Defaults: proxy/config/proxy-defaults.ts.

import { ROUTER_DEFAULTS } from '../config/proxy-defaults.ts';

export type DisableLoadBalanceOnWrite = 'transaction' | 'trans_transaction' | 'always' | 'off' | 'dml_adaptive';

/** One entry of a redirect preference list (rule 18): `pattern: target(probability)`. */
export interface RedirectPreference {
  /** Regular expression matched against the whole value (anchored). */
  pattern: string;
  /** 'primary', 'standby', or a backend node name. */
  target: string;
  /** 0.0–1.0: share of sessions that follow the preference; the rest are balanced by weight. Default 1. */
  probability?: number;
}

export interface RouterConfig {
  /** When false every statement goes to the primary. */
  loadBalancing: boolean;
  disableLoadBalanceOnWrite: DisableLoadBalanceOnWrite;
  /** dml_adaptive: table → tables whose contents depend on it (a write to the key makes reads of them go to the primary). */
  dmlAdaptiveDependencies: Record<string, string[]>;
  /** Regexes (case-insensitive, anchored) of functions that are writes whatever pg_proc says. */
  writeFunctions: string[];
  /** Regexes (case-insensitive, anchored) of functions that are read-only whatever pg_proc says. */
  readOnlyFunctions: string[];
  /** Regexes (case-insensitive, unanchored) over the whole statement text that force the primary. */
  primaryRoutingPatterns: string[];
  /** Re-choose the load-balance node for every statement outside a transaction (rule 17). */
  statementLevelLoadBalance: boolean;
  redirectPreferences: {
    applicationName: RedirectPreference[];
    database: RedirectPreference[];
    user: RedirectPreference[];
  };
  /** Max replay lag in bytes before a standby stops getting reads; 0 = unchecked. */
  delayThreshold: number;
  /** Max replay lag in milliseconds before a standby stops getting reads; 0 = unchecked. */
  delayThresholdByTime: number;
  /** Send a lagging standby's reads to the least-lagging eligible standby instead of the primary. */
  preferLowerDelayStandby: boolean;
  /** Max distinct statement texts kept in the classification cache. */
  classificationCacheSize: number;
}

export type BackendRole = 'primary' | 'standby' | 'unknown';
export type BackendStatus = 'up' | 'down' | 'quarantined';

export interface BackendNode {
  id: string;
  name: string;
  role: BackendRole;
  status: BackendStatus;
  weight: number;
  /** Replay lag in bytes (pg_current_wal_lsn() − pg_last_wal_replay_lsn()); unknown when absent. */
  lagBytes?: number;
  /** Replay lag in milliseconds (pg_stat_replication.replay_lag); unknown when absent. */
  lagMs?: number;
  /** The writer of a managed service: the primary without detection (ALWAYS_PRIMARY). */
  alwaysPrimary: boolean;
  /** Never failed over by the proxy (DISALLOW_TO_FAILOVER); routing ignores it, kept so one snapshot serves all. */
  noFailover: boolean;
  /** A returned old primary that also claims to be primary; never routed to. */
  falsePrimary?: boolean;
}

export interface BackendsSnapshot {
  nodes: BackendNode[];
  /** The primary the proxy last promoted or observed; decides between two nodes claiming primary (rule 21). */
  confirmedPrimaryId?: string;
}

export function defaultRouterConfig(overrides: Partial<RouterConfig> = {}): RouterConfig {
  return { ...ROUTER_DEFAULTS, ...overrides };
}
