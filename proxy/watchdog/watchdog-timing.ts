// The watchdog's timing settings and the one figure derived from them: how long a new leader waits before it acts.
// The argument that this wait keeps two members from holding the VIP at once is in proxy/README.md
// ("Watchdog timing"); the wait is the bound on how late a deposed leader can still hold it.

export interface WatchdogTiming {
  /** Every member sends a heartbeat to every peer this often. */
  heartbeatIntervalMs: number;
  /** A peer not heard from for this long is lost; a follower whose leader is lost may stand for election. */
  deadTimeMs: number;
  /** A leader acts only while a quorum acknowledged one of its heartbeats sent within this long (lease.ts). */
  leaseMs: number;
  /** A release of the VIP that takes longer is abandoned (and retried); part of the takeover wait. */
  releaseTimeoutMs: number;
}

/** How much faster one member's clock may run than another's over a lease: 10%, far above any real quartz. */
export const CLOCK_DRIFT = 0.1;

/** How often the service calls the election's tick: what bounds how late a leader notices its lease ended. */
export function checkIntervalMs(timing: WatchdogTiming): number {
  return Math.max(5, Math.ceil(timing.heartbeatIntervalMs / 4));
}

/**
 * A new leader acts (acquires the VIP, may promote) only this long after winning, and a member that starts waits as
 * long before it votes or acks (it may have forgotten a vote it gave before a restart). A deposed leader's lease
 * ends at most leaseMs after the last send time a voter of the new leader acknowledged, it notices within one check,
 * and its release ends within releaseTimeoutMs — all on its own clock, hence the drift margin.
 */
export function takeoverDelayMs(timing: WatchdogTiming): number {
  return Math.ceil((timing.leaseMs + checkIntervalMs(timing) + timing.releaseTimeoutMs) * (1 + CLOCK_DRIFT));
}
