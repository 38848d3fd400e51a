// pgtopo talking to a running proxy's admin commands (the builtin proxy's console, database `pgtopo`; Pgpool-II's
// SHOW commands), as an admin user of the topology, as an operator would: one statement per fresh session, over
// the proxy's loopback listener.
import pg from 'pg';
import { ADMIN_DATABASE } from '../../proxy/proxy-context.ts';
import { LOOPBACK_HOST } from './free-port.ts';

export interface ProxyConsole {
  /** The proxy's address in the topology, for messages. */
  name: string;
  port: number;
  user: string;
  password: string;
}

// A switchover waits for the standby to replay up to the fenced primary (the proxy allows 30 s) and for pg_promote.
const STATEMENT_TIMEOUT_MS = 90_000;

/** `database`: the builtin proxy's console; Pgpool-II answers its SHOW commands in any database. */
export async function consoleQuery(target: ProxyConsole, sql: string, database = ADMIN_DATABASE): Promise<Record<string, string>[]> {
  const client = new pg.Client({
    host: LOOPBACK_HOST, port: target.port, user: target.user, password: target.password, database,
    connectionTimeoutMillis: 10_000, query_timeout: STATEMENT_TIMEOUT_MS,
  });
  client.on('error', () => {});
  await client.connect();
  try {
    return (await client.query<Record<string, string>>(sql)).rows;
  } finally {
    await client.end().catch(() => {});
  }
}
