// A tier's watchdog as both engines need it: every member (the cluster's proxies, in index order; this proxy is
// member `ProxyTierConfig.index`), the heartbeat timing and the VIP the leader holds. The Pgpool-II renderer
// writes it as pgpool.conf's watchdog section (proxy/pgpool2/render-watchdog-settings.ts).
import type { Vip } from '../../schemas/topology.ts';
import type { ProxySecretRef } from './proxy-tier-settings.ts';

export interface WatchdogMember {
  host: string;
  /** The port clients reach the proxy on. */
  port: number;
  /** Watchdog messages (Pgpool-II's wd_port). */
  watchdogPort: number;
  /** Heartbeats (Pgpool-II's heartbeat_port, UDP). */
  heartbeatPort: number;
}

export interface WatchdogTierSettings {
  members: WatchdogMember[];
  heartbeatIntervalMs: number;
  /** Silence after which a member counts as lost. */
  deadTimeMs: number;
  vip: Vip;
  /** The tier's shared key that signs every watchdog message (Pgpool-II's wd_authkey); null: none. */
  authKey: ProxySecretRef | null;
  /** How Pgpool-II's escalation commands start pgtopo for the AWS VIP methods: its path, or a name on PATH. */
  pgtopoCommand: string;
}

/** Pgpool-II's own defaults (wd_port, heartbeat_port, wd_heartbeat_keepalive, wd_heartbeat_deadtime). */
export const WATCHDOG_DEFAULTS = { watchdogPort: 9000, heartbeatPort: 9694, heartbeatIntervalMs: 2000, deadTimeMs: 30_000, pgtopoCommand: 'pgtopo' } as const;
