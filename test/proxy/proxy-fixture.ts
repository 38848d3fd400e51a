// Starts the proxy in-process in front of a throw-away cluster, with config overrides per test file.
import pg from 'pg';
import type { PgCluster } from '../support/pg-cluster.ts';
import { silentLogger, type Logger } from '../../proxy/log.ts';
import { parseProxyConfig, type ProxyConfig } from '../../proxy/proxy-config.ts';
import { startProxy, type ProxyServer } from '../../proxy/server.ts';

export interface ProxyUnderTest {
  proxy: ProxyServer;
  config: ProxyConfig;
  port: number;
  client(options?: Partial<pg.ClientConfig>): Promise<pg.Client>;
}

export function proxyConfigFor(cluster: PgCluster, overrides: Record<string, unknown> = {}): ProxyConfig {
  return parseProxyConfig({
    listen: { host: '127.0.0.1', port: 0 },
    backends: [
      { name: 'primary', host: cluster.primary.host, port: cluster.primary.port, role: 'primary' },
      ...cluster.standbys.map((s) => ({ name: s.name, host: s.host, port: s.port, role: 'standby' })),
    ],
    users: [{ name: 'postgres', password: cluster.password, admin: true }],
    ...overrides,
  });
}

export async function startProxyFor(cluster: PgCluster, overrides: Record<string, unknown> = {}, log: Logger = silentLogger): Promise<ProxyUnderTest> {
  const config = proxyConfigFor(cluster, overrides);
  const proxy = await startProxy({ config, log });
  const port = proxy.port;
  return {
    proxy,
    config,
    port,
    async client(options = {}) {
      const client = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', password: cluster.password, database: 'postgres', ...options });
      client.on('error', () => undefined);
      await client.connect();
      return client;
    },
  };
}

/** The SQLSTATE of a rejected promise (or 'no error'). */
export async function sqlstateOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'no error';
  } catch (error) {
    return (error as { code?: string }).code ?? `no sqlstate: ${(error as Error).message}`;
  }
}
