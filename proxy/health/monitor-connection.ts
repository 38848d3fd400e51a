// One node's monitoring connection: a node-postgres client of its own (never a pooled client connection), opened
// on demand, dropped at the first error so the next check starts clean. Losing it is reported at once, so a
// killed primary is noticed when its socket closes rather than at the next period.
import type pg from 'pg';
import type { MonitorConfig } from './health-config.ts';
import type { BackendTls } from '../backend/backend-tls.ts';
import { connectPgClient } from '../backend/pg-client-tls.ts';
import type { BackendAddressResolver } from '../backend/backend-address-resolver.ts';

export interface NodeAddress {
  host: string;
  port: number;
}

/** How the proxy's own connections to the nodes log in (the monitor role, tls.backend) and find them (the resolver). */
export interface MonitorLogin {
  monitor: MonitorConfig;
  tls: BackendTls;
  addresses: BackendAddressResolver;
}

export class MonitorConnection {
  readonly #address: NodeAddress;
  readonly #login: MonitorLogin;
  readonly #onLost: () => void;
  #client: pg.Client | null = null;
  #turn: Promise<unknown> = Promise.resolve();

  constructor(address: NodeAddress, login: MonitorLogin, onLost: () => void) {
    this.#address = address;
    this.#login = login;
    this.#onLost = onLost;
  }

  /**
   * Runs one statement within `timeoutMs` (connecting included); any failure closes the connection. Statements
   * of the health check, lag check and failover take turns: one connection runs one query at a time.
   */
  query<T extends pg.QueryResultRow>(sql: string, timeoutMs: number): Promise<T[]> {
    const turn = this.#turn.then(() => this.#run<T>(sql, timeoutMs));
    this.#turn = turn.catch(() => undefined);
    return turn;
  }

  async #run<T extends pg.QueryResultRow>(sql: string, timeoutMs: number): Promise<T[]> {
    try {
      const client = await this.#connect(timeoutMs);
      return (await client.query<T>({ text: sql, query_timeout: timeoutMs } as pg.QueryConfig)).rows;
    } catch (error) {
      this.close();
      throw error;
    }
  }

  async #connect(timeoutMs: number): Promise<pg.Client> {
    if (this.#client) return this.#client;
    const { monitor, tls, addresses } = this.#login;
    const client = await connectPgClient({
      host: this.#address.host,
      port: this.#address.port,
      user: monitor.user,
      password: monitor.password ?? undefined,
      database: monitor.database,
      application_name: 'pgtopo-monitor',
      connectionTimeoutMillis: timeoutMs,
      keepAlive: true,
    }, tls, addresses);
    const lost = (): void => {
      if (this.#client !== client) return;
      this.#client = null;
      this.#onLost();
    };
    client.on('error', lost);
    client.on('end', lost);
    this.#client = client;
    return client;
  }

  close(): void {
    const client = this.#client;
    this.#client = null;
    if (!client) return;
    client.removeAllListeners();
    client.on('error', () => undefined);
    void client.end().catch(() => undefined);
  }
}
