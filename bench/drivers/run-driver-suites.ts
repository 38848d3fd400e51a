// Runs real drivers' own integration test suites against PostgreSQL directly and through the builtin proxy in
// session and transaction pooling, and reports, per driver and mode, how many tests passed and which results
// differ from the direct run. Not part of `npm test` (minutes, needs the registry for the drivers' dependencies).
//
//   npx node bench/drivers/run-driver-suites.ts --source node-postgres=<git dir> --source postgres.js=<git dir>
//
// A source is a git directory of the driver's repository (a bare mirror is fine): its HEAD is extracted into a
// scratch directory, never into this project. See bench/drivers/README.md.
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startPgCluster, type PgCluster } from '../../test/support/pg-cluster.ts';
import { findPgBinaries } from '../../providers/local/pg-binaries.ts';
import { writeDbFile } from '../../providers/local/pg-config-files.ts';
import { resolveDbOsUser } from '../../providers/local/os-user.ts';
import { parseProxyConfig } from '../../proxy/proxy-config.ts';
import { silentLogger } from '../../proxy/log.ts';
import { startProxy, type ProxyServer } from '../../proxy/server.ts';
import type { DriverSuite, Endpoint, SuiteResult, SuiteRole } from './driver-suite.ts';
import { nodePostgresSuite } from './node-postgres-suite.ts';
import { postgresJsSuite } from './postgres-js-suite.ts';

const SUITES: readonly DriverSuite[] = [nodePostgresSuite, postgresJsSuite];
const MODES = ['direct', 'session', 'transaction'] as const;
type Mode = (typeof MODES)[number];

interface Options {
  sources: Map<DriverSuite, string>;
  modes: Mode[];
  json: string | undefined;
  /** A scratch directory to keep and reuse (a driver prepared there before is not prepared again). */
  scratch: string | undefined;
}

function usage(message: string): never {
  process.stderr.write(`${message}\nusage: run-driver-suites.ts --source <driver>=<git dir> ... [--modes direct,session,transaction] [--json <file>] [--scratch <dir>]\ndrivers: ${SUITES.map((s) => s.name).join(', ')}\n`);
  process.exit(1);
}

function options(): Options {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        source: { type: 'string', multiple: true, default: [] },
        modes: { type: 'string', default: MODES.join(',') },
        json: { type: 'string' },
        scratch: { type: 'string' },
      },
    }));
  } catch (error) {
    usage((error as Error).message);
  }
  const sources = new Map<DriverSuite, string>();
  for (const source of values.source) {
    const [name, dir] = [source.slice(0, source.indexOf('=')), source.slice(source.indexOf('=') + 1)];
    const suite = SUITES.find((s) => s.name === name);
    if (!suite || !dir) usage(`--source ${source}: expected <driver>=<git dir>`);
    sources.set(suite, dir);
  }
  if (sources.size === 0) usage('no --source given');
  const modes = values.modes.split(',').map((m) => m.trim());
  const unknown = modes.filter((m) => !(MODES as readonly string[]).includes(m));
  if (unknown.length > 0) usage(`--modes: unknown ${unknown.join(', ')}`);
  return { sources, modes: modes as Mode[], json: values.json, scratch: values.scratch };
}

/** The suites' roles, and pg_hba lines for them ahead of pgtopo's own (which ask every role for SCRAM). */
async function createRoles(cluster: PgCluster, roles: readonly SuiteRole[]): Promise<void> {
  for (const role of roles) {
    const encryption = role.method === 'md5' ? 'md5' : 'scram-sha-256';
    const password = role.password === null ? '' : ` PASSWORD '${role.password}'`;
    await cluster.query(cluster.primary, `SET password_encryption = '${encryption}'; DROP ROLE IF EXISTS ${role.name}; CREATE ROLE ${role.name} LOGIN${password}`);
  }
  const hbaPath = join(cluster.primary.dataDir, 'pg_hba.conf');
  const lines = roles.map((role) => `host all ${role.name} 127.0.0.1/32 ${role.method}`);
  await writeDbFile(hbaPath, `${lines.join('\n')}\n${await readFile(hbaPath, 'utf8')}`, resolveDbOsUser());
  await cluster.query(cluster.primary, 'SELECT pg_reload_conf()');
}

async function startProxyIn(mode: Exclude<Mode, 'direct'>, cluster: PgCluster, roles: readonly SuiteRole[]): Promise<ProxyServer> {
  const config = parseProxyConfig({
    listen: { host: '127.0.0.1', port: 0 },
    backends: [{ name: 'primary', host: cluster.primary.host, port: cluster.primary.port, role: 'primary' }],
    users: [
      { name: 'postgres', password: cluster.password, admin: true },
      ...roles.map((role) => (role.password === null ? { name: role.name } : { name: role.name, password: role.password })),
    ],
    hba: [
      ...roles.map((role) => ({ type: 'host', database: 'all', user: role.name, address: '127.0.0.1/32', method: role.method })),
      { type: 'host', database: 'all', user: 'all', address: 'all', method: 'scram-sha-256' },
    ],
    pool: { mode, size: 40, maxServerConnections: 150 },
  });
  return startProxy({ config, log: silentLogger });
}

async function runMode(suite: DriverSuite, scratch: string, mode: Mode, cluster: PgCluster, pgBinDir: string): Promise<SuiteResult> {
  const proxy = mode === 'direct' ? null : await startProxyIn(mode, cluster, suite.roles);
  const endpoint: Endpoint = {
    host: '127.0.0.1',
    port: proxy?.port ?? cluster.primary.port,
    user: 'postgres',
    password: cluster.password,
    database: 'postgres',
    postgres: { host: cluster.primary.host, port: cluster.primary.port },
    pgBinDir,
  };
  try {
    return await suite.run(scratch, endpoint);
  } finally {
    await proxy?.stop(0);
  }
}

function report(suite: DriverSuite, results: Map<Mode, SuiteResult>): string {
  const lines = [`## ${suite.name}`, '', '| mode | passed | failed |', '|---|---|---|'];
  for (const [mode, result] of results) lines.push(`| ${mode} | ${result.passed.length} | ${result.failed.size} |`);
  const direct = results.get('direct');
  for (const [mode, result] of results) {
    if (mode === 'direct' || !direct) continue;
    const worse = [...result.failed.keys()].filter((name) => direct.passed.includes(name));
    const better = direct ? [...direct.failed.keys()].filter((name) => result.passed.includes(name)) : [];
    lines.push('', `### ${mode}: ${worse.length} fail only through the proxy, ${better.length} pass only through it`);
    for (const name of worse) lines.push(`- ${name}: ${result.failed.get(name)}`);
    for (const name of better) lines.push(`- (passes through the proxy only) ${name}`);
  }
  if (direct && direct.failed.size > 0) {
    lines.push('', '### failing directly too (environment: not about the proxy)');
    for (const [name, why] of direct.failed) lines.push(`- ${name}: ${why}`);
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const { sources, modes, json, scratch: kept } = options();
  const pgBinDir = findPgBinaries().binDir;
  const scratchRoot = kept ?? (await mkdtemp(join(tmpdir(), 'pgtopo-drivers-')));
  // What the suites' tests use beyond the defaults: prepared transactions, logical decoding (postgres.js subscribe).
  const cluster = await startPgCluster({ standbys: 0, settings: { max_connections: 300, max_prepared_transactions: 10, wal_level: 'logical' } });
  const all: Record<string, Record<string, { passed: string[]; failed: Record<string, string> }>> = {};
  try {
    for (const [suite, gitDir] of sources) {
      const scratch = join(scratchRoot, suite.name);
      const prepared = join(scratch, '.prepared');
      if (!existsSync(prepared)) {
        process.stderr.write(`${suite.name}: preparing in ${scratch}\n`);
        await suite.prepare(scratch, gitDir);
        await writeFile(prepared, gitDir);
      }
      await createRoles(cluster, suite.roles);
      const results = new Map<Mode, SuiteResult>();
      for (const mode of modes) {
        process.stderr.write(`${suite.name}: running ${mode}\n`);
        const result = await runMode(suite, scratch, mode, cluster, pgBinDir);
        results.set(mode, result);
        process.stderr.write(`${suite.name}: ${mode}: ${result.passed.length} passed, ${result.failed.size} failed\n`);
      }
      process.stdout.write(`${report(suite, results)}\n\n`);
      all[suite.name] = Object.fromEntries([...results].map(([mode, r]) => [mode, { passed: r.passed, failed: Object.fromEntries(r.failed) }]));
    }
    if (json) await writeFile(json, `${JSON.stringify(all, null, 2)}\n`);
  } finally {
    await cluster.stop();
    if (!kept) await rm(scratchRoot, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
});
