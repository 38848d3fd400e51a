// A throw-away primary + N streaming standbys on 127.0.0.1 for tests and benchmarks. Everything lives
// in one fresh temp dir that stop() removes. A process-exit hook SIGKILLs whatever a crashed test
// left running so no postgres outlives the test process.
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { findPgBinaries } from '../../providers/local/pg-binaries.ts';
import { makeTraversable, resolveDbOsUser } from '../../providers/local/os-user.ts';
import { allocateFreePort } from '../../providers/local/free-port.ts';
import { PgInstance, pgInstancePaths, type PgDurability } from '../../providers/local/pg-instance.ts';
import type { PgSettings } from '../../providers/local/pg-config-files.ts';

export interface PgClusterNode {
  name: string;
  host: string;
  port: number;
  dataDir: string;
  instance: PgInstance;
}

export interface PgClusterOptions {
  standbys: number;
  superuserPassword?: string;
  /** Default 'unsafe-fast' (fsync off): these clusters are thrown away after the test. */
  durability?: PgDurability;
  settings?: PgSettings;
}

export interface PgCluster {
  primary: PgClusterNode;
  standbys: PgClusterNode[];
  user: 'postgres';
  password: string;
  rootDir: string;
  connectionString(node: { host: string; port: number }, database?: string): string;
  /** Stops every instance (including any killed or promoted ones) and removes the temp dir. */
  stop(): Promise<void>;
  /** SIGKILLs the primary's postmaster and its children. */
  killPrimary(): Promise<void>;
  /** Runs one statement on `node` as the superuser over TCP and returns the rows. */
  query<T extends pg.QueryResultRow>(node: { host: string; port: number }, sql: string, params?: unknown[]): Promise<T[]>;
  /** Waits until every named standby streams from `node`; returns all names streaming from it. */
  waitForStreaming(node: { host: string; port: number }, standbyNames: readonly string[]): Promise<string[]>;
}

const live = new Set<PgInstance>();
let exitHookInstalled = false;
const tempDirs = new Set<string>();

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const instance of live) {
      for (const pid of instance.processIds()) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
    }
    for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
  });
}

function connectionString(password: string, node: { host: string; port: number }, database = 'postgres'): string {
  return `postgresql://postgres:${encodeURIComponent(password)}@${node.host}:${node.port}/${encodeURIComponent(database)}`;
}

/**
 * Polls `probe` until `accept` holds for its result (probe errors count as "not yet"), then returns
 * that result; throws after `timeoutMs` naming `what` and the last value seen.
 */
export async function eventually<T>(
  what: string,
  probe: () => Promise<T>,
  accept: (value: T) => boolean,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch((error: Error) => error);
    if (!(value instanceof Error) && accept(value)) return value;
    if (Date.now() > deadline) {
      const last = value instanceof Error ? value.message : JSON.stringify(value);
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what} (last: ${last}).`);
    }
    await new Promise((resolveWait) => setTimeout(resolveWait, 25));
  }
}

async function queryUrl<T extends pg.QueryResultRow>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

async function streamingNames(primaryUrl: string): Promise<string[]> {
  const rows = await queryUrl<{ application_name: string }>(
    primaryUrl,
    "SELECT application_name FROM pg_stat_replication WHERE state = 'streaming' ORDER BY application_name",
  );
  return rows.map((row) => row.application_name);
}

function waitForStreaming(primaryUrl: string, names: readonly string[]): Promise<string[]> {
  return eventually(
    `standbys ${names.join(', ')} to stream`,
    () => streamingNames(primaryUrl),
    (streaming) => names.every((name) => streaming.includes(name)),
  );
}

function nodeOf(instance: PgInstance): PgClusterNode {
  return { name: instance.name, host: instance.host, port: instance.port, dataDir: instance.dataDir, instance };
}

async function stopAll(instances: readonly PgInstance[]): Promise<void> {
  await Promise.all(
    instances.map(async (instance) => {
      // 'immediate' is safe here (data is discarded) and avoids waiting for shutdown checkpoints.
      await instance.stop('immediate').catch(() => instance.kill9());
      live.delete(instance);
    }),
  );
}

/** Starts a primary and `standbys` streaming standbys; resolves once every standby streams. */
export async function startPgCluster(options: PgClusterOptions): Promise<PgCluster> {
  installExitHook();
  const binaries = findPgBinaries();
  const user = resolveDbOsUser();
  const password = options.superuserPassword ?? randomBytes(18).toString('base64url');
  const durability = options.durability ?? 'unsafe-fast';
  const rootDir = await mkdtemp(join(tmpdir(), 'pgtopo-'));
  tempDirs.add(rootDir);
  await makeTraversable(rootDir); // mkdtemp makes it 0700; the database user must traverse it
  const names = ['primary', ...Array.from({ length: options.standbys }, (_, index) => `standby${index + 1}`)];
  const ports = await Promise.all(names.map(() => allocateFreePort()));
  const instances = names.map(
    (name, index) =>
      new PgInstance({ name, port: ports[index], binaries, user, ...pgInstancePaths(join(rootDir, name)) }),
  );
  const [primary, ...standbys] = instances;
  const cluster: PgCluster = {
    primary: nodeOf(primary),
    standbys: standbys.map(nodeOf),
    user: 'postgres',
    password,
    rootDir,
    connectionString: (node, database) => connectionString(password, node, database),
    stop: async () => {
      await stopAll(instances);
      await rm(rootDir, { recursive: true, force: true });
      tempDirs.delete(rootDir);
    },
    killPrimary: async () => {
      await primary.kill9();
    },
    query: (node, sql, params) => queryUrl(connectionString(password, node), sql, params),
    waitForStreaming: (node, standbyNames) => waitForStreaming(connectionString(password, node), standbyNames),
  };
  try {
    await primary.initPrimary({ superuserPassword: password, durability, settings: options.settings });
    live.add(primary);
    await primary.start();
    await Promise.all(
      standbys.map(async (standby) => {
        await standby.cloneStandby({ primary, superuserPassword: password, durability, settings: options.settings });
        live.add(standby);
        await standby.start();
      }),
    );
    await waitForStreaming(cluster.connectionString(primary), standbys.map((standby) => standby.name));
  } catch (error) {
    await cluster.stop();
    throw error;
  }
  return cluster;
}
