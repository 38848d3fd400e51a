// All pools of one proxy: creates them on first use, enforces the global server-connection limit (evicting
// idle connections of other pools when one is starved), PAUSE/RESUME, and the janitor that retires idle and
// old connections.
import type { BackendConfig, PoolConfig, UserConfig } from '../proxy-config.ts';
import type { Logger } from '../log.ts';
import { Pool, type PoolHost } from './pool.ts';

export interface PoolEvents {
  waitTimedOut(pool: Pool): void;
  /** A server connection to this pool's node could not be opened (not a login refusal): the node may be gone. */
  serverUnreachable(pool: Pool): void;
}

const JANITOR_INTERVAL_MS = 1000;

export class PoolRegistry implements PoolHost {
  config: PoolConfig;
  readonly log: Logger;
  paused = false;
  serverCount = 0;
  now = Date.now();
  readonly #pools = new Map<string, Pool>();
  readonly #events: PoolEvents;
  readonly #janitor: NodeJS.Timeout;

  constructor(config: PoolConfig, log: Logger, events: PoolEvents) {
    this.config = config;
    this.log = log;
    this.#events = events;
    this.#janitor = setInterval(() => this.#sweep(), JANITOR_INTERVAL_MS);
    this.#janitor.unref();
  }

  pool(backend: BackendConfig, user: UserConfig, database: string): Pool {
    const key = `${backend.id}\0${user.name}\0${database}`;
    let pool = this.#pools.get(key);
    if (!pool) {
      pool = new Pool(this, backend, user, database);
      this.#pools.set(key, pool);
    } else if (pool.backend !== backend || pool.user !== user) {
      // Reloaded config: same pool, new settings (callers always pass the current config objects).
      pool.backend = backend;
      pool.user = user;
    }
    return pool;
  }

  get pools(): Pool[] {
    return [...this.#pools.values()];
  }

  canOpenServer(requester: Pool): boolean {
    if (this.serverCount < this.config.maxServerConnections) return true;
    // Starved: take a slot from a pool that has an idle connection to spare.
    for (const pool of this.#pools.values()) {
      if (pool !== requester && pool.evictOneIdle()) return this.serverCount < this.config.maxServerConnections;
    }
    return false;
  }

  serverOpened(): void {
    this.serverCount++;
  }

  serverClosed(): void {
    this.serverCount--;
  }

  serverUnreachable(pool: Pool): void {
    this.#events.serverUnreachable(pool);
  }

  waitTimedOut(pool: Pool): void {
    this.#events.waitTimedOut(pool);
  }

  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
    for (const pool of this.#pools.values()) pool.serveWaiters();
  }

  /** Applies reloaded pool settings; pools pick up changed backends and users the next time pool() is asked. */
  reconfigure(config: PoolConfig): void {
    this.config = config;
  }

  #sweep(): void {
    const now = Date.now();
    this.now = now;
    for (const pool of this.#pools.values()) {
      pool.retireIdle(now);
      if (pool.waiting > 0) pool.serveWaiters();
    }
  }

  close(): void {
    clearInterval(this.#janitor);
    for (const pool of this.#pools.values()) pool.closeAll();
  }
}
