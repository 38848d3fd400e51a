// The proxy's own node-postgres clients (monitoring, catalog lookups) with tls.backend. node-postgres has no
// sslmode prefer: its `ssl` option either insists on TLS or never asks. prefer therefore asks for TLS and, when the
// server answers that it has none, connects again without: a second connection only to servers without TLS, and
// only when such a client is (re)opened, never per query.
import pg from 'pg';
import { backendTlsOptions, type BackendTls } from './backend-tls.ts';

/** node-postgres's error for a server that answered the SSLRequest with 'N'. */
const NO_SSL = 'The server does not support SSL connections';

async function connected(config: pg.ClientConfig): Promise<pg.Client> {
  const client = new pg.Client(config);
  client.on('error', () => undefined); // failures reach connect(); callers add their own listeners afterwards
  try {
    await client.connect();
    return client;
  } catch (error) {
    void client.end().catch(() => undefined);
    throw error;
  }
}

/** A connected client to `config.host` with the TLS of tls.backend. */
export async function connectPgClient(config: pg.ClientConfig, tls: BackendTls): Promise<pg.Client> {
  if (tls.mode === 'disable') return connected({ ...config, ssl: false });
  try {
    return await connected({ ...config, ssl: backendTlsOptions(tls, config.host ?? '') });
  } catch (error) {
    if (tls.mode !== 'prefer' || (error as Error).message !== NO_SSL) throw error;
    return connected({ ...config, ssl: false });
  }
}
