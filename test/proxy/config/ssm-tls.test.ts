// A proxy on EC2 whose image carries no certificate: its certificate and key are the values of SSM parameters
// (tls.certParameter, tls.keyParameter), read with the config. A renewal is a new Version of them: the poll applies
// it like any reload, so the next TLS handshake presents the new certificate while connected clients stay. The key
// never reaches the log.
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../proxy/log.ts';
import { startProxy } from '../../../proxy/server.ts';
import { eventually, startPgCluster, type PgCluster } from '../../support/pg-cluster.ts';
import { fingerprintOf, makeTestCertificates, presentedCertificate, type TestCertificates } from '../../support/test-tls.ts';
import { ssmFakeForEachTest, type SsmFake } from './ssm-fake.ts';

const CONFIG = '/pgtopo/shop/orders/proxy-config';
const SECRET = '/pgtopo/shop/orders/secrets/postgres';
const CERT = '/shop/tls/cert';
const KEY = '/shop/tls/key';

let cluster: PgCluster;
let dir: string;
let first: TestCertificates;
let renewed: TestCertificates;
const fake = ssmFakeForEachTest();
let ssm: SsmFake;

function certificatesIn(name: string): TestCertificates {
  const into = join(dir, name);
  mkdirSync(into);
  return makeTestCertificates(into);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pgtopo-ssm-tls-'));
  first = certificatesIn('first');
  renewed = certificatesIn('renewed');
  cluster = await startPgCluster({ standbys: 0 });
}, 60_000);

afterAll(async () => {
  await cluster?.stop();
  rmSync(dir, { recursive: true, force: true });
});

beforeEach(() => {
  ssm = fake();
});

const pem = (file: string): string => readFileSync(file, 'utf8');

function putCertificate(certificates: TestCertificates): void {
  ssm.put(KEY, pem(certificates.keyFile), 'SecureString');
  ssm.put(CERT, pem(certificates.certFile));
}


describe('a proxy whose certificate is an SSM parameter', () => {
  it('serves it, takes a renewal without dropping clients, and never logs the key', async () => {
    ssm.put(SECRET, cluster.password, 'SecureString');
    putCertificate(first);
    ssm.put(CONFIG, JSON.stringify({
      listen: { host: '127.0.0.1', port: 0 },
      backends: [{ name: 'writer', host: cluster.primary.host, port: cluster.primary.port, alwaysPrimary: true }],
      users: [{ name: 'postgres', password: { ssm: SECRET } }],
      tls: { certParameter: CERT, keyParameter: KEY, client: 'require', backend: 'disable' },
    }));
    const lines: string[] = [];
    const proxy = await startProxy({ configPath: `ssm:${CONFIG}`, configPollMs: 100, log: createLogger('proxy', { write: (line) => lines.push(line) }) });
    const client = new pg.Client({ host: '127.0.0.1', port: proxy.port, user: 'postgres', password: cluster.password, database: 'postgres', ssl: { rejectUnauthorized: false } });
    try {
      expect(await presentedCertificate(proxy.port, first.caFile)).toBe(fingerprintOf(first.certFile));
      await client.connect(); // client: require, so a login is one over TLS

      putCertificate(renewed);
      await eventually('the renewed certificate to be presented', () => presentedCertificate(proxy.port, renewed.caFile).catch((error: Error) => error.message),
        (fingerprint) => fingerprint === fingerprintOf(renewed.certFile));
      expect((await client.query<{ one: number }>('SELECT 1 AS one')).rows[0]!.one).toBe(1);
    } finally {
      await client.end().catch(() => {});
      await proxy.stop(0);
    }
    const log = lines.join('\n');
    for (const certificates of [first, renewed]) expect(log).not.toContain(pem(certificates.keyFile).split('\n')[1]);
  });

  it('refuses to start when a TLS parameter is missing, naming it', async () => {
    ssm.put(SECRET, cluster.password, 'SecureString');
    ssm.put(CERT, pem(first.certFile));
    ssm.put(CONFIG, JSON.stringify({
      listen: { host: '127.0.0.1', port: 0 },
      backends: [{ name: 'writer', host: cluster.primary.host, port: cluster.primary.port }],
      users: [{ name: 'postgres', password: { ssm: SECRET } }],
      tls: { certParameter: CERT, keyParameter: KEY },
    }));
    await expect(startProxy({ configPath: `ssm:${CONFIG}`, log: createLogger('proxy', { write: () => {} }) })).rejects.toThrow(`SSM parameter ${KEY}: not found`);
  });
});
