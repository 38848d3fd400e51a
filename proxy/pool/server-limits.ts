// Server-connection limits a PoolRegistry takes from outside instead of counting its own servers: what worker
// threads of one proxy share (proxy/workers/shared-pool-limits.ts), so pool.size and maxServerConnections hold
// for the proxy as a whole.
import type { Pool } from './pool.ts';

export interface ServerLimits {
  /** Takes room for one more server of `pool`; false when its size or the proxy-wide limit is reached. */
  reserve(pool: Pool): boolean;
  /** Gives back the room of a server of `pool` that failed to open or whose backend hung up. */
  release(pool: Pool): void;
  /** The registry's janitor pass (once a second). */
  sweep(): void;
}
