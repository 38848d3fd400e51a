// Server connections for one (backend, user, database). Hands idle connections out LIFO (warm caches, and
// the janitor can retire the cold end), prefers the connection a client used last, opens new connections up
// to the pool and global limits, and queues clients with a timeout beyond that.
import type { BackendConfig, PoolConfig, UserConfig } from '../proxy-config.ts';
import { ServerConnection, ServerLoginError, WriterReadOnlyError, type WriterWatch } from '../backend/server-connection.ts';
import type { Logger } from '../log.ts';
import type { BackendTls } from '../backend/backend-tls.ts';
import type { BackendAddressResolver } from '../backend/backend-address-resolver.ts';

export interface PoolWaiter {
  /** The pool assigns a server; the waiter owns it until it calls pool.release(). */
  onServerAssigned(server: ServerConnection): void;
  onAcquireFailed(sqlstate: string, message: string, severity: string): void;
}

/** What a pool needs from the registry (global limits, pause, metrics); told when a writer's server turned read-only. */
export interface PoolHost extends WriterWatch {
  readonly config: PoolConfig;
  /** How new server connections negotiate TLS (tls.backend). */
  readonly backendTls: BackendTls;
  readonly paused: boolean;
  readonly log: Logger;
  /** Where backend host names point now (TTL-bound DNS answers). */
  readonly addresses: BackendAddressResolver;
  /**
   * The time (ms since the epoch) as of the janitor's last pass, at most a second old: good enough for idle and
   * lifetime limits, and cheaper than reading the clock at every transaction's end (like PgBouncer's cached time).
   */
  readonly now: number;
  /** Takes room for one more server of `pool` under its size and the proxy-wide limit; false: none left. */
  reserveServer(pool: Pool): boolean;
  /** Gives back the room of a server that failed to open (no server) or was closed. */
  serverClosed(pool: Pool, server?: ServerConnection): void;
  /** A server of `pool` given back closes instead, to make room another worker of the proxy waits for. */
  yieldsServer(pool: Pool): boolean;
  /** Close servers by Terminate and wait for the backend to hang up (its room is given back only then). */
  readonly awaitServerExit: boolean;
  serverUnreachable(pool: Pool): void;
  waitTimedOut(pool: Pool): void;
}

/**
 * After a new server connection failed, the pool opens no other for this long; the janitor's pass (once a second)
 * tries again for a pool with waiters. Without it every client queued behind a busy pool started an attempt of its
 * own, and PostgreSQL refusing logins (53300 at max_connections) forked a backend for each.
 */
const OPEN_RETRY_DELAY_MS = 1000;

interface Waiter {
  client: PoolWaiter;
  since: number;
  timer: NodeJS.Timeout | null;
}

export class Pool {
  /** Replaced in place on reload (new weights, passwords) so existing server connections stay pooled. */
  backend: BackendConfig;
  user: UserConfig;
  readonly database: string;
  readonly host: PoolHost;
  readonly idle: ServerConnection[] = [];
  readonly servers = new Set<ServerConnection>();
  opening = 0;
  readonly #waiters: Waiter[] = [];
  /** Why the last new server connection failed, until one opens: a queue timeout says it. */
  #lastOpenFailure: string | null = null;
  #lastOpenFailedAt = 0;
  /** Set when the registry forgot this pool (left empty): a client still holding it asks the registry again. */
  forgotten = false;
  /** ParameterStatus values of the first login, replayed to clients at their login (like PgBouncer). */
  welcome: Map<string, string> | null = null;
  /** Signatures of client settings a server of this pool accepted as SET (see frontend/login-settings-check.ts). */
  readonly acceptedSettings = new Set<string>();
  waitCount = 0;
  waitTimeTotalMs = 0;
  maxWaitMs = 0;

  constructor(host: PoolHost, backend: BackendConfig, user: UserConfig, database: string) {
    this.host = host;
    this.backend = backend;
    this.user = user;
    this.database = database;
  }

  get waiting(): number {
    return this.#waiters.length;
  }

  get active(): number {
    return this.servers.size - this.idle.length;
  }

  /** Returns a server now, or null after queueing the client (it then gets onServerAssigned/onAcquireFailed). */
  acquire(client: PoolWaiter, preferred: ServerConnection | null): ServerConnection | null {
    if (!this.host.paused && this.#waiters.length === 0) {
      const server = this.#takeIdle(preferred);
      if (server) return server;
    }
    this.#enqueue(client);
    this.#openIfNeeded();
    return null;
  }

  /**
   * Like acquire, but does not queue behind servers other clients hold: 'full' when no server is idle and neither
   * the pool's size nor the proxy-wide server limit leaves room for a new one, or a new one failed within the
   * retry delay. For work that can run elsewhere rather than wait (a read inside a transaction, whose client already
   * holds a server).
   */
  acquireUnlessFull(client: PoolWaiter): ServerConnection | 'queued' | 'full' {
    if (this.host.paused || this.#waiters.length > 0) return 'full';
    if (this.idle.length > 0) return this.acquire(client, null) ?? 'queued';
    if (this.#openFailedRecently() || !this.host.reserveServer(this)) return 'full';
    this.#enqueue(client);
    this.#open();
    return 'queued';
  }

  #takeIdle(preferred: ServerConnection | null): ServerConnection | null {
    let server: ServerConnection | undefined;
    if (preferred !== null && preferred.poolSlot >= 0 && this.idle[preferred.poolSlot] === preferred) {
      server = preferred;
      const last = this.idle.pop() as ServerConnection;
      if (last !== preferred) {
        this.idle[preferred.poolSlot] = last;
        last.poolSlot = preferred.poolSlot;
      }
    } else {
      server = this.idle.pop();
    }
    if (!server) return null;
    server.poolSlot = -1;
    if (this.#moved(server)) {
      this.discard(server);
      return this.#takeIdle(null);
    }
    server.state = 'active';
    return server;
  }

  /**
   * A reload gave this pool's node another address since the server was opened, or its name now points elsewhere
   * (server.retired): it is retired when idle, never taken from its client mid-transaction (a weight or password
   * change keeps it: the session stays valid).
   */
  #moved(server: ServerConnection): boolean {
    const opened = server.backend;
    return server.retired || (opened !== this.backend && (opened.host !== this.backend.host || opened.port !== this.backend.port));
  }

  #enqueue(client: PoolWaiter): void {
    const waiter: Waiter = { client, since: Date.now(), timer: null };
    const timeout = this.host.config.queueTimeoutMs;
    if (timeout > 0) {
      waiter.timer = setTimeout(() => this.#timeOut(waiter), timeout);
    }
    this.#waiters.push(waiter);
  }

  #timeOut(waiter: Waiter): void {
    const index = this.#waiters.indexOf(waiter);
    if (index < 0) return;
    this.#waiters.splice(index, 1);
    this.host.waitTimedOut(this);
    const lastFailure = this.#lastOpenFailure === null ? '' : `; its last new server connection failed: ${this.#lastOpenFailure}`;
    waiter.client.onAcquireFailed(
      '53300',
      `no server connection available within ${this.host.config.queueTimeoutMs} ms (pool ${this.describe()} is exhausted${lastFailure})`,
      'ERROR',
    );
  }

  /** Removes a client from the queue (it disconnected while waiting). */
  cancelWait(client: PoolWaiter): void {
    const index = this.#waiters.findIndex((w) => w.client === client);
    if (index < 0) return;
    const [waiter] = this.#waiters.splice(index, 1);
    if (waiter.timer) clearTimeout(waiter.timer);
  }

  #openIfNeeded(): void {
    if (this.host.paused) return;
    if (this.opening >= this.#waiters.length) return;
    if (this.#openFailedRecently()) return;
    if (!this.host.reserveServer(this)) return;
    this.#open();
  }

  #openFailedRecently(): boolean {
    return this.#lastOpenFailure !== null && Date.now() - this.#lastOpenFailedAt < OPEN_RETRY_DELAY_MS;
  }

  /** Opens a server for which room was reserved. */
  #open(): void {
    this.opening++;
    ServerConnection.open(
      {
        backend: this.backend,
        user: this.user.name,
        password: this.user.backendPassword,
        database: this.database,
        connectTimeoutMs: this.host.config.connectTimeoutMs,
        tls: this.host.backendTls,
        addresses: this.host.addresses,
        writer: this.backend.alwaysPrimary ? this.host : null,
      },
    ).then(
      (server) => {
        this.opening--;
        this.#lastOpenFailure = null;
        this.servers.add(server);
        this.welcome ??= new Map(server.parameters);
        server.onClose((closed) => this.#forget(closed));
        this.release(server);
      },
      (error: unknown) => {
        this.opening--;
        this.host.serverClosed(this);
        // The writer endpoint still points at the old writer: the waiters wait (queueTimeoutMs) and the janitor
        // tries again, each time with a fresh DNS answer, rather than they run writes there.
        if (error instanceof WriterReadOnlyError) this.host.log.warn('writer is read-only; waiting for the endpoint to move', { pool: this.describe(), error: error.message });
        else this.#failWaiters(error);
      },
    );
  }

  #failWaiters(error: unknown): void {
    const login = error instanceof ServerLoginError ? error : null;
    // A refused login says the node is alive; a connection exception (08xxx: refused, reset, timed out) may mean
    // it is not.
    if (!login || login.sqlstate.startsWith('08')) this.host.serverUnreachable(this);
    const message = login ? login.message : `cannot open server connection: ${(error as Error).message}`;
    this.host.log.warn('server login failed', { pool: this.describe(), error: message });
    this.#lastOpenFailure = message;
    this.#lastOpenFailedAt = Date.now();
    // While the pool has servers, its waiters are served as those are released (or time out in the queue), as
    // PgBouncer's fast-fail does: one slow or refused new connection (a login that took longer than
    // connectTimeoutMs on a loaded machine, PostgreSQL at max_connections) must not fail clients a busy pool
    // would have served a moment later. With none, every waiter would log in the same way: it gets that answer.
    if (this.servers.size > 0) return;
    for (const waiter of this.#waiters.splice(0)) {
      if (waiter.timer) clearTimeout(waiter.timer);
      waiter.client.onAcquireFailed(login?.sqlstate ?? '08006', message, login?.severity ?? 'FATAL');
    }
  }

  #forget(server: ServerConnection): void {
    if (!this.servers.delete(server)) return;
    if (server.poolSlot >= 0) this.#removeIdle(server);
    this.host.serverClosed(this, server);
    this.#openIfNeeded();
  }

  #removeIdle(server: ServerConnection): void {
    const last = this.idle.pop() as ServerConnection;
    if (last !== server) {
      this.idle[server.poolSlot] = last;
      last.poolSlot = server.poolSlot;
    }
    server.poolSlot = -1;
  }

  /** Takes back a clean, idle server: hands it to the next waiter or parks it. */
  release(server: ServerConnection): void {
    server.user = null;
    server.lastUsedAt = this.host.now;
    if (server.state === 'closed') return;
    if (server.cancelInFlight) {
      server.afterCancels(() => this.release(server)); // a late cancel signal must not hit the next client's statement
      return;
    }
    if (this.#expired(server) || this.#moved(server) || this.host.yieldsServer(this)) {
      server.close(this.host.awaitServerExit);
      this.#forget(server);
      return;
    }
    const waiter = this.host.paused || this.#waiters.length === 0 ? undefined : this.#waiters.shift();
    if (waiter) {
      if (waiter.timer) clearTimeout(waiter.timer);
      const waited = Date.now() - waiter.since;
      this.waitCount++;
      this.waitTimeTotalMs += waited;
      if (waited > this.maxWaitMs) this.maxWaitMs = waited;
      server.state = 'active';
      waiter.client.onServerAssigned(server);
      return;
    }
    server.state = 'idle';
    server.poolSlot = this.idle.length;
    this.idle.push(server);
  }

  /** Closes a server that cannot be reused (broken, dirty, or failed reset). */
  discard(server: ServerConnection): void {
    server.user = null;
    server.close(this.host.awaitServerExit);
    this.#forget(server);
  }

  #expired(server: ServerConnection): boolean {
    const lifetime = this.host.config.lifetimeMs;
    return lifetime > 0 && this.host.now - server.createdAt > lifetime;
  }

  /** Janitor pass: retire idle servers past the idle timeout or lifetime, or to a node's former address. */
  retireIdle(now: number): void {
    const { idleTimeoutMs, lifetimeMs } = this.host.config;
    for (const server of [...this.idle]) {
      const idleTooLong = idleTimeoutMs > 0 && now - server.lastUsedAt > idleTimeoutMs;
      const tooOld = lifetimeMs > 0 && now - server.createdAt > lifetimeMs;
      if (idleTooLong || tooOld || this.#moved(server)) this.discard(server);
    }
  }

  /** Closes one idle server so another pool can open one under the global limit. */
  evictOneIdle(): boolean {
    const server = this.idle[0];
    if (!server) return false;
    this.discard(server);
    return true;
  }

  /** After RESUME or a freed global slot: serve queued clients from idle servers, open more if allowed. */
  serveWaiters(): void {
    // Paused, release() puts every server back in idle without serving anyone: the loop below would never end. The
    // janitor calls this every second for a pool with waiters, so a PAUSE with a queued client hung the proxy.
    if (this.host.paused) return;
    while (this.#waiters.length > 0 && this.idle.length > 0) {
      const server = this.#takeIdle(null) as ServerConnection;
      this.release(server);
    }
    this.#openIfNeeded();
  }

  closeAll(): void {
    for (const server of [...this.servers]) this.discard(server);
    for (const waiter of this.#waiters.splice(0)) {
      if (waiter.timer) clearTimeout(waiter.timer);
      waiter.client.onAcquireFailed('57P01', 'terminating connection due to proxy shutdown', 'FATAL');
    }
  }

  describe(): string {
    return `${this.backend.name}/${this.user.name}/${this.database}`;
  }
}
