// What a proxy instance of an `engine: pgpool2` tier does, against real Pgpool-II (Debian's 4.3) and real
// PostgreSQL: `pgtopo apply` writes the config and the passwords into the (mocked, stateful) SSM of the AWS world,
// `pgtopo pgpool-files` on the "instance" fetches them and writes Pgpool-II's files, Pgpool-II starts from them and
// a client logs in through it. Then changes made by later applies reach the running Pgpool-II the way the user
// data's timer unit applies them: through `systemctl reload|restart` (a stand-in on PATH that signals or records).
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allocateFreePort } from '../../../../providers/local/free-port.ts';
import { makeTraversable, resolveDbOsUser } from '../../../../providers/local/os-user.ts';
import { isProcessAlive } from '../../../../providers/local/postmaster-process.ts';
import { startProxyProcess, stopProxyProcess } from '../../../../providers/local/proxy-process.ts';
import { FakeImds } from '../../../support/fake-imds.ts';
import { eventually, startPgCluster, type PgCluster } from '../../../support/pg-cluster.ts';
import { fingerprintOf, makeTestCertificates, presentedCertificate, type TestCertificates } from '../../../support/test-tls.ts';
import { runCliCaptured, type CliResult } from '../run-cli-captured.ts';
import { installAwsWorld, type AwsWorld } from '../world/aws-world.ts';

const REGION = 'ap-northeast-1';
const PARAMETER = '/pgtopo/shop/orders/proxy-config/0';
const user = resolveDbOsUser();

let cluster: PgCluster;
let world: AwsWorld;
let imds: FakeImds;
let root: string;
let filesDir: string;
let systemctlLog: string;
let proxyPort: number;
let pcpPort: number;
const savedEnv = { PATH: process.env.PATH, AWS_REGION: process.env.AWS_REGION };

interface Settings { logLevel: string; backends: number; poolSize?: number; tls?: boolean }

const CERT_PARAMETER = '/shop/tls/cert';
const KEY_PARAMETER = '/shop/tls/key';

function topology(options: Settings): string {
  const nodes = [cluster.primary, ...cluster.standbys].slice(0, options.backends);
  return `version: 1
name: shop
clusters:
  orders:
    environment: ec2
    region: ${REGION}
    vpc: { id: vpc-0a1b2c3d, cidr: 10.0.0.0/16 }
    backends:
      static:
${nodes.map((node, index) => `        - { name: pg${index}, host: 127.0.0.1, port: ${node.port} }`).join('\n')}
    proxy:
      engine: pgpool2
      instances: 1
      port: ${proxyPort}
      subnets: [subnet-0a1b]
      logLevel: ${options.logLevel}
      pooling: { poolSize: ${options.poolSize ?? 4} }
${options.tls ? `      tls: { certParameter: ${CERT_PARAMETER}, keyParameter: ${KEY_PARAMETER}, client: allow }\n` : ''}      healthCheck: { period: 1s, timeout: 1s, retries: 1 }
      ha: { method: none }
users:
  - name: app
    admin: true
    password: { fromEnv: APP_DB_PASSWORD }
`;
}

async function apply(options: Settings): Promise<void> {
  const file = join(root, 'pgtopo.yaml');
  writeFileSync(file, topology(options));
  const applied = await runCliCaptured(['apply', file, '--auto-approve']);
  expect(applied.code, applied.stderr + applied.stdout).toBe(0);
}

function pgpoolFiles(...extra: string[]): Promise<CliResult> {
  return runCliCaptured(['pgpool-files', '--config', `ssm:${PARAMETER}`, '--dir', filesDir, '--run-dir', filesDir,
    '--owner', user.name, '--pcp-port', String(pcpPort), ...extra]);
}

/** As the unit starts it: from the node states `--before-start` wrote, when asked to keep them (no -D). */
function startPgpool(keepStatus = false): Promise<number> {
  return startProxyProcess({ dir: filesDir, engine: 'pgpool2', configFile: join(filesDir, 'pgpool.conf'), host: '127.0.0.1', port: proxyPort, env: {}, user, keepStatus });
}

async function throughPgpool<T extends pg.QueryResultRow>(sql: string, password = process.env.APP_DB_PASSWORD): Promise<T[]> {
  const client = new pg.Client({ host: '127.0.0.1', port: proxyPort, user: 'app', password, database: 'postgres' });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  cluster = await startPgCluster({ standbys: 2 });
  await cluster.query(cluster.primary, "CREATE ROLE app LOGIN PASSWORD 'app-secret-1'");
  world = installAwsWorld();
  world.ec2ProxyTier.addSubnet(REGION, 'subnet-0a1b', 'vpc-0a1b2c3d', `${REGION}a`);
  // The "instance" pgpool-files runs on, as IMDSv2 and EC2 know it.
  imds = await FakeImds.start({ instanceId: 'i-0pgpool', region: REGION, mac: '0e:00:00:00:00:02', eniId: 'eni-0pgpool', privateIp: '10.0.1.20' });
  process.env.AWS_EC2_METADATA_SERVICE_ENDPOINT = imds.endpoint;
  world.ec2.instances.in(REGION).push({ InstanceId: 'i-0pgpool', State: { Name: 'running' }, Tags: [] });
  process.env.APP_DB_PASSWORD = 'app-secret-1';
  process.env.AWS_REGION = REGION;
  root = mkdtempSync(join(tmpdir(), 'pgtopo-pgpool-instance-'));
  await makeTraversable(root);
  filesDir = join(root, 'pgpool');
  // The stand-in systemctl: `reload` sends SIGHUP to Pgpool-II, as the unit's ExecReload does; every call is logged.
  systemctlLog = join(root, 'systemctl.log');
  // It fails while the file `systemctl-fails` exists.
  writeFileSync(join(root, 'systemctl'), `#!/bin/sh\necho "$@" >> '${systemctlLog}'\n[ -e '${root}/systemctl-fails' ] && exit 1\n` +
    `if [ "$1" = reload ]; then kill -HUP "$(cat '${filesDir}/pgpool.pid')"; fi\n`);
  chmodSync(join(root, 'systemctl'), 0o755);
  process.env.PATH = `${root}:${process.env.PATH}`;
  [proxyPort, pcpPort] = await Promise.all([allocateFreePort(), allocateFreePort()]);
  for (const name of ['first', 'renewed']) mkdirSync(join(root, name));
  [first, renewed] = [makeTestCertificates(join(root, 'first')), makeTestCertificates(join(root, 'renewed'))];
}, 120_000);

afterAll(async () => {
  if (filesDir) await stopProxyProcess(filesDir, join(filesDir, 'pgpool.conf'));
  world?.restore();
  await imds?.stop();
  delete process.env.AWS_EC2_METADATA_SERVICE_ENDPOINT;
  await cluster?.stop();
  if (root) rmSync(root, { recursive: true, force: true });
  delete process.env.APP_DB_PASSWORD;
  for (const [name, value] of Object.entries(savedEnv)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

describe('pgtopo pgpool-files on a proxy instance, with real Pgpool-II', () => {
  it('writes the files from SSM, and Pgpool-II started from them serves a client', async () => {
    await apply({ logLevel: 'info', backends: 2 });
    const written = await pgpoolFiles();
    expect(written.code, written.stdout + written.stderr).toBe(0);
    expect(written.stdout).toMatch(/version \d+: written/);
    const passwd = statSync(join(filesDir, 'pool_passwd'));
    expect([passwd.mode & 0o777, passwd.uid]).toEqual([0o600, user.uid]);
    expect(statSync(filesDir).mode & 0o777).toBe(0o700);
    expect(readFileSync(join(filesDir, 'pool_passwd'), 'utf8')).toBe('app:TEXTapp-secret-1\n');
    expect(readFileSync(join(filesDir, 'pgpool.conf'), 'utf8')).not.toContain('app-secret-1');
    await startPgpool();
    expect(await throughPgpool('SELECT current_user AS who')).toEqual([{ who: 'app' }]);
    const nodes = await eventually('both roles known', () => throughPgpool<{ port: string; role: string }>('SHOW POOL_NODES'),
      (rows) => rows.every((row) => row.role !== 'unknown'));
    expect(nodes.map((node) => [Number(node.port), node.role])).toEqual([[cluster.primary.port, 'primary'], [cluster.standbys[0]!.port, 'standby']]);
    // Pgpool-II accepts connections: the instance is tagged as serving, once, which a roll waits for.
    expect((await pgpoolFiles()).stdout).toMatch(/: unchanged\nserving, instance i-0pgpool tagged\n$/);
    expect(world.ec2.instances.in(REGION)[0]!.Tags?.map((tag) => tag.Key)).toContain('pgtopo:serving');
    expect((await pgpoolFiles()).stdout).toMatch(/: unchanged\n$/);
  });

  it('reloads Pgpool-II for a reloadable change, round after round, without a restart', async () => {
    const pid = readFileSync(join(filesDir, 'pgpool.pid'), 'utf8').trim();
    for (const [round, level] of [['1', 'debug'], ['2', 'warn'], ['3', 'debug']] as const) {
      await apply({ logLevel: level, backends: 2 });
      writeFileSync(systemctlLog, '');
      const synced = await pgpoolFiles('--unit', 'pgtopo-pgpool.service');
      expect(synced.code, synced.stdout + synced.stderr).toBe(0);
      expect(synced.stdout, `round ${round}`).toMatch(/: reload \(log_level changed\)\n$/);
      expect(readFileSync(systemctlLog, 'utf8')).toBe('reload pgtopo-pgpool.service\n');
      const expected = level === 'warn' ? 'warning' : 'debug1';
      await eventually(`log_min_messages ${expected}`, () => throughPgpool<{ log_min_messages: string }>('PGPOOL SHOW log_min_messages'),
        ([row]) => row?.log_min_messages === expected);
    }
    expect(readFileSync(join(filesDir, 'pgpool.pid'), 'utf8').trim()).toBe(pid);
  });

  it('reloads Pgpool-II for a new password: only pool_passwd changed, and the client logs in with the new one', async () => {
    await cluster.query(cluster.primary, "ALTER ROLE app PASSWORD 'app-secret-2'");
    process.env.APP_DB_PASSWORD = 'app-secret-2';
    await apply({ logLevel: 'debug', backends: 2 });
    writeFileSync(systemctlLog, '');
    const synced = await pgpoolFiles('--unit', 'pgtopo-pgpool.service');
    expect(synced.stdout).toMatch(/: reload \(files changed\)\n$/);
    expect(synced.stdout + synced.stderr).not.toContain('app-secret');
    expect(readFileSync(systemctlLog, 'utf8')).toBe('reload pgtopo-pgpool.service\n');
    await eventually('a login with the new password', () => throughPgpool<{ who: string }>('SELECT current_user AS who', 'app-secret-2'), ([row]) => row?.who === 'app');
  });

  it('asks for a restart when the backend list changes, and Pgpool-II restarted from the new files has it', async () => {
    await apply({ logLevel: 'debug', backends: 1 });
    writeFileSync(systemctlLog, '');
    const synced = await pgpoolFiles('--unit', 'pgtopo-pgpool.service');
    expect(synced.stdout).toMatch(/: restart \(backends changed\)\n$/);
    expect(readFileSync(systemctlLog, 'utf8')).toBe('restart pgtopo-pgpool.service\n');
    // What systemd's restart does: stop (SIGTERM), then start again from the files.
    await stopProxyProcess(filesDir, join(filesDir, 'pgpool.conf'));
    await startPgpool();
    const nodes = await throughPgpool<{ port: string }>('SHOW POOL_NODES');
    expect(nodes.map((node) => Number(node.port))).toEqual([cluster.primary.port]);
  });

  it('asks for a restart when the pool size changes, which Pgpool-II reads only at start, again after a failed restart', async () => {
    await apply({ logLevel: 'debug', backends: 1, poolSize: 6 });
    writeFileSync(join(root, 'systemctl-fails'), '');
    const failed = await pgpoolFiles('--unit', 'pgtopo-pgpool.service');
    rmSync(join(root, 'systemctl-fails'));
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('systemctl restart pgtopo-pgpool.service exited with 1');
    const synced = await pgpoolFiles('--unit', 'pgtopo-pgpool.service');
    expect(synced.stdout).toMatch(/: restart \(pool changed\)\n$/);
    await stopProxyProcess(filesDir, join(filesDir, 'pgpool.conf'));
    await startPgpool();
    expect(await throughPgpool('PGPOOL SHOW num_init_children')).toEqual([{ num_init_children: '6' }]);
  });

  it('refuses a builtin proxy config with the command that runs it, and names a missing parameter', async () => {
    world.ssm.parameters.in(REGION).push({ Name: '/pgtopo/shop/other/proxy-config', Type: 'String', Tier: 'Standard', Version: 1, Tags: [], Value: JSON.stringify({ listen: { port: 6432 } }) });
    const builtin = await runCliCaptured(['pgpool-files', '--config', 'ssm:/pgtopo/shop/other/proxy-config', '--dir', join(root, 'other'), '--run-dir', root]);
    expect(builtin.code).toBe(1);
    expect(builtin.stderr).toContain('is not a Pgpool-II proxy config (engine null); a builtin proxy runs from it with `pgtopo proxy --config ssm:/pgtopo/shop/other/proxy-config`');
    const missing = await runCliCaptured(['pgpool-files', '--config', 'ssm:/pgtopo/shop/none', '--dir', join(root, 'other'), '--run-dir', root]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(`SSM parameter /pgtopo/shop/none: not found in ${REGION}`);
    expect(builtin.stderr + missing.stderr).not.toMatch(/^\s+at /m);
  });

  it('serves TLS with the certificate of SSM parameters, and restarts for a renewed one', async () => {
    for (const [round, certificates] of [first, renewed, first].entries()) {
      putCertificate(certificates);
      await apply({ logLevel: 'debug', backends: 1, poolSize: 6, tls: true });
      writeFileSync(systemctlLog, '');
      const callsBefore = world.log.calls.length;
      const synced = await pgpoolFiles('--unit', 'pgtopo-pgpool.service');
      expect(synced.stdout, `round ${round}`).toMatch(round === 0 ? /: restart \(tls changed\)\n$/ : /: restart \(tls files changed\)\n$/);
      // The passwords and the PEMs in one call (the config itself is a GetParameter of its own).
      expect(world.log.calls.slice(callsBefore).filter((call) => call.action === 'ssm:GetParameters')).toHaveLength(1);
      expect(synced.stdout + synced.stderr).not.toContain('BEGIN PRIVATE KEY');
      const key = statSync(join(filesDir, 'tls.key'));
      expect([key.mode & 0o777, key.uid]).toEqual([0o600, user.uid]);
      expect(readFileSync(join(filesDir, 'pgpool.conf'), 'utf8')).toContain(`ssl_key = '${join(filesDir, 'tls.key')}'`);
      await stopProxyProcess(filesDir, join(filesDir, 'pgpool.conf'));
      await startPgpool();
      expect(await presentedCertificate(proxyPort, certificates.caFile)).toBe(fingerprintOf(certificates.certFile));
    }
  });
});

describe('pgtopo pgpool-files --before-start', () => {
  it('starts Pgpool-II 4.3 with an unreachable standby marked down, so it does not crash, and writes no states once every node answers', async () => {
    await apply({ logLevel: 'debug', backends: 3, poolSize: 6 });
    await stopProxyProcess(filesDir, join(filesDir, 'pgpool.conf'));
    const standby = cluster.standbys[1]!;
    await standby.instance.stop('immediate');
    for (const round of [1, 2]) {
      const synced = await pgpoolFiles('--before-start');
      expect(synced.code, synced.stdout + synced.stderr).toBe(0);
      expect(readFileSync(join(filesDir, 'pgpool_status'), 'utf8'), `round ${round}`).toBe('up\nup\ndown\n');
      const pid = await startPgpool(true);
      // Pgpool-II 4.3 started with that node up segfaults looking for the primary (a restart while a standby is down).
      const nodes = await eventually(`round ${round}: the primary found`, () => throughPgpool<{ status: string; role: string }>('SHOW POOL_NODES'),
        (rows) => rows.some((row) => row.role === 'primary'));
      expect(nodes.map((node) => node.status)).toEqual(['up', 'up', 'down']);
      await new Promise((resolve) => setTimeout(resolve, 1_500)); // a health check period and more
      expect(isProcessAlive(pid), 'Pgpool-II still runs').toBe(true);
      await stopProxyProcess(filesDir, join(filesDir, 'pgpool.conf'));
    }
    await standby.instance.start();
    const synced = await pgpoolFiles('--before-start');
    expect(synced.code).toBe(0);
    expect(existsSync(join(filesDir, 'pgpool_status')), 'every node answers: no states written').toBe(false);
  });
});

let first: TestCertificates;
let renewed: TestCertificates;

function putCertificate(certificates: TestCertificates): void {
  for (const [name, file, type] of [[CERT_PARAMETER, certificates.certFile, 'String'], [KEY_PARAMETER, certificates.keyFile, 'SecureString']] as const) {
    const stored = world.ssm.find(REGION, name);
    const Value = readFileSync(file, 'utf8');
    if (stored) Object.assign(stored, { Value, Version: stored.Version + 1 });
    else world.ssm.parameters.in(REGION).push({ Name: name, Type: type, Tier: 'Standard', Version: 1, Tags: [], Value });
  }
}

