// A client's startup settings reach a pooled server as a SET whose answer the data path drops (client-settings.ts),
// so a setting PostgreSQL would refuse at login (unknown, a bad value, superuser-only) would be silently ignored.
// The first login with a given set of settings on a pool tries them on one of its servers and is refused with
// PostgreSQL's own error when they fail. The pool remembers accepted sets: later logins cost one set lookup.
import type { ServerError } from '../auth/auth-messages.ts';
import type { ServerConnection } from '../backend/server-connection.ts';
import type { Pool } from '../pool/pool.ts';
import type { ProxyContext } from '../proxy-context.ts';
import type { ClientConnection } from './client-connection.ts';
import { checkSql, type ClientSettings } from './client-settings.ts';

/** Per pool; past it the pool starts over (a forgotten set is only checked once more). */
const MAX_ACCEPTED = 1_000;

/** The pool's welcome when the client's settings are known to work on its servers, or null to check them first. */
export function knownWelcome(pool: Pool, settings: ClientSettings): Map<string, string> | null {
  return pool.acceptedSettings.has(settings.signature) ? pool.welcome : null;
}

/**
 * Takes a server (the pool's first login proves the database and user work), runs the client's settings on it, and gives it back. Resolves to the pool's welcome, or to null once the client
 * was refused with the server's error.
 */
export function checkedWelcome(ctx: ProxyContext, pool: Pool, client: ClientConnection): Promise<Map<string, string> | null> {
  return new Promise((resolve) => {
    const waiter = {
      onServerAssigned(server: ServerConnection): void {
        trySettings(server, client.settings, (error) => {
          giveBack(pool, server);
          if (error === null) {
            accept(pool, client.settings);
            resolve(pool.welcome ?? new Map(server.parameters));
            return;
          }
          ctx.stats.clientsRejected++;
          client.terminate(error.sqlstate, error.message);
          resolve(null);
        });
      },
      onAcquireFailed(sqlstate: string, message: string): void {
        client.terminate(sqlstate, message);
        ctx.pools.forgetIfEmpty(pool); // a database that does not exist leaves no pool behind
        resolve(null);
      },
    };
    const server = pool.acquire(waiter, null);
    if (server) waiter.onServerAssigned(server);
  });
}

/** Every value is set, even one the server already carries from its startup packet: SET may refuse what login took. */
function trySettings(server: ServerConnection, settings: ClientSettings, done: (error: ServerError | null) => void): void {
  const sql = checkSql(server.settings, settings);
  if (sql === '') {
    done(null);
    return;
  }
  server.runInternal(sql, (ok, error) => {
    if (ok) {
      server.settings = settings; // the next attach of this client's settings to this server sends nothing
      done(null);
      return;
    }
    done(error ?? { severity: 'FATAL', sqlstate: '08006', message: 'server connection lost while checking the startup parameters' });
  });
}

/** A failed SET ran in its own implicit transaction, so the session is unchanged and the server can be reused. */
function giveBack(pool: Pool, server: ServerConnection): void {
  if (server.idleInTransaction) pool.discard(server);
  else pool.release(server);
}

function accept(pool: Pool, settings: ClientSettings): void {
  if (pool.acceptedSettings.size >= MAX_ACCEPTED) pool.acceptedSettings.clear();
  pool.acceptedSettings.add(settings.signature);
}
