// A renewed certificate and a rotated password reach a running proxy without dropping anyone: the proxy process
// (two workers, as a pod may run it) reads its certificate, key and a user's password from a directory laid out the
// way kubelet lays out the projected Secrets volume (a version directory, `..data` pointing at it, swapped by a
// rename), and each SIGHUP — what the image's entrypoint sends when `..data` changes — makes both workers present
// the new certificate and take the new password, from clients and towards PostgreSQL. A client connected before
// every change keeps its session, and a transaction open across one commits on one server. Three rounds.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { X509Certificate } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TLSSocket } from 'node:tls';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startPgCluster, type PgCluster } from '../support/pg-cluster.ts';
import { startWorkerProxy, type WorkerProxy } from './workers/worker-proxy-process.ts';

const TLS_SECRET = 'proxy-tls';
const PASSWORD_SECRET = 'app-db';
const ROUNDS = 3;
const NEW_CLIENTS = 12;
const TLS = { rejectUnauthorized: false };

let cluster: PgCluster;
let proxy: WorkerProxy;
let volume: string;

/** Version `version` of the volume: a new self-signed certificate and `password`, swapped in as kubelet does. */
function secretsVersion(version: string, password: string): string {
  const tls = join(volume, `..${version}`, TLS_SECRET);
  mkdirSync(tls, { recursive: true });
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(tls, 'tls.key'), '-out', join(tls, 'tls.crt'),
    '-subj', `/CN=proxy-${version}`, '-days', '1'], { stdio: 'ignore' });
  mkdirSync(join(volume, `..${version}`, PASSWORD_SECRET));
  writeFileSync(join(volume, `..${version}`, PASSWORD_SECRET, 'password'), password);
  symlinkSync(`..${version}`, join(volume, '..data_tmp'));
  renameSync(join(volume, '..data_tmp'), join(volume, '..data'));
  return new X509Certificate(readFileSync(join(tls, 'tls.crt'))).fingerprint256;
}

function presented(client: pg.Client): string {
  const stream = (client as unknown as { connection: { stream: TLSSocket } }).connection.stream;
  return stream.getPeerCertificate().fingerprint256;
}

const reloads = () => (proxy.stderr.match(/"msg":"configuration reloaded"/g) ?? []).length;
const appClient = (password: string, name: string) => proxy.client({ user: 'app', password, ssl: TLS, application_name: name });

beforeAll(async () => {
  volume = mkdtempSync(join(tmpdir(), 'pgtopo-secrets-volume-'));
  secretsVersion('v0', 'password-0');
  for (const secret of [TLS_SECRET, PASSWORD_SECRET]) symlinkSync(join('..data', secret), join(volume, secret));
  cluster = await startPgCluster({ standbys: 0 });
  await cluster.query(cluster.primary, "CREATE ROLE app LOGIN PASSWORD 'password-0'");
  proxy = await startWorkerProxy(cluster, 2, {
    tls: { certFile: join(volume, TLS_SECRET, 'tls.crt'), keyFile: join(volume, TLS_SECRET, 'tls.key'), client: 'allow' },
    users: [{ name: 'postgres', password: cluster.password, admin: true }, { name: 'app', password: { file: join(volume, PASSWORD_SECRET, 'password') } }],
    router: { loadBalancing: false },
  });
}, 120_000);

afterAll(async () => {
  proxy?.kill();
  await proxy?.exited;
  await cluster?.stop();
  if (volume) rmSync(volume, { recursive: true, force: true });
});

describe('Secrets renewed in a projected-volume layout', () => {
  it('reach both workers on SIGHUP, for new logins only, and drop no session or transaction', async () => {
    const longLived = await appClient('password-0', 'long-lived');
    const first = presented(longLived);
    for (let round = 1; round <= ROUNDS; round++) {
      const [previous, password] = [`password-${round - 1}`, `password-${round}`];
      await longLived.query('BEGIN');
      const pid = (await longLived.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
      // The operator's order: PostgreSQL first, then the Secret.
      await cluster.query(cluster.primary, `ALTER ROLE app PASSWORD '${password}'`);
      const renewed = secretsVersion(`v${round}`, password);
      const before = reloads();
      proxy.signal('SIGHUP');
      await eventually('both workers reloaded', async () => reloads() - before, (n) => n === 2);
      // New server logins too: each of these clients needs a server of its own.
      const fresh = await Promise.all(Array.from({ length: NEW_CLIENTS }, () => appClient(password, `round${round}`)));
      await Promise.all(fresh.map((client) => client.query('BEGIN')));
      expect(fresh.map(presented)).toEqual(fresh.map(() => renewed));
      const workers = new Set((await proxy.admin<{ application_name: string; worker: string }>('SHOW CLIENTS'))
        .filter((row) => row.application_name === `round${round}`).map((row) => row.worker));
      expect([...workers].sort()).toEqual(['0', '1']);
      await Promise.all(fresh.map(async (client) => {
        await client.query('COMMIT');
        await client.end();
      }));
      await expect(appClient(previous, 'old-password')).rejects.toMatchObject({ code: '28P01' });
      expect((await longLived.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid).toBe(pid);
      await longLived.query('COMMIT');
      expect(presented(longLived)).toBe(first);
    }
    await longLived.end();
  });
});
