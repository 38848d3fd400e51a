// SQL on a local instance as the database superuser, over its private unix socket (trusted in pg_hba.conf), so
// pgtopo's own administrative work never needs a password.
import pg from 'pg';
import type { PgInstance } from './pg-instance.ts';

async function withClient<T>(instance: PgInstance, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ host: instance.socketDir, port: instance.port, user: 'postgres', database: 'postgres', connectionTimeoutMillis: 5000 });
  // A server that stops or dies mid-statement also emits 'error'; the statement's own rejection reports it.
  client.on('error', () => {});
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export function queryInstance<T extends pg.QueryResultRow>(instance: PgInstance, sql: string, params: unknown[] = []): Promise<T[]> {
  return withClient(instance, async (client) => (await client.query<T>(sql, params)).rows);
}

/**
 * Runs statements in one transaction, serialised with every other pgtopo transaction on this server: two roles
 * granted on the same schema at once otherwise fail with "tuple concurrently updated".
 */
export function executeOnInstance(instance: PgInstance, statements: string[]): Promise<void> {
  return withClient(instance, async (client) => {
    await client.query('BEGIN');
    try {
      await client.query("SELECT pg_advisory_xact_lock(hashtext('pgtopo'))");
      for (const statement of statements) await client.query(statement);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    }
  });
}

/** A SQL identifier, always quoted. */
export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

export function quoteLiteral(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/** A dollar-quoted body (for DO blocks) whose tag cannot occur in it: a role named `x$$; DROP …` stays inside. */
export function dollarQuote(body: string): string {
  let tag = '$pgtopo$';
  for (let n = 1; body.includes(tag); n++) tag = `$pgtopo${n}$`;
  return `${tag}${body}${tag}`;
}
