// A renewed certificate reaches a running proxy without dropping anyone: the proxy process (two workers, as a pod
// may run it) reads its certificate and key from a directory laid out the way kubelet lays out a Secret volume
// (a version directory, `..data` pointing at it, swapped by a rename), and each SIGHUP — what the image's
// entrypoint sends when `..data` changes — makes both workers present the new certificate to new clients. A
// client connected before every renewal keeps its session, and a transaction open across one commits on one
// server. Three renewals in a row.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, symlinkSync } from 'node:fs';
import { X509Certificate } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TLSSocket } from 'node:tls';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startPgCluster, type PgCluster } from '../support/pg-cluster.ts';
import { startWorkerProxy, type WorkerProxy } from './workers/worker-proxy-process.ts';

const SECRET = 'proxy-tls';
const RENEWALS = 3;
const NEW_CLIENTS = 12;
const TLS = { rejectUnauthorized: false };

let cluster: PgCluster;
let proxy: WorkerProxy;
let volume: string;

/** Writes a self-signed certificate as version `version` of the volume and swaps `..data` to it, as kubelet does. */
function renew(version: string): string {
  const dir = join(volume, `..${version}`, SECRET);
  mkdirSync(dir, { recursive: true });
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'tls.key'), '-out', join(dir, 'tls.crt'),
    '-subj', `/CN=proxy-${version}`, '-days', '1'], { stdio: 'ignore' });
  symlinkSync(`..${version}`, join(volume, '..data_tmp'));
  renameSync(join(volume, '..data_tmp'), join(volume, '..data'));
  return new X509Certificate(readFileSync(join(dir, 'tls.crt'))).fingerprint256;
}

function presented(client: pg.Client): string {
  const stream = (client as unknown as { connection: { stream: TLSSocket } }).connection.stream;
  return stream.getPeerCertificate().fingerprint256;
}

beforeAll(async () => {
  volume = mkdtempSync(join(tmpdir(), 'pgtopo-tls-volume-'));
  renew('v0');
  symlinkSync(join('..data', SECRET), join(volume, SECRET));
  cluster = await startPgCluster({ standbys: 0 });
  proxy = await startWorkerProxy(cluster, 2, {
    tls: { certFile: join(volume, SECRET, 'tls.crt'), keyFile: join(volume, SECRET, 'tls.key'), client: 'allow' },
    router: { loadBalancing: false },
  });
}, 120_000);

afterAll(async () => {
  proxy?.kill();
  await proxy?.exited;
  await cluster?.stop();
  if (volume) rmSync(volume, { recursive: true, force: true });
});

describe('a certificate renewed in a Secret-style volume', () => {
  it('reaches both workers on SIGHUP, for new clients only, and drops no session or transaction', async () => {
    const longLived = await proxy.client({ ssl: TLS });
    const first = presented(longLived);
    for (let round = 1; round <= RENEWALS; round++) {
      await longLived.query('BEGIN');
      const pid = (await longLived.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
      const renewed = renew(`v${round}`);
      const reloads = (proxy.stderr.match(/"msg":"configuration reloaded"/g) ?? []).length;
      proxy.signal('SIGHUP');
      await eventually('both workers reloaded', async () => (proxy.stderr.match(/"msg":"configuration reloaded"/g) ?? []).length - reloads, (n) => n === 2);
      const fresh = await Promise.all(Array.from({ length: NEW_CLIENTS }, () => proxy.client({ ssl: TLS, application_name: `round${round}` })));
      expect(fresh.map(presented)).toEqual(fresh.map(() => renewed));
      const workers = new Set((await proxy.admin<{ application_name: string; worker: string }>('SHOW CLIENTS'))
        .filter((row) => row.application_name === `round${round}`).map((row) => row.worker));
      expect([...workers].sort()).toEqual(['0', '1']);
      await Promise.all(fresh.map((client) => client.end()));
      expect((await longLived.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid).toBe(pid);
      await longLived.query('COMMIT');
      expect(presented(longLived)).toBe(first);
    }
    await longLived.end();
  });
});
