// Server-connection limits a PoolRegistry takes from outside instead of counting its own servers: what worker
// threads of one proxy share (proxy/workers/shared-pool-limits.ts), so pool.size and maxServerConnections hold
// for the proxy as a whole.
import type { Pool } from './pool.ts';

export interface ServerLimits {
  /** Takes room for one more server of `pool`; false when its size or the proxy-wide limit is reached. */
  reserve(pool: Pool): boolean;
  /** Gives back the room of a server of `pool` that failed to open or whose backend hung up. */
  release(pool: Pool): void;
  /**
   * Whether a server of `pool` that comes back should close instead of serving this worker's next client: another
   * worker waits for room it would free, and this worker holds more than its share. Without it a busy worker
   * keeps every server of a full pool forever, since each release hands it straight to its own next waiter.
   */
  yields(pool: Pool, serversOfWorker: number): boolean;
  /** The registry's janitor pass (once a second). */
  sweep(): void;
}
