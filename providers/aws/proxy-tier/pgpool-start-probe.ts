// Before Pgpool-II starts on an instance (`pgtopo pgpool-files --before-start`): asks each backend, as the monitor
// user and with the tier's backend TLS, whether it is in recovery, for the status file that keeps Pgpool-II 4.3
// from crashing on an unreachable node (proxy/pgpool2/pgpool-start-status.ts). Over a network a node may only seem
// unreachable, so every member marks one down only when a primary answers (as a member that promotes does): then
// the node it cannot reach is never the only primary, and a standby it left out is attached again by auto_failback.
import pg from 'pg';
import { backendTlsOptions, type BackendTls } from '../../../proxy/backend/backend-tls.ts';
import type { ProxyBackendDocument, ProxyTierConfig } from '../../../proxy/config/proxy-tier-settings.ts';
import { tlsBackendMode } from '../../../proxy/config/proxy-defaults.ts';
import { pgpoolStartStatus, type NodeAtStart } from '../../../proxy/pgpool2/pgpool-start-status.ts';

const PROBE_TIMEOUT_MS = 3_000;

/** The status file to start Pgpool-II with, or null (start with every node up); `ca`: the PEM verify-full needs. */
export async function probedStartStatus(tier: ProxyTierConfig, password: string | undefined, ca: string | null): Promise<string | null> {
  const monitor = tier.monitorUser;
  if (!monitor || password === undefined) return null; // nobody to ask as: every node counts as up, as before
  const tls: BackendTls = { mode: tlsBackendMode(tier.config.tls), ca };
  const nodes = await Promise.all(tier.config.backends.map(async (backend) => [backend.id, await nodeAtStart(backend, monitor.name, password, tls)] as const));
  return pgpoolStartStatus(new Map(nodes), true);
}

async function nodeAtStart(backend: ProxyBackendDocument, user: string, password: string, tls: BackendTls): Promise<NodeAtStart> {
  const ssl = tls.mode === 'disable' ? false : backendTlsOptions(tls, backend.host);
  const first = await inRecovery(backend, user, password, ssl);
  const answer = first === 'no TLS' && tls.mode === 'prefer' ? await inRecovery(backend, user, password, false) : first;
  if (answer === true) return 'standby';
  if (answer === false) return 'primary';
  // A server that refused the login (a PostgreSQL error) is up: it counts as a standby, never as a primary.
  return answer === 'refused login' ? 'standby' : 'unreachable';
}

type Answer = boolean | 'no TLS' | 'refused login' | 'unreachable';

async function inRecovery(backend: ProxyBackendDocument, user: string, password: string, ssl: pg.ClientConfig['ssl']): Promise<Answer> {
  const client = new pg.Client({ host: backend.host, port: backend.port, user, password, database: 'postgres', ssl, connectionTimeoutMillis: PROBE_TIMEOUT_MS });
  client.on('error', () => {});
  try {
    await client.connect();
    const { rows } = await client.query<{ recovery: boolean }>('SELECT pg_is_in_recovery() AS recovery');
    return rows[0]?.recovery === true;
  } catch (error) {
    if (/does not support SSL/.test((error as Error).message)) return 'no TLS';
    return typeof (error as { code?: unknown }).code === 'string' && /^[0-9A-Z]{5}$/.test((error as { code: string }).code) ? 'refused login' : 'unreachable';
  } finally {
    await client.end().catch(() => {});
  }
}
