// tls.client against real PostgreSQL: the proxy refuses plaintext clients under require and never offers TLS
// under disable.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startPgCluster, type PgCluster } from '../support/pg-cluster.ts';
import { makeTestCertificates, type TestCertificates } from '../support/test-tls.ts';
import { startProxyFor, sqlstateOf, type ProxyUnderTest } from './proxy-fixture.ts';

let plainCluster: PgCluster;
let dir: string;
let certs: TestCertificates;
let running: ProxyUnderTest | null = null;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pgtopo-tls-test-'));
  certs = makeTestCertificates(dir);
  plainCluster = await startPgCluster({ standbys: 0 });
});

afterEach(async () => {
  await running?.proxy.stop(0);
  running = null;
});

afterAll(async () => {
  await plainCluster?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function proxyFor(cluster: PgCluster, overrides: Record<string, unknown>): Promise<ProxyUnderTest> {
  running = await startProxyFor(cluster, overrides);
  return running;
}

async function loginError(proxy: ProxyUnderTest, options: object = {}): Promise<string> {
  try {
    const client = await proxy.client(options);
    await client.end();
    return 'no error';
  } catch (error) {
    return (error as Error).message;
  }
}

describe('tls.client', () => {
  it('require refuses a plaintext client with 28000 before authentication, and serves a TLS client', async () => {
    const proxy = await proxyFor(plainCluster, { tls: { certFile: certs.certFile, keyFile: certs.keyFile, client: 'require', backend: 'disable' } });
    expect(await sqlstateOf(proxy.client({ ssl: false, password: 'not the password' }))).toBe('28000');
    expect(await loginError(proxy, { ssl: false })).toMatch(/no encryption: the proxy accepts only TLS connections/);
    const client = await proxy.client({ ssl: { rejectUnauthorized: false } });
    expect((await client.query('SELECT 1 AS one')).rows[0].one).toBe(1);
    await client.end();
  });

  it('disable answers an SSLRequest with N, so a client insisting on TLS cannot connect', async () => {
    const proxy = await proxyFor(plainCluster, { tls: { certFile: certs.certFile, keyFile: certs.keyFile, client: 'disable', backend: 'disable' } });
    expect(await loginError(proxy, { ssl: { rejectUnauthorized: false } })).toBe('The server does not support SSL connections');
    const client = await proxy.client({ ssl: false });
    await client.end();
  });
});
