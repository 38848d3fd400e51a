// tls.client and tls.backend against real PostgreSQL: the proxy refuses plaintext clients under require and never
// offers TLS under disable; towards the backends it negotiates as libpq's sslmode (prefer, require, verify-full)
// against a server with ssl=on and a hostssl-only pg_hba.conf, and against one with ssl=off.
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { connect as connectTls } from 'node:tls';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startPgCluster, type PgCluster } from '../support/pg-cluster.ts';
import { sendCancelRequest } from '../../proxy/cancel.ts';
import { makeTestCertificates, requireTlsOn, type TestCertificates } from '../support/test-tls.ts';
import { startProxyFor, sqlstateOf, type ProxyUnderTest } from './proxy-fixture.ts';

let tlsCluster: PgCluster;
let plainCluster: PgCluster;
let dir: string;
let certs: TestCertificates;
let running: ProxyUnderTest | null = null;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pgtopo-tls-test-'));
  certs = makeTestCertificates(dir);
  [tlsCluster, plainCluster] = await Promise.all([startPgCluster({ standbys: 0 }), startPgCluster({ standbys: 0 })]);
  await requireTlsOn(tlsCluster, certs);
});

afterEach(async () => {
  await running?.proxy.stop(0);
  running = null;
});

afterAll(async () => {
  await Promise.all([tlsCluster?.stop(), plainCluster?.stop()]);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function proxyFor(cluster: PgCluster, overrides: Record<string, unknown>): Promise<ProxyUnderTest> {
  running = await startProxyFor(cluster, overrides);
  return running;
}

/** The one backend, addressed by `host` (the server certificate names only localhost). */
function backendAt(cluster: PgCluster, host: string): { backends: object[] } {
  return { backends: [{ name: 'primary', host, port: cluster.primary.port, role: 'primary' }] };
}

/** Whether the server connection the proxy gave this client uses TLS (pg_stat_ssl, as the server sees it). */
async function serverSideSsl(proxy: ProxyUnderTest): Promise<boolean> {
  const client = await proxy.client();
  try {
    const { rows } = await client.query<{ ssl: boolean }>('SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()');
    return rows[0].ssl;
  } finally {
    await client.end();
  }
}

/** Health checks every minute: the monitoring connection opens at start and stays. */
const healthCheck = { periodMs: 60_000, timeoutMs: 5000, retries: 0, retryDelayMs: 0 };

/** Whether the proxy's monitoring connections use TLS, once one is open. */
async function monitorSsl(proxy: ProxyUnderTest): Promise<boolean[]> {
  const client = await proxy.client();
  try {
    const rows = await eventually('the monitoring connection', async () => (await client.query<{ ssl: boolean }>(
      "SELECT s.ssl FROM pg_stat_ssl s JOIN pg_stat_activity a USING (pid) WHERE a.application_name = 'pgtopo-monitor'",
    )).rows, (found) => found.length > 0);
    return rows.map((row) => row.ssl);
  } finally {
    await client.end();
  }
}

/** An 8-byte untyped request packet (SSLRequest, GSSENCRequest) with its request code. */
function requestCode(code: number): Buffer {
  const packet = Buffer.alloc(8);
  packet.writeInt32BE(8, 0);
  packet.writeInt32BE(code, 4);
  return packet;
}

/** A StartupMessage asking for protocol 2.0, which the proxy refuses. */
function protocolTwoStartup(): Buffer {
  const packet = Buffer.alloc(9);
  packet.writeInt32BE(9, 0);
  packet.writeInt32BE(2 << 16, 4);
  return packet;
}

/** Everything the proxy sends over TLS, after its 'S', in answer to `packet`, until it closes the connection. */
async function answerOverTls(port: number, packet: Buffer): Promise<Buffer> {
  const socket = connect({ host: '127.0.0.1', port });
  socket.on('error', () => undefined);
  socket.write(requestCode(80877103)); // SSLRequest
  const accepted = await new Promise<string>((resolve) => socket.once('data', (chunk: Buffer) => resolve(chunk.toString('latin1'))));
  expect(accepted).toBe('S');
  const secured = connectTls({ socket, rejectUnauthorized: false });
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    secured.on('secureConnect', () => secured.write(packet));
    secured.on('data', (chunk: Buffer) => chunks.push(chunk));
    secured.on('error', reject);
    secured.on('close', () => resolve(Buffer.concat(chunks)));
  });
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

  it('answers a GSSENCRequest with N and then an SSLRequest with S, as libpq with gssencmode=prefer sends them', async () => {
    const proxy = await proxyFor(plainCluster, { tls: { certFile: certs.certFile, keyFile: certs.keyFile, client: 'require', backend: 'disable' } });
    const socket = connect({ host: '127.0.0.1', port: proxy.port });
    socket.on('error', () => undefined);
    const answers: string[] = [];
    const answered = new Promise<void>((resolve) => {
      socket.on('data', (chunk: Buffer) => {
        answers.push(chunk.toString('latin1'));
        if (answers.length === 1) socket.write(requestCode(80877103)); // SSLRequest
        else resolve();
      });
    });
    socket.write(requestCode(80877104)); // GSSENCRequest
    await answered;
    socket.destroy();
    expect(answers).toEqual(['N', 'S']);
  });

  it('answers a broken startup packet sent after the TLS upgrade with a FATAL over TLS, not a silent close', async () => {
    const proxy = await proxyFor(plainCluster, { tls: { certFile: certs.certFile, keyFile: certs.keyFile, client: 'allow', backend: 'disable' } });
    const answer = await answerOverTls(proxy.port, protocolTwoStartup());
    expect(answer.toString('latin1')).toMatch(/^E[\s\S]*SFATAL[\s\S]*C08P01[\s\S]*unsupported frontend protocol 2\.0/);
  });

  it('disable answers an SSLRequest with N, so a client insisting on TLS cannot connect', async () => {
    const proxy = await proxyFor(plainCluster, { tls: { certFile: certs.certFile, keyFile: certs.keyFile, client: 'disable', backend: 'disable' } });
    expect(await loginError(proxy, { ssl: { rejectUnauthorized: false } })).toBe('The server does not support SSL connections');
    const client = await proxy.client({ ssl: false });
    await client.end();
  });
});

describe('tls.backend', () => {
  it('require uses TLS for pooled and monitoring connections to a server with ssl=on', async () => {
    const proxy = await proxyFor(tlsCluster, { tls: { backend: 'require' }, healthCheck });
    expect(await serverSideSsl(proxy)).toBe(true);
    expect(await monitorSsl(proxy)).toEqual([true]);
  });

  it('cancels a statement on a TLS server connection (the cancel request itself goes in plaintext, as libpq sends it)', async () => {
    const proxy = await proxyFor(tlsCluster, { tls: { backend: 'require' } });
    const sleeper = await proxy.client();
    const watcher = await proxy.client();
    const sleeping = sleeper.query('SELECT pg_sleep(30)');
    await eventually('the statement to run', async () => (await watcher.query(
      "SELECT count(*)::int AS n FROM pg_stat_activity WHERE query = 'SELECT pg_sleep(30)' AND state = 'active'",
    )).rows[0].n, (n) => n === 1);
    // node-postgres keeps the BackendKeyData in untyped fields.
    sendCancelRequest('127.0.0.1', proxy.port, Reflect.get(sleeper, 'processID') as number, Reflect.get(sleeper, 'secretKey') as number);
    expect(await sqlstateOf(sleeping)).toBe('57014');
    await Promise.all([sleeper.end(), watcher.end()]);
  });

  it('require uses TLS for the router\'s catalog-lookup connection too', async () => {
    // Two entries for the one server give the router something to balance, so it looks up unknown functions.
    const replica = { name: 'replica', host: tlsCluster.primary.host, port: tlsCluster.primary.port, role: 'standby' };
    const proxy = await proxyFor(tlsCluster, { backends: [...backendAt(tlsCluster, tlsCluster.primary.host).backends, replica], tls: { backend: 'require' } });
    const client = await proxy.client();
    await client.query("CREATE OR REPLACE FUNCTION tls_lookup_probe() RETURNS int LANGUAGE sql STABLE AS 'SELECT 1'");
    await client.query('SELECT tls_lookup_probe()');
    const rows = await eventually('the catalog-lookup connection', async () => (await client.query<{ ssl: boolean }>(
      "SELECT s.ssl FROM pg_stat_ssl s JOIN pg_stat_activity a USING (pid) WHERE a.application_name = 'pgtopo-proxy-catalog'",
    )).rows, (found) => found.length > 0);
    expect(rows.map((row) => row.ssl)).toEqual([true]);
    await client.end();
  });

  it('require fails cleanly against a server with ssl=off', async () => {
    const proxy = await proxyFor(plainCluster, { tls: { backend: 'require' } });
    expect(await loginError(proxy)).toMatch(/cannot connect to backend primary .*server does not support SSL, but tls.backend is require/);
  });

  it('prefer uses TLS where the server has it and falls back to plaintext where it has not', async () => {
    const withTls = await proxyFor(tlsCluster, { tls: { backend: 'prefer' }, healthCheck });
    expect([await serverSideSsl(withTls), await monitorSsl(withTls)]).toEqual([true, [true]]);
    await withTls.proxy.stop(0);
    const withoutTls = await proxyFor(plainCluster, { tls: {}, healthCheck });
    expect([await serverSideSsl(withoutTls), await monitorSsl(withoutTls)]).toEqual([false, [false]]);
  });

  it('verify-full checks the certificate against tls.caFile and the host name', async () => {
    const wrongCa = await proxyFor(tlsCluster, { ...backendAt(tlsCluster, 'localhost'), tls: { backend: 'verify-full', caFile: certs.otherCaFile } });
    expect(await loginError(wrongCa)).toMatch(/cannot connect to backend primary .*(self-signed|unable to verify|unable to get local issuer)/);
    await wrongCa.proxy.stop(0);
    const wrongName = await proxyFor(tlsCluster, { ...backendAt(tlsCluster, '127.0.0.1'), tls: { backend: 'verify-full', caFile: certs.caFile } });
    expect(await loginError(wrongName)).toMatch(/cannot connect to backend primary .*does not match certificate/);
    await wrongName.proxy.stop(0);
    const right = await proxyFor(tlsCluster, { ...backendAt(tlsCluster, 'localhost'), tls: { backend: 'verify-full', caFile: certs.caFile } });
    expect(await serverSideSsl(right)).toBe(true);
  });

  it('refuses to start with a caFile it cannot read, naming the setting', async () => {
    const missing = join(dir, 'missing-ca.pem');
    await expect(proxyFor(tlsCluster, { tls: { backend: 'verify-full', caFile: missing } })).rejects.toThrow(`tls.caFile: cannot read ${missing} (ENOENT)`);
  });
});
