// `pgtopo proxy` with worker threads as a real process in front of a test cluster: its config file (rewritten for
// reload tests), its port and metrics port, admin queries, and a stop by signal that reports the exit code.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { allocateFreePort } from '../../../providers/local/free-port.ts';
import type { PgCluster } from '../../support/pg-cluster.ts';

const PGTOPO = join(import.meta.dirname, '../../../bin/pgtopo');
const STARTUP_MS = 60_000;

export interface WorkerProxy {
  pid: number;
  port: number;
  metricsPort: number;
  /** Everything the process wrote to stderr so far. */
  readonly stderr: string;
  writeConfig(overrides: Record<string, unknown>): void;
  client(options?: Partial<pg.ClientConfig>): Promise<pg.Client>;
  admin<T extends pg.QueryResultRow = Record<string, string>>(sql: string): Promise<T[]>;
  metrics(): Promise<string>;
  signal(name: NodeJS.Signals): void;
  /** Resolves with the exit code once the process ended. */
  readonly exited: Promise<number | null>;
  kill(): void;
}

export async function startWorkerProxy(cluster: PgCluster, workers: number, overrides: Record<string, unknown> = {}): Promise<WorkerProxy> {
  const dir = mkdtempSync(join(tmpdir(), 'pgtopo-workers-'));
  const path = join(dir, 'proxy.json');
  const port = await allocateFreePort();
  const metricsPort = await allocateFreePort();
  const writeConfig = (more: Record<string, unknown>): void => writeFileSync(path, JSON.stringify({
    listen: { host: '127.0.0.1', port },
    metrics: { host: '127.0.0.1', port: metricsPort },
    backends: [
      { name: 'primary', host: cluster.primary.host, port: cluster.primary.port, role: 'primary' },
      ...cluster.standbys.map((s) => ({ name: s.name, host: s.host, port: s.port, role: 'standby' })),
    ],
    users: [{ name: 'postgres', password: cluster.password, admin: true }],
    ...more,
  }));
  writeConfig(overrides);
  const child: ChildProcess = spawn(process.execPath, [PGTOPO, 'proxy', '--config', path, '--workers', String(workers)], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => {
    rmSync(dir, { recursive: true, force: true });
    resolve(code);
  }));
  const deadline = Date.now() + STARTUP_MS;
  const listening = workers > 1 ? 'proxy workers listening' : 'proxy listening';
  while (!stderr.includes(listening)) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`the proxy did not start:\n${stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const client = async (options: Partial<pg.ClientConfig> = {}): Promise<pg.Client> => {
    const c = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', password: cluster.password, database: 'postgres', ...options });
    c.on('error', () => undefined);
    await c.connect();
    return c;
  };
  return {
    pid: child.pid ?? 0,
    port,
    metricsPort,
    get stderr() {
      return stderr;
    },
    writeConfig,
    client,
    async admin<T extends pg.QueryResultRow>(sql: string): Promise<T[]> {
      const c = await client({ database: 'pgtopo' });
      try {
        return (await c.query<T>({ text: sql })).rows;
      } finally {
        await c.end();
      }
    },
    async metrics() {
      return (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
    },
    signal: (name) => child.kill(name),
    exited,
    kill: () => child.kill('SIGKILL'),
  };
}

/** The value of an unlabelled (or fully labelled) sample in a Prometheus exposition. */
export function metricValue(text: string, sample: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${sample} `));
  if (!line) throw new Error(`no ${sample} in /metrics`);
  return Number(line.slice(sample.length + 1));
}
