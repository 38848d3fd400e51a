// All pools of one proxy: creates them on first use (a login only while fewer than maxPools exist), enforces the
// global server-connection limit (evicting idle connections of other pools when one is starved), PAUSE/RESUME, and
// the janitor that retires idle and old connections and forgets pools left empty.
import type { BackendConfig, PoolConfig, UserConfig } from '../proxy-config.ts';
import type { Logger } from '../log.ts';
import { Pool, type PoolHost } from './pool.ts';
import type { BackendTls } from '../backend/backend-tls.ts';
import type { BackendAddressResolver } from '../backend/backend-address-resolver.ts';
import type { ServerConnection } from '../backend/server-connection.ts';
import type { ServerLimits } from './server-limits.ts';

export interface PoolEvents {
  waitTimedOut(pool: Pool): void;
  /** A server connection to this pool's node could not be opened (not a login refusal): the node may be gone. */
  serverUnreachable(pool: Pool): void;
  /** A writer backend's server reported it turned read-only (a managed database's failover). */
  writerTurnedReadOnly(server: ServerConnection): void;
}

const JANITOR_INTERVAL_MS = 1000;

export function poolKey(backend: BackendConfig, user: UserConfig, database: string): string {
  return `${backend.id}\0${user.name}\0${database}`;
}

function isEmpty(pool: Pool): boolean {
  return pool.servers.size === 0 && pool.opening === 0 && pool.waiting === 0;
}

export class PoolRegistry implements PoolHost {
  config: PoolConfig;
  backendTls: BackendTls;
  readonly log: Logger;
  readonly addresses: BackendAddressResolver;
  paused = false;
  serverCount = 0;
  now = Date.now();
  readonly #pools = new Map<string, Pool>();
  /** When the janitor first saw each pool with no server and no waiting client. */
  readonly #emptySince = new Map<Pool, number>();
  /** Waits counted by pools since forgotten, per node name, so the metric's counter never goes down. */
  readonly forgottenWaits = new Map<string, number>();
  readonly #events: PoolEvents;
  readonly #janitor: NodeJS.Timeout;
  /** Limits shared with other worker threads (proxy/workers); null: this registry's own counts are the limits. */
  readonly #shared: ServerLimits | null;
  readonly awaitServerExit: boolean;

  constructor(config: PoolConfig, backendTls: BackendTls, log: Logger, addresses: BackendAddressResolver, events: PoolEvents, shared: ServerLimits | null = null) {
    this.config = config;
    this.backendTls = backendTls;
    this.log = log;
    this.addresses = addresses;
    this.#events = events;
    this.#shared = shared;
    this.awaitServerExit = shared !== null;
    this.#janitor = setInterval(() => this.#sweep(), JANITOR_INTERVAL_MS);
    this.#janitor.unref();
  }

  pool(backend: BackendConfig, user: UserConfig, database: string): Pool {
    return this.#poolAt(poolKey(backend, user, database), backend, user, database);
  }

  #poolAt(key: string, backend: BackendConfig, user: UserConfig, database: string): Pool {
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

  /**
   * The pool a login needs, or null when it would be a new one past pool.maxPools: otherwise any authenticated
   * client could grow the proxy without bound, one database name at a time. Clients already in need not ask.
   */
  poolForLogin(backend: BackendConfig, user: UserConfig, database: string): Pool | null {
    const key = poolKey(backend, user, database);
    if (this.#pools.size >= this.config.maxPools && !this.#pools.has(key)) return null;
    return this.#poolAt(key, backend, user, database);
  }

  /** Forgets a pool a failed login left with nothing in it (a database that does not exist, a refused user). */
  forgetIfEmpty(pool: Pool): void {
    if (isEmpty(pool)) this.#forget(pool);
  }

  #forget(pool: Pool): void {
    const key = poolKey(pool.backend, pool.user, pool.database);
    if (this.#pools.get(key) === pool) this.#pools.delete(key);
    this.#emptySince.delete(pool);
    pool.forgotten = true;
    if (pool.waitCount > 0) this.forgottenWaits.set(pool.backend.name, (this.forgottenWaits.get(pool.backend.name) ?? 0) + pool.waitCount);
  }

  get pools(): Pool[] {
    return [...this.#pools.values()];
  }

  /** The pool of a key other workers name (shared limits), if this worker has it. */
  poolByKey(key: string): Pool | undefined {
    return this.#pools.get(key);
  }

  reserveServer(pool: Pool): boolean {
    const room = this.#shared ? this.#shared.reserve(pool) : pool.servers.size + pool.opening < this.config.size && this.#globalRoom(pool);
    if (room) this.serverCount++;
    return room;
  }

  yieldsServer(pool: Pool): boolean {
    return this.#shared !== null && this.#shared.yields(pool, this.serverCount);
  }

  #globalRoom(requester: Pool): boolean {
    if (this.serverCount < this.config.maxServerConnections) return true;
    return this.evictIdleFor(requester) && this.serverCount < this.config.maxServerConnections;
  }

  /** Starved: closes an idle server of another pool so `requester` can open one; false when none is idle. */
  evictIdleFor(requester: Pool | null): boolean {
    for (const pool of this.#pools.values()) {
      if (pool !== requester && pool.evictOneIdle()) return true;
    }
    return false;
  }

  serverClosed(pool: Pool, server?: ServerConnection): void {
    this.serverCount--;
    const shared = this.#shared;
    if (!shared) return;
    // Closed with Terminate (awaitServerExit): its room is free once the backend hung up, not before.
    if (server && !server.socket.destroyed) server.socket.once('close', () => shared.release(pool));
    else shared.release(pool);
  }

  serverUnreachable(pool: Pool): void {
    this.#events.serverUnreachable(pool);
  }

  waitTimedOut(pool: Pool): void {
    this.#events.waitTimedOut(pool);
  }

  turnedReadOnly(server: ServerConnection): void {
    this.#events.writerTurnedReadOnly(server);
  }

  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
    for (const pool of this.#pools.values()) pool.serveWaiters();
  }

  /**
   * Applies reloaded pool settings and backend TLS (for connections opened from now on); pools pick up changed
   * backends and users the next time pool() is asked.
   */
  reconfigure(config: PoolConfig, backendTls: BackendTls): void {
    this.config = config;
    this.backendTls = backendTls;
  }

  #sweep(): void {
    const now = Date.now();
    this.now = now;
    for (const pool of this.#pools.values()) {
      pool.retireIdle(now);
      if (pool.waiting > 0) pool.serveWaiters();
      this.#forgetIfEmptyFor(pool, now);
    }
    this.#shared?.sweep();
  }

  #forgetIfEmptyFor(pool: Pool, now: number): void {
    const timeout = this.config.emptyPoolTimeoutMs;
    if (timeout === 0 || !isEmpty(pool)) {
      this.#emptySince.delete(pool);
      return;
    }
    const since = this.#emptySince.get(pool);
    if (since === undefined) this.#emptySince.set(pool, now);
    else if (now - since >= timeout) this.#forget(pool);
  }

  close(): void {
    clearInterval(this.#janitor);
    for (const pool of this.#pools.values()) pool.closeAll();
  }
}
