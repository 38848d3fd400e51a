// The `watchdog` section of the proxy config file (schema: proxy/config/proxy-config.schema.json; defaults:
// proxy/config/proxy-defaults.ts). Absent: no watchdog, and the static coordinator decides who promotes.
import type { VipDocument, WatchdogDocument } from '../config/proxy-config-document.ts';
import { WATCHDOG_TIMING_DEFAULTS } from '../config/proxy-defaults.ts';
import type { WatchdogMember } from './membership.ts';
import type { WatchdogTiming } from './watchdog-timing.ts';

export interface WatchdogConfig {
  self: number;
  members: WatchdogMember[];
  vip: VipDocument;
  /** Where the holder also listens on an `ip` VIP; null: `listen` serves the VIP. */
  vipPort: number | null;
  timing: WatchdogTiming;
  /** Where term and vote survive a restart (term-store.ts); null: in memory only. */
  stateDir: string | null;
  /** The tier's shared HMAC key (message-auth.ts), resolved; null: messages are not authenticated. */
  authKey: string | null;
  /** On EC2, the tag this member puts on its own instance once it knows a leader (joined-tag.ts); null: none. */
  joinedTag: string | null;
}

/** Throws `watchdog.<key>: problem` (proxy-config.ts turns it into a config problem). */
export function watchdogConfigFrom(raw: WatchdogDocument | undefined, authKey: string | null = null): WatchdogConfig | null {
  if (!raw) return null;
  const timing: WatchdogTiming = {
    heartbeatIntervalMs: raw.heartbeatIntervalMs ?? WATCHDOG_TIMING_DEFAULTS.heartbeatIntervalMs,
    deadTimeMs: raw.deadTimeMs ?? WATCHDOG_TIMING_DEFAULTS.deadTimeMs,
    leaseMs: raw.leaseMs ?? WATCHDOG_TIMING_DEFAULTS.leaseMs,
    releaseTimeoutMs: raw.releaseTimeoutMs ?? WATCHDOG_TIMING_DEFAULTS.releaseTimeoutMs,
  };
  if (raw.self >= raw.members.length) throw new Error(`watchdog.self: ${raw.self} is not an index of the ${raw.members.length} members`);
  const names = raw.members.map((member) => member.name);
  if (new Set(names).size !== names.length) throw new Error('watchdog.members: every member needs a distinct name');
  const addresses = raw.members.map((member) => `${member.host}:${member.port}`);
  if (new Set(addresses).size !== addresses.length) throw new Error('watchdog.members: every member needs its own host and port');
  // A lease no longer than the heartbeat interval would lapse between two heartbeats of a healthy leader.
  if (timing.leaseMs <= timing.heartbeatIntervalMs) {
    throw new Error(`watchdog.leaseMs: must be more than heartbeatIntervalMs (${timing.heartbeatIntervalMs}); three times it survives a lost heartbeat`);
  }
  if (timing.deadTimeMs <= timing.heartbeatIntervalMs) {
    throw new Error(`watchdog.deadTimeMs: must be more than heartbeatIntervalMs (${timing.heartbeatIntervalMs})`);
  }
  return { self: raw.self, members: raw.members, vip: raw.vip, vipPort: raw.vipPort ?? null, timing, stateDir: raw.stateDir ?? null, authKey, joinedTag: raw.joinedTag ?? null };
}
