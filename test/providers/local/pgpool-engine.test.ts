import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { effectiveFeatures } from '../../../engine/features/effective-features.ts';
import { proxyTierConfig } from '../../../proxy-tier/proxy-tier-config.ts';
import { loadTopologyFile } from '../../../engine/topology/load-topology.ts';
import { allocateFreePort } from '../../../providers/local/free-port.ts';
import { clusterDir, proxyDir } from '../../../providers/local/local-layout.ts';
import { eventually } from '../../support/pg-cluster.ts';
import { writeProxyFiles } from '../../../providers/local/proxy-files.ts';
import { startProxyProcess, stopProxyProcess } from '../../../providers/local/proxy-process.ts';
import { findPgBinaries } from '../../../providers/local/pg-binaries.ts';
import { resolveDbOsUser } from '../../../providers/local/os-user.ts';
import { PgInstance, pgInstancePaths } from '../../../providers/local/pg-instance.ts';
import { LocalWorkspace, TOPOLOGY_USERS, PASSWORDS, portOf, queryAs, type StatusRow } from './local-workspace.ts';
import { providerRegistry } from '../../../cli/provider-registry.ts';
import { sameHostDelivery } from '../../../proxy-tier/same-host-delivery.ts';

// Both engines from one topology: real Pgpool-II 4.3 started from the rendered files next to the builtin proxy,
// against the same local cluster, must list the same nodes and route a read and a write the same way. Then the
// cluster switches to `engine: pgpool2` and pgtopo itself runs Pgpool-II as the cluster's proxy.

const topology = (engine: string, parameters = '{ fsync: off }'): string => `
version: 1
name: pp
clusters:
  dev:
    environment: local
    postgres:
      instances: 2
      parameters: ${parameters}
    proxy:
      engine: ${engine}
      instances: 1
      pooling: { poolSize: 4 }
      # Every read goes to the standby, in both engines; the probe function is declared read-only so both agree.
      loadBalancing: { weights: { pg0: 0 }, readOnlyFunctions: [inet_server_port] }
      healthCheck: { period: 1s, timeout: 1s, retries: 1 }
${TOPOLOGY_USERS}`;

interface PoolNode { node_id: string; hostname: string; port: string; role: string; lb_weight: string }

let workspace: LocalWorkspace;
let pgpoolDir: string;
let status: Map<string, StatusRow>;

beforeAll(async () => {
  workspace = await LocalWorkspace.create(topology('builtin'));
  const apply = await workspace.run('apply', '--auto-approve');
  if (apply.code !== 0) throw new Error(`apply failed:\n${apply.stdout}\n${apply.stderr}`);
  status = await workspace.status();
  pgpoolDir = await mkdtemp(join(tmpdir(), 'pgtopo-pgpool-'));
}, 180_000);

afterAll(async () => {
  if (pgpoolDir) {
    await stopProxyProcess(pgpoolDir, join(pgpoolDir, 'pgpool.conf'));
    await rm(pgpoolDir, { recursive: true, force: true });
  }
  await workspace?.cleanup();
}, 120_000);

async function startRenderedPgpool(): Promise<number> {
  const loaded = await loadTopologyFile(workspace.file, providerRegistry({}));
  if (!loaded.ok) throw new Error('topology did not load');
  const { topology: parsed, dir } = loaded.value;
  const cluster = parsed.clusters.dev!;
  const port = await allocateFreePort();
  const tier = proxyTierConfig({
    clusterName: 'dev', cluster: { ...cluster, proxy: { ...cluster.proxy, engine: 'pgpool2' } },
    features: effectiveFeatures('dev', { ...cluster, proxy: { ...cluster.proxy, engine: 'pgpool2' } }),
    users: parsed.users ?? [], index: 0, delivery: sameHostDelivery(dir), listen: { host: '127.0.0.1', port }, metricsPort: null,
    backends: [0, 1].map((index) => ({
      name: `pg${index}`, host: '127.0.0.1', port: portOf(status.get(`dev.postgres[${index}]`)),
      role: status.get(`dev.postgres[${index}]`)!.details.role as 'primary' | 'standby',
    })),
  });
  Object.assign(process.env, PASSWORDS);
  await writeProxyFiles(pgpoolDir, tier, await allocateFreePort(), resolveDbOsUser());
  await startProxyProcess({ dir: pgpoolDir, engine: 'pgpool2', configFile: join(pgpoolDir, 'pgpool.conf'), host: '127.0.0.1', port, env: {}, user: resolveDbOsUser() });
  return port;
}

function comparable(nodes: PoolNode[]): string[][] {
  return nodes.map((node) => [node.node_id, node.hostname, node.port, node.role, String(Number(node.lb_weight))]);
}

async function routes(port: number): Promise<{ write: number; read: number }> {
  await queryAs(port, 'app', 'CREATE TABLE IF NOT EXISTS engine_marks (note text)');
  const [written] = await queryAs<{ port: number }>(port, 'app', "INSERT INTO engine_marks VALUES ('w') RETURNING inet_server_port() AS port");
  // The builtin router sends the first read of a table it has not seen to the primary while it looks up whether the
  // table is unlogged or temporary (routing rule 2); the read after that shows where reads of it go.
  const readSql = 'SELECT inet_server_port() AS port FROM engine_marks LIMIT 1';
  await queryAs(port, 'app', readSql);
  const [read] = await eventually('the table lookup', () => queryAs<{ port: number }>(port, 'app', readSql), (rows) => rows[0]!.port !== written!.port, 5_000)
    .catch(() => queryAs<{ port: number }>(port, 'app', readSql));
  return { write: written!.port, read: read!.port };
}

describe('Pgpool-II engine', () => {
  it('lists the same nodes and routes a read and a write like the builtin proxy', async () => {
    const pgpoolPort = await startRenderedPgpool();
    const builtinPort = portOf(status.get('dev.proxy[0]'));
    // Pgpool-II lists every node as a standby until its first primary search (at start, and slower on a busy
    // machine) has found the primary.
    const pgpoolNodes = await eventually('Pgpool-II has found the primary', () => queryAs<PoolNode>(pgpoolPort, 'admin', 'SHOW POOL_NODES'),
      (nodes) => nodes.some((node) => node.role === 'primary'));
    const builtinNodes = await queryAs<PoolNode>(builtinPort, 'admin', 'SHOW POOL_NODES', 'pgtopo');
    expect(comparable(pgpoolNodes)).toEqual(comparable(builtinNodes));
    expect(comparable(pgpoolNodes).map((node) => node[3])).toEqual(['primary', 'standby']);

    const expected = { write: portOf(status.get('dev.postgres[0]')), read: portOf(status.get('dev.postgres[1]')) };
    expect(await routes(builtinPort)).toEqual(expected);
    expect(await routes(pgpoolPort)).toEqual(expected);
  });

  it('runs Pgpool-II as the cluster\'s proxy when the topology says engine: pgpool2', async () => {
    await workspace.writeTopology(topology('pgpool2'));
    const plan = await workspace.run('plan');
    expect(plan.stdout).toMatch(/dev\.proxy\[0\] must be replaced/);
    const apply = await workspace.run('apply', '--auto-approve');
    expect(apply.code, apply.stdout + apply.stderr).toBe(0);
    const after = await workspace.status();
    expect(after.get('dev.proxy[0]')!.details).toMatchObject({ engine: 'pgpool2', health: 'accepting connections' });
    const port = portOf(after.get('dev.proxy[0]'));
    const nodes = await queryAs<PoolNode>(port, 'admin', 'SHOW POOL_NODES');
    expect(nodes.map((node) => node.role)).toEqual(['primary', 'standby']);
    expect(await routes(port)).toEqual({ write: portOf(after.get('dev.postgres[0]')), read: portOf(after.get('dev.postgres[1]')) });
    expect((await workspace.run('plan', '--detailed-exitcode')).code).toBe(0);
  });

  it('renders the failover hooks Pgpool-II runs with, as the apply wrote them', async () => {
    const hooks = (text: string) => text.split('\n').filter((line) => /^(failover_command|follow_primary_command|auto_failback) =/.test(line));
    const applied = hooks(await readFile(join(proxyDir(clusterDir(workspace.dir, 'pp', 'dev'), 0), 'pgpool.conf'), 'utf8'));
    expect(applied.find((line) => line.startsWith('failover_command'))).toContain('failover.sh');
    const rendered = await workspace.run('render');
    expect(rendered.code, rendered.stderr).toBe(0);
    expect(hooks(rendered.stdout.split('==> pgpool.conf <==')[1]!.split('==>')[0]!)).toEqual(applied);
  });

  it('fails over like the builtin proxy: Pgpool-II promotes the standby when the primary dies', async () => {
    const before = await workspace.status();
    const port = portOf(before.get('dev.proxy[0]'));
    const standbyPort = portOf(before.get('dev.postgres[1]'));
    const primary = new PgInstance({ name: 'pg0', port: portOf(before.get('dev.postgres[0]')), binaries: findPgBinaries(), user: resolveDbOsUser(),
      ...pgInstancePaths(`${workspace.clusterDir('dev', 'pp')}/pg0`) });
    await primary.kill9();
    const [written] = await eventually('a write through Pgpool-II after the failover', async () => {
      return queryAs<{ port: number }>(port, 'app', "INSERT INTO engine_marks VALUES ('after failover') RETURNING inet_server_port() AS port");
    }, (rows) => rows.length === 1, 60_000);
    expect(written!.port).toBe(standbyPort);
    expect((await queryAs<{ r: boolean }>(standbyPort, 'admin', 'SELECT pg_is_in_recovery() AS r'))[0]!.r).toBe(false);
  }, 90_000);

  it('hands the primary role over for a setting that needs a restart: with Pgpool-II one instance is promoted, in one apply', async () => {
    const rebuilt = await workspace.run('apply', '--auto-approve'); // the old primary rejoins as a standby first
    expect(rebuilt.code, rebuilt.stdout + rebuilt.stderr).toBe(0);
    await workspace.writeTopology(topology('pgpool2', '{ fsync: off, max_connections: 120 }'));
    // Pgpool-II does not switch over: pgtopo stops the primary and promotes its successor under the promotion lock
    // that the rendered failover.sh takes too, so Pgpool-II's own failover promotes nobody else.
    const apply = await workspace.run('apply', '--auto-approve');
    expect(apply.code, apply.stdout + apply.stderr).toBe(0);
    expect(apply.stdout).toContain('is the primary: handing over to');
    const plan = await workspace.run('plan', '--detailed-exitcode');
    expect(plan.code, plan.stdout + plan.stderr).toBe(0);
    const after = await workspace.status();
    expect([...after.values()].every((row) => row.exists && row.healthy), JSON.stringify([...after.values()])).toBe(true);
    const ports = [0, 1].map((index) => portOf(after.get(`dev.postgres[${index}]`)));
    const recovering = await Promise.all(ports.map(async (port) => (await queryAs<{ r: boolean }>(port, 'admin', 'SELECT pg_is_in_recovery() AS r'))[0]!.r));
    expect(recovering.filter((r) => !r)).toHaveLength(1);
    const port = portOf(after.get('dev.proxy[0]'));
    const [written] = await eventually('a write through Pgpool-II', () => queryAs<{ port: number }>(port, 'app',
      "INSERT INTO engine_marks VALUES ('after restart') RETURNING inet_server_port() AS port"), (rows) => rows.length === 1, 30_000);
    expect(written!.port).toBe(ports[recovering.indexOf(false)]);
  }, 120_000);
});
