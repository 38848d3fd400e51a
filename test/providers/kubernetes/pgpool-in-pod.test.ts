// Pgpool-II as a proxy pod runs it, with real parts: the ConfigMap files the kubernetes provider renders (only
// the Services' addresses, the ports and the pod's directories swapped for this machine's), the image's entrypoint,
// Debian's Pgpool-II run as an unprivileged user, and a Secrets volume laid out as kubelet projects it, its files
// root-owned 0440 in the fsGroup as the pod spec asks. Pgpool-II serves TLS with that key (and does not warn about
// its mode), and a password rotated in the Secret is taken by reload three times in a row (the old one then refused)
// while a session opened before each rotation keeps its server and commits.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TLSSocket } from 'node:tls';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { effectiveFeatures } from '../../../engine/features/effective-features.ts';
import { allocateFreePort } from '../../../providers/local/free-port.ts';
import { resolveDbOsUser, type DbOsUser } from '../../../providers/local/os-user.ts';
import { kubernetesManifests } from '../../../providers/kubernetes/kubernetes-manifests.ts';
import { RUN_DIR } from '../../../providers/kubernetes/proxy-config-files.ts';
import { SECRETS_DIR } from '../../../providers/kubernetes/secret-key-delivery.ts';
import type { KubernetesCluster } from '../../../schemas/topology.ts';
import { eventually, startPgCluster, type PgCluster } from '../../support/pg-cluster.ts';

const ENTRYPOINT = join(import.meta.dirname, '../../../providers/kubernetes/image/proxy-entrypoint.sh');
const ROUNDS = 3;
const TLS = { rejectUnauthorized: false };

let cluster: PgCluster;
let dir: string;
let user: DbOsUser;
let port: number;
let entrypoint: ChildProcess | undefined;
let stderr = '';

const cut = (name: string) => join(dir, name);

/** The provider's ConfigMap files for Pgpool-II, pointed at this machine's cluster and directories. */
async function configMapFiles(): Promise<Record<string, string>> {
  const k8s: KubernetesCluster = {
    environment: 'kubernetes', namespace: 'shop', postgres: { operator: 'cloudnativepg', cluster: 'app-db' },
    proxy: { engine: 'pgpool2', tls: { certSecret: 'app-proxy-tls', client: 'require' } },
  };
  const users = [{ name: 'app', password: { fromSecret: { name: 'app-db-app', key: 'password' } } }];
  const configMap = kubernetesManifests({ topologyName: 'app', clusterName: 'app', cluster: k8s, features: effectiveFeatures('app', k8s), users })
    .find((object) => object.kind === 'ConfigMap')!;
  const pcpPort = await allocateFreePort();
  const [primary, standby] = [cluster.primary, cluster.standbys[0]!];
  const local = (text: string) => text.replaceAll(RUN_DIR, cut('run')).replaceAll(SECRETS_DIR, cut('secrets'))
    .replaceAll("'0.0.0.0'", "'127.0.0.1'").replace(/^port = \d+$/m, `port = ${port}`).replace(/^pcp_port = \d+$/m, `pcp_port = ${pcpPort}`)
    .replace("backend_hostname0 = 'app-db-rw.shop.svc'", `backend_hostname0 = '${primary.host}'`).replace(/^backend_port0 = \d+$/m, `backend_port0 = ${primary.port}`)
    .replace("backend_hostname1 = 'app-db-ro.shop.svc'", `backend_hostname1 = '${standby.host}'`).replace(/^backend_port1 = \d+$/m, `backend_port1 = ${standby.port}`);
  const data = configMap.data as Record<string, string>;
  return Object.fromEntries(['pgpool.conf', 'pool_hba.conf', 'passwords.list'].map((name) => [name, local(data[name]!)]));
}

/** Version `version` of the Secrets volume, swapped in as kubelet does, files 0440 root-owned in the fsGroup. */
function secretsVersion(version: string, password: string, certificate?: { cert: string; key: string }): void {
  const root = cut('secrets');
  const files: Record<string, Record<string, string>> = { 'app-db-app': { password } };
  if (certificate) files['app-proxy-tls'] = { 'tls.crt': certificate.cert, 'tls.key': certificate.key };
  for (const [secret, keys] of Object.entries(files)) {
    mkdirSync(join(root, `..${version}`, secret), { recursive: true, mode: 0o755 });
    for (const [key, text] of Object.entries(keys)) {
      const file = join(root, `..${version}`, secret, key);
      writeFileSync(file, text, { mode: 0o440 });
      if (user.isRoot) chownSync(file, 0, user.gid);
    }
  }
  symlinkSync(`..${version}`, join(root, '..data_tmp'));
  renameSync(join(root, '..data_tmp'), join(root, '..data'));
}

function selfSigned(): { cert: string; key: string } {
  const work = mkdtempSync(join(tmpdir(), 'pgtopo-cert-'));
  try {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(work, 'k'), '-out', join(work, 'c'), '-subj', '/CN=proxy', '-days', '1'], { stdio: 'ignore' });
    return { cert: execFileSync('cat', [join(work, 'c')], { encoding: 'utf8' }), key: execFileSync('cat', [join(work, 'k')], { encoding: 'utf8' }) };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

async function login(password: string): Promise<pg.Client> {
  const client = new pg.Client({ host: '127.0.0.1', port, user: 'app', password, database: 'postgres', ssl: TLS });
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

beforeAll(async () => {
  user = resolveDbOsUser();
  cluster = await startPgCluster({ standbys: 1 });
  await cluster.query(cluster.primary, "CREATE ROLE app LOGIN PASSWORD 'password-0'");
  await cluster.waitForStreaming(cluster.primary, ['standby1']);
  dir = mkdtempSync(join(tmpdir(), 'pgtopo-pod-'));
  chmodSync(dir, 0o755);
  port = await allocateFreePort();
  mkdirSync(cut('config'), { mode: 0o755 });
  for (const [name, text] of Object.entries(await configMapFiles())) writeFileSync(join(cut('config'), name), text, { mode: 0o644 });
  mkdirSync(cut('run'), { mode: 0o700 });
  mkdirSync(cut('secrets'), { mode: 0o755 });
  if (user.isRoot) chownSync(cut('run'), user.uid, user.gid);
  secretsVersion('v0', 'password-0', selfSigned());
  for (const secret of ['app-db-app', 'app-proxy-tls']) symlinkSync(join('..data', secret), join(cut('secrets'), secret));
  entrypoint = spawn('sh', [ENTRYPOINT, 'pgpool2'], {
    env: {
      PATH: '/usr/sbin:/usr/bin:/bin', PGTOPO_CONFIG_DIR: cut('config'), PGTOPO_RUN_DIR: cut('run'), PGTOPO_SECRETS_DIR: cut('secrets'),
      PGTOPO_CONFIG_POLL_SECONDS: '0.2',
    },
    ...(user.isRoot ? { uid: user.uid, gid: user.gid } : {}),
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: true,
  });
  entrypoint.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  await eventually('Pgpool-II to take a TLS login', () => login('password-0').then(async (client) => (await client.end(), true), () => false), (ok) => ok, 60_000)
    .catch((error: Error) => {
      throw new Error(`${error.message}\n${stderr}`);
    });
}, 120_000);

afterAll(async () => {
  if (entrypoint && entrypoint.exitCode === null) {
    const exited = new Promise((resolve) => entrypoint!.once('exit', resolve));
    entrypoint.kill('SIGTERM'); // as kubelet stops the pod: the entrypoint passes it on, Pgpool-II shuts down
    const killer = setTimeout(() => {
      try {
        process.kill(-entrypoint!.pid!, 'SIGKILL');
      } catch {
        // gone meanwhile
      }
    }, 20_000);
    await exited;
    clearTimeout(killer);
  }
  await cluster?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
}, 60_000);

describe('Pgpool-II in a proxy pod', () => {
  it('serves TLS with the key as kubelet projects it', async () => {
    const client = await login('password-0');
    try {
      const stream = (client as unknown as { connection: { stream: TLSSocket } }).connection.stream;
      expect(stream.encrypted).toBe(true);
      expect(stream.getPeerCertificate().subject.CN).toBe('proxy');
    } finally {
      await client.end();
    }
    if (user.isRoot) expect(stderr).not.toContain('has group or world access');
  });

  it('takes a password rotated in the Secret by reload, three times, keeping the sessions it has', async () => {
    let previous = 'password-0';
    for (let round = 1; round <= ROUNDS; round++) {
      const password = `password-${round}`;
      // Pgpool-II's children each reload when they next wake, so one may take the last round's password a moment late.
      const session = (await eventually(`round ${round}: a login with the current password`, () => login(previous).catch(() => null), (client) => client !== null, 30_000))!;
      await session.query('BEGIN');
      const pid = (await session.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
      await cluster.query(cluster.primary, `ALTER ROLE app PASSWORD '${password}'`);
      secretsVersion(`v${round}`, password);
      const fresh = await eventually(`round ${round}: the new password to be taken`, () => login(password).catch(() => null), (client) => client !== null, 30_000);
      expect((await fresh!.query<{ u: string }>('SELECT current_user AS u')).rows[0]!.u).toBe('app');
      await fresh!.end();
      const refused = (outcome: string) => /authentication failed/.test(outcome);
      await eventually(`round ${round}: the old password to be refused`, () => login(previous).then(async (client) => (await client.end(), 'accepted'), (error: Error) => error.message), refused, 30_000);
      expect((await session.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid).toBe(pid);
      await session.query('COMMIT');
      await session.end();
      previous = password;
    }
    expect(stderr).not.toContain('kept the previous pool_passwd');
    expect(stderr).not.toContain('password-');
  }, 120_000);
});
