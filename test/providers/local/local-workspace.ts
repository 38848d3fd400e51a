// A throw-away directory holding a topology file, driven through the real `pgtopo` CLI as a user would. cleanup()
// destroys the cluster, then SIGKILLs whatever a failed test left running (found by pid files) and removes it all.
import type { ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { makeTraversable } from '../../../providers/local/os-user.ts';
import { runPgtopo, startPgtopo, type CliRun, type PgtopoProcess } from '../../cli/run-pgtopo.ts';

export const PASSWORDS = { PGTOPO_APP_PASSWORD: 'app-secret-1', PGTOPO_ADMIN_PASSWORD: 'admin-secret-1' };

/** The users block of the test topologies; their passwords come from PASSWORDS. */
export const TOPOLOGY_USERS = `users:
  - name: app
    password: { fromEnv: PGTOPO_APP_PASSWORD }
  - name: admin
    password: { fromEnv: PGTOPO_ADMIN_PASSWORD }
    admin: true
`;

/**
 * A topology with one local cluster `dev` on throw-away PostgreSQL instances (fsync off); `proxy` holds the proxy
 * block's settings, one per line, `postgres` more settings of the postgres block.
 */
export function devTopology(name: string, instances: number, proxy: string[], postgres: string[] = []): string {
  return `
version: 1
name: ${name}
clusters:
  dev:
    environment: local
    postgres:
      instances: ${instances}
      parameters: { fsync: off }
${postgres.map((line) => `      ${line}\n`).join('')}    proxy:
${proxy.map((line) => `      ${line}`).join('\n')}
${TOPOLOGY_USERS}`;
}

export interface StatusRow {
  address: string;
  exists: boolean;
  healthy: boolean;
  details: Record<string, string>;
}

export class LocalWorkspace {
  readonly dir: string;
  readonly file: string;
  readonly #watchers = new Set<ChildProcess>();

  private constructor(dir: string) {
    this.dir = dir;
    this.file = join(dir, 'pgtopo.yaml');
  }

  static async create(topology: string): Promise<LocalWorkspace> {
    const dir = await mkdtemp(join(tmpdir(), 'pgtopo-local-'));
    await makeTraversable(dir);
    const workspace = new LocalWorkspace(dir);
    await workspace.writeTopology(topology);
    return workspace;
  }

  writeTopology(topology: string): Promise<void> {
    return writeFile(this.file, topology);
  }

  run(...args: string[]): Promise<CliRun> {
    return this.runWith({}, ...args);
  }

  /** Runs `pgtopo <command> <topology file> <options…>` with some passwords changed. */
  runWith(env: Partial<typeof PASSWORDS>, ...args: string[]): Promise<CliRun> {
    return runPgtopo([...args.slice(0, 1), this.file, ...args.slice(1)], { env: { ...PASSWORDS, ...env } });
  }

  /** Starts `pgtopo <command> <topology file> <options…>` and returns at once: for a test that acts while it runs. */
  start(...args: string[]): PgtopoProcess {
    return startPgtopo([...args.slice(0, 1), this.file, ...args.slice(1)], { env: PASSWORDS });
  }

  async status(): Promise<Map<string, StatusRow>> {
    const result = await this.run('status', '--json');
    if (result.code !== 0) throw new Error(`status failed: ${result.stderr}`);
    const rows = (JSON.parse(result.stdout) as { resources: StatusRow[] }).resources;
    return new Map(rows.map((row) => [row.address, row]));
  }

  /** `pgtopo reconcile --watch` in the background; stopped by stopWatch() or cleanup(). */
  watch(interval = '1s'): ChildProcess {
    const { child } = startPgtopo(['reconcile', this.file, '--watch', '--interval', interval, '--listen', '127.0.0.1:0'], { env: PASSWORDS });
    this.#watchers.add(child);
    return child;
  }

  async stopWatch(child: ChildProcess): Promise<void> {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    this.#watchers.delete(child);
  }

  clusterDir(cluster: string, topologyName: string): string {
    return join(this.dir, '.pgtopo', topologyName, cluster);
  }

  /** Every pid a proxy pid file or a postmaster.pid under this workspace names. */
  recordedPids(): number[] {
    return pidFiles(join(this.dir, '.pgtopo')).flatMap((file) => {
      const pid = Number.parseInt(readFileSync(file, 'utf8').split('\n')[0]!, 10);
      return Number.isInteger(pid) && pid > 0 ? [pid] : [];
    });
  }

  async cleanup(): Promise<void> {
    for (const child of this.#watchers) await this.stopWatch(child);
    const pids = this.recordedPids();
    await this.run('destroy', '--auto-approve');
    for (const pid of [...pids, ...this.recordedPids()]) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already stopped by destroy
      }
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}

function pidFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return pidFiles(path);
    return name === 'proxy.pid' || name === 'postmaster.pid' ? [path] : [];
  });
}

/** Runs one statement through a proxy (or a server) as `user` and returns the rows. */
export async function queryAs<T extends pg.QueryResultRow>(port: number, user: 'app' | 'admin', sql: string, database = 'postgres',
  password = user === 'app' ? PASSWORDS.PGTOPO_APP_PASSWORD : PASSWORDS.PGTOPO_ADMIN_PASSWORD): Promise<T[]> {
  const client = new pg.Client({ host: '127.0.0.1', port, user, password, database, connectionTimeoutMillis: 10_000 });
  client.on('error', () => {}); // a server killed mid-statement: the statement's rejection reports it
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

export function portOf(row: StatusRow | undefined): number {
  const address = row?.details.address;
  if (!address) throw new Error(`no address in ${JSON.stringify(row)}`);
  return Number(address.split(':')[1]);
}
