// The one thing a watchdog leader moves: the address clients connect to. On a LAN that is a virtual IP on an
// interface; in the cloud it is an Elastic IP, a secondary private IP, a route-table entry or a DNS record
// (docs/feature-matrix.md §2). The watchdog decides *when* a member holds the VIP; a driver only knows *how*.

/** Moves the tier's client-facing address to this member and away from it. */
export interface VipDriver {
  /** The VIP method, as in the topology's `proxy.ha.vip.type`. */
  readonly type: string;
  /** A short, secret-free description for logs and SHOW WATCHDOG, e.g. `10.0.0.100 on eth0`. */
  describe(): string;
  /**
   * Make this member the holder. Idempotent: acquiring what this member already holds succeeds. Takes the address
   * over from any other holder (the watchdog has already made sure the previous holder's lease has expired).
   */
  acquire(signal: AbortSignal): Promise<void>;
  /** Stop being the holder. Safe to repeat, and a no-op when this member does not hold it. */
  release(signal: AbortSignal): Promise<void>;
}
