// The proxy's own node-postgres clients (monitoring, failover, catalog lookups) with tls.backend, to the address the
// backend's host name has now by the proxy's resolver (dns.servers, TTL), as the pooled connections. node-postgres has no
// sslmode prefer: its `ssl` option either insists on TLS or never asks. prefer therefore asks for TLS and, when the
// server answers that it has none, connects again without: a second connection only to servers without TLS, and
// only when such a client is (re)opened, never per query.
import pg from 'pg';
import { backendTlsOptions, type BackendTls } from './backend-tls.ts';
import type { BackendAddressResolver } from './backend-address-resolver.ts';

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

/**
 * A connected client to `config.host` with the TLS of tls.backend. The certificate is checked against the host
 * name; the connection goes to the address `addresses` has for it.
 */
export async function connectPgClient(config: pg.ClientConfig & { host: string }, tls: BackendTls, addresses: BackendAddressResolver): Promise<pg.Client> {
  const resolved = { ...config, host: await addresses.address(config.host) };
  if (tls.mode === 'disable') return connected({ ...resolved, ssl: false });
  try {
    return await connected({ ...resolved, ssl: backendTlsOptions(tls, config.host) });
  } catch (error) {
    if (tls.mode !== 'prefer' || (error as Error).message !== NO_SSL) throw error;
    return connected({ ...resolved, ssl: false });
  }
}
