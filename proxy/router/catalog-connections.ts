// The router's catalog oracles (rule 3: pg_proc volatility; rule 2: pg_class persistence) backed by one dedicated
// connection per database to the primary. Never on the hot path: the router asks in the background and routes the
// statement that triggered the lookup to the primary; later statements use the cached answer.
//
// Credentials: the monitor role of the config (by default the first admin user with a password), because a lookup is
// the proxy's own business, not a client's. A connection is opened on first use, closed after it has been idle for
// a while, and never keeps the process alive. After a failure the database is not asked again for a short while, so a
// primary that is down does not get a connection attempt per statement.

import net from 'node:net';
import type pg from 'pg';
import type { BackendStates } from '../backend-states.ts';
import type { BackendTls } from '../backend/backend-tls.ts';
import { connectPgClient } from '../backend/pg-client-tls.ts';
import type { BackendAddressResolver } from '../backend/backend-address-resolver.ts';
import type { MonitorConfig } from '../health/health-config.ts';
import type { CatalogLookup } from './catalog-lookup-cache.ts';
import { VOLATILITY_QUERY, volatilityFromCatalog, type Volatility } from './function-volatility.ts';
import { PERSISTENCE_QUERY, persistenceFromCatalog, type Persistence } from './relation-persistence.ts';

export interface CatalogConnectionOptions {
  /** Connect and query timeout. */
  timeoutMs?: number;
  /** An idle lookup connection is closed after this. */
  idleMs?: number;
  /** After a failed connect or query, lookups in that database fail at once for this long. */
  retryAfterMs?: number;
  /** tls.backend; plaintext when absent. */
  tls?: BackendTls;
  /** Where backend host names point: the resolver the pools use (dns.servers, TTL). */
  addresses: BackendAddressResolver;
}

interface DatabaseConnection {
  client: Promise<pg.Client>;
  idleTimer?: NodeJS.Timeout;
}

export class CatalogConnections {
  readonly #backends: BackendStates;
  readonly #credentials: MonitorConfig | null;
  readonly #timeoutMs: number;
  readonly #idleMs: number;
  readonly #retryAfterMs: number;
  readonly #tls: BackendTls;
  readonly #addresses: BackendAddressResolver;
  readonly #connections = new Map<string, DatabaseConnection>();
  readonly #failedUntil = new Map<string, number>();

  constructor(backends: BackendStates, credentials: MonitorConfig | null, options: CatalogConnectionOptions) {
    this.#backends = backends;
    this.#credentials = credentials;
    this.#timeoutMs = options.timeoutMs ?? 5000;
    this.#idleMs = options.idleMs ?? 30_000;
    this.#retryAfterMs = options.retryAfterMs ?? 1000;
    this.#tls = options.tls ?? { mode: 'disable', ca: null };
    this.#addresses = options.addresses;
  }

  readonly functionLookup: CatalogLookup<Volatility> = async (name, database) =>
    volatilityFromCatalog(await this.#lookup(database, VOLATILITY_QUERY, name));

  readonly relationLookup: CatalogLookup<Persistence> = async (name, database) =>
    persistenceFromCatalog(await this.#lookup(database, PERSISTENCE_QUERY, name));

  /** Closes every lookup connection (proxy stop or chooser replaced on reload). */
  close(): void {
    for (const database of [...this.#connections.keys()]) this.#drop(database);
  }

  // No database (SHOW ROUTE FOR, which has no client session): the monitor's database, the proxy's own connection.
  async #lookup(sessionDatabase: string | undefined, sql: string, name: string): Promise<string | undefined> {
    const credentials = this.#credentials;
    if (credentials === null) throw new Error('no credentials for catalog lookups');
    const database = sessionDatabase ?? credentials.database;
    if ((this.#failedUntil.get(database) ?? 0) > Date.now()) throw new Error(`catalog lookups in ${database} are backing off`);
    try {
      const client = await this.#client(database, credentials);
      const result = await client.query<Record<string, string | null>>({ text: sql, values: [name] });
      this.#touch(database);
      const value = result.rows[0] === undefined ? undefined : Object.values(result.rows[0])[0];
      return value ?? undefined;
    } catch (error) {
      this.#failedUntil.set(database, Date.now() + this.#retryAfterMs);
      this.#drop(database);
      throw error;
    }
  }

  #client(database: string, credentials: MonitorConfig): Promise<pg.Client> {
    let connection = this.#connections.get(database);
    if (connection === undefined) {
      const primary = this.#backends.primary().config;
      const client = connectPgClient({
        host: primary.host,
        port: primary.port,
        user: credentials.user,
        password: credentials.password ?? undefined,
        database,
        application_name: 'pgtopo-proxy-catalog',
        connectionTimeoutMillis: this.#timeoutMs,
        query_timeout: this.#timeoutMs,
        // A background helper: it must never keep the proxy process alive.
        stream: () => new net.Socket().unref(),
      }, this.#tls, this.#addresses);
      connection = {
        client: client.then((connected) => connected.on('error', () => this.#drop(database))),
      };
      this.#connections.set(database, connection);
    }
    return connection.client;
  }

  #touch(database: string): void {
    const connection = this.#connections.get(database);
    if (connection === undefined) return;
    clearTimeout(connection.idleTimer);
    connection.idleTimer = setTimeout(() => this.#drop(database), this.#idleMs).unref();
  }

  #drop(database: string): void {
    const connection = this.#connections.get(database);
    if (connection === undefined) return;
    this.#connections.delete(database);
    clearTimeout(connection.idleTimer);
    connection.client.then((client) => client.end()).catch(() => undefined);
  }
}
