// State in PostgreSQL for teams and CI: one row per topology in `<table>`, locked by a session advisory lock held
// on one dedicated connection for the whole run (it vanishes with the session, so a dead run never leaves the state
// stuck). The holder's details sit in `<table>_locks` for `force-unlock`, and writes check the serial
// optimistically, so even a run that lost its lock cannot overwrite newer state. The digest key for secrets sits in
// `<table>_keys`, apart from the state rows: a role may be given the state without it.
import pg from 'pg';
import { setTimeout as sleep } from 'node:timers/promises';
import { describeLock, newLockInfo, StateLockedError, type LockInfo } from '../lock/lock-info.ts';
import type { LockHandle, LockOptions, StateBackend } from './state-backend.ts';
import { newDigestKey } from './secret-digest.ts';
import { parseState, type State } from './state-format.ts';

const POLL_MS = 500;

export class PostgresStateBackend implements StateBackend {
  readonly #connectionString: string;
  readonly #table: string;
  readonly #locks: string;
  readonly #keys: string;
  readonly #topology: string;
  #session: pg.Client | null = null;

  constructor(connectionString: string, table: string, topology: string) {
    if (!/^[a-z_][a-z0-9_]*$/.test(table)) throw new Error(`state.table "${table}": use lower-case letters, digits and _ only`);
    this.#connectionString = connectionString;
    this.#table = table;
    this.#locks = `${table}_locks`;
    this.#keys = `${table}_keys`;
    this.#topology = topology;
  }

  describe(): string {
    return `postgres table ${this.#table}`;
  }

  async read(): Promise<State | null> {
    return this.#withClient(async (client) => {
      const result = await client.query<{ state: string }>(`SELECT state::text AS state FROM ${this.#table} WHERE name = $1`, [this.#topology]);
      return result.rows[0] ? parseState(result.rows[0].state, `${this.#table}/${this.#topology}`) : null;
    });
  }

  async digestKey(): Promise<Buffer> {
    return this.#withClient(async (client) => {
      await client.query(`INSERT INTO ${this.#keys} (name, key) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING`,
        [this.#topology, newDigestKey().toString('hex')]);
      const result = await client.query<{ key: string }>(`SELECT key FROM ${this.#keys} WHERE name = $1`, [this.#topology]);
      return Buffer.from(result.rows[0]!.key, 'hex');
    });
  }

  async write(state: State): Promise<void> {
    const client = this.#requireSession();
    const text = JSON.stringify(state);
    const updated = await client.query(
      `UPDATE ${this.#table} SET state = $1::jsonb, serial = $2, lineage = $3, updated_at = now() WHERE name = $4 AND serial = $5 AND lineage = $3`,
      [text, state.serial, state.lineage, this.#topology, state.serial - 1]);
    if (updated.rowCount === 1) return;
    const inserted = state.serial === 1 ? await client.query(
      `INSERT INTO ${this.#table} (name, lineage, serial, state, updated_at) VALUES ($1, $2, $3, $4::jsonb, now()) ON CONFLICT (name) DO NOTHING`,
      [this.#topology, state.lineage, state.serial, text]) : { rowCount: 0 };
    if (inserted.rowCount === 1) return;
    throw new Error(`${this.describe()}: state serial conflict writing serial ${state.serial}; another run wrote the state`);
  }

  async lock(options: LockOptions): Promise<LockHandle> {
    const client = await this.#connect();
    try {
      await this.#ensureTables(client);
      const info = newLockInfo(options.operation, this.#topology);
      await this.#waitForAdvisoryLock(client, options);
      await client.query(
        `INSERT INTO ${this.#locks} (name, info, backend_pid) VALUES ($1, $2::jsonb, pg_backend_pid())
         ON CONFLICT (name) DO UPDATE SET info = excluded.info, backend_pid = excluded.backend_pid`,
        [this.#topology, JSON.stringify(info)]);
      this.#session = client;
      return { info, release: () => this.#release(client) };
    } catch (error) {
      await client.end().catch(() => {});
      throw error;
    }
  }

  async readLock(): Promise<LockInfo | null> {
    return this.#withClient(async (client) => {
      await this.#ensureTables(client);
      return (await this.#lockRow(client))?.info ?? null;
    });
  }

  async forceUnlock(id: string): Promise<LockInfo> {
    return this.#withClient(async (client) => {
      await this.#ensureTables(client);
      const row = await this.#lockRow(client);
      if (!row) throw new Error(`${this.describe()}: no lock recorded for ${this.#topology}`);
      if (row.info.id !== id) throw new Error(`lock id mismatch: the current lock is ${row.info.id}, not ${id} (${describeLock(row.info)})`);
      // The advisory lock belongs to the holder's session: ending that session is the only way to release it.
      await client.query('SELECT pg_terminate_backend($1)', [row.backend_pid]);
      await client.query(`DELETE FROM ${this.#locks} WHERE name = $1`, [this.#topology]);
      return row.info;
    });
  }

  async close(): Promise<void> {
    if (this.#session) await this.#release(this.#session);
  }

  async #waitForAdvisoryLock(client: pg.Client, options: LockOptions): Promise<void> {
    const deadline = Date.now() + options.timeoutMs;
    let told = false;
    for (;;) {
      const got = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS locked', [this.#lockKey()]);
      if (got.rows[0]!.locked) return;
      const holder = (await this.#lockRow(client))?.info;
      if (Date.now() >= deadline) throw new StateLockedError(holder, this.describe());
      if (!told) options.notice?.(`waiting for the state lock: ${holder ? describeLock(holder) : 'holder unknown'}`);
      told = true;
      await sleep(POLL_MS);
    }
  }

  async #release(client: pg.Client): Promise<void> {
    if (this.#session === client) this.#session = null;
    try {
      await client.query(`DELETE FROM ${this.#locks} WHERE name = $1 AND backend_pid = pg_backend_pid()`, [this.#topology]);
      await client.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [this.#lockKey()]);
    } finally {
      await client.end().catch(() => {});
    }
  }

  async #lockRow(client: pg.Client): Promise<{ info: LockInfo; backend_pid: number } | undefined> {
    const result = await client.query<{ info: LockInfo; backend_pid: number }>(
      `SELECT info, backend_pid FROM ${this.#locks} WHERE name = $1`, [this.#topology]);
    return result.rows[0];
  }

  async #ensureTables(client: pg.Client): Promise<void> {
    // Serialised so two first runs cannot race on CREATE TABLE IF NOT EXISTS.
    await client.query('BEGIN');
    try {
      await client.query("SELECT pg_advisory_xact_lock(hashtextextended('pgtopo state schema', 0))");
      await client.query(`CREATE TABLE IF NOT EXISTS ${this.#table} (
        name text PRIMARY KEY, lineage text NOT NULL, serial bigint NOT NULL, state jsonb NOT NULL, updated_at timestamptz NOT NULL)`);
      await client.query(`CREATE TABLE IF NOT EXISTS ${this.#locks} (name text PRIMARY KEY, info jsonb NOT NULL, backend_pid integer NOT NULL)`);
      await client.query(`CREATE TABLE IF NOT EXISTS ${this.#keys} (name text PRIMARY KEY, key text NOT NULL)`);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    }
  }

  #requireSession(): pg.Client {
    if (!this.#session) throw new Error(`${this.describe()}: writing state without holding the lock`);
    return this.#session;
  }

  async #withClient<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
    if (this.#session) return work(this.#session);
    const client = await this.#connect();
    try {
      await this.#ensureTables(client);
      return await work(client);
    } finally {
      await client.end().catch(() => {});
    }
  }

  async #connect(): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: this.#connectionString, application_name: 'pgtopo state' });
    // Errors on an idle connection (server restart) must not crash the process; the next query reports them.
    client.on('error', () => {});
    try {
      await client.connect();
    } catch (error) {
      throw new Error(`${this.describe()}: cannot connect: ${(error as Error).message}`);
    }
    return client;
  }

  #lockKey(): string {
    return `pgtopo:${this.#table}:${this.#topology}`;
  }
}
