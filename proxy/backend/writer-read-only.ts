// How the proxy tells that the writer endpoint of a managed database (a backend with alwaysPrimary: Aurora's cluster
// endpoint, an RDS primary) now reaches a server that cannot write: after a failover the old writer comes back as a
// reader, and until the endpoint's DNS record has moved, connections to it answer every write with SQLSTATE 25006.
// PostgreSQL 14+ reports `in_hot_standby` and `default_transaction_read_only` (ParameterStatus) at login and whenever
// they change, which is what is read here; a client can set the latter itself, so it decides only where the client
// cannot have done that, and elsewhere makes the server's next 25006 be confirmed by asking the server.
import { errorResponse } from '../protocol/message-builders.ts';
import type { ServerError } from '../auth/auth-messages.ts';

export const READ_ONLY_TRANSACTION = '25006';
/** What a transaction-pooled client gets instead (see proxy/README.md, "Managed writer failover"). */
export const RETRY_TRANSACTION = '40001';

const IN_HOT_STANDBY = 'in_hot_standby';
const DEFAULT_READ_ONLY = 'default_transaction_read_only';

/**
 * What a writer's server is asked after a 25006 its reports do not explain: it fails with 25006 exactly when the
 * server cannot write by its own doing: in recovery (a replica, as the old writer of RDS or Aurora is after a
 * failover), or read-only by default where no session SET is the reason (reset_val: what RESET would bring back,
 * the configuration's, the role's or the database's value; the proxy logs in to servers without client settings).
 * Schema-qualified: it runs in a client's session, whose search_path may put a look-alike before pg_catalog.
 */
export const CONFIRM_READ_ONLY_SQL =
  "DO $$BEGIN IF pg_catalog.pg_is_in_recovery() OR (SELECT reset_val = 'on' FROM pg_catalog.pg_settings WHERE name = 'default_transaction_read_only') "
  + "THEN RAISE EXCEPTION 'read-only server' USING ERRCODE = 'read_only_sql_transaction'; END IF; END$$";

/**
 * Whether a writer's 25006 must be confirmed by asking the server: it never reports whether it can write (before
 * PostgreSQL 14 it reports no in_hot_standby at login), or the read-only default it last reported may have been a
 * client's own (`clientsDefault`, see readOnlyDefaultIn).
 */
export function mustAskServer(parameters: ReadonlyMap<string, string>, clientsDefault: boolean): boolean {
  return !parameters.has(IN_HOT_STANDBY) || clientsDefault;
}

/** A ParameterStatus report of the read-only default: whether it is now on; null when it reports another setting. */
export function readOnlyDefaultIn(name: string, value: string): boolean | null {
  return name === DEFAULT_READ_ONLY ? value === 'on' : null;
}

/**
 * A reported setting says the server cannot write: a hot standby (no client can set that), or read-only by default
 * where the client's own settings cannot be the reason (`clientMaySetIt` is false only for a report in the response
 * to a write that failed with 25006).
 */
export function reportsReadOnly(name: string, value: string, clientMaySetIt: boolean): boolean {
  if (value !== 'on') return false;
  return name === IN_HOT_STANDBY || (name === DEFAULT_READ_ONLY && !clientMaySetIt);
}

/** After login: the server reported itself read-only (it logs in without client settings: that is its own). */
export function readOnlyAtLogin(parameters: ReadonlyMap<string, string>): boolean {
  return [...parameters].some(([name, value]) => reportsReadOnly(name, value, false));
}

/**
 * The 25006 a transaction-pooled client gets when its statement reached the old writer, as a serialization failure:
 * class 40 says the transaction was rolled back and may be retried as a whole, which retry loops and drivers act on;
 * 25006 says the client asked for something a read-only transaction cannot do, which it must not retry.
 */
export function retryableWriteError(original: ServerError, backendName: string): Buffer {
  return errorResponse(
    'ERROR',
    RETRY_TRANSACTION,
    `${original.message}: the writer ${backendName} turned read-only (a failover); the transaction did not commit, retry it`,
  );
}

/** Why a session-pooled client is disconnected when its server turned read-only under it. */
export function readOnlySessionReason(backendName: string): string {
  return `the writer ${backendName} turned read-only (a failover); nothing of the failed transaction committed, reconnect and retry`;
}
