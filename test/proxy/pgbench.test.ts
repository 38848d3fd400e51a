// pgbench through the proxy in transaction mode, in every query mode: zero failed transactions, and every
// server connection back in the pool afterwards.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPgCluster, type PgCluster } from '../support/pg-cluster.ts';
import { findPgBinaries } from '../../providers/local/pg-binaries.ts';
import { startProxyFor, type ProxyUnderTest } from './proxy-fixture.ts';

const run = promisify(execFile);
let cluster: PgCluster;
let px: ProxyUnderTest;
let pgbench: string;

function pgbenchArgs(port: number, extra: string[]): string[] {
  return ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', ...extra, 'postgres'];
}

beforeAll(async () => {
  cluster = await startPgCluster({ standbys: 0 });
  pgbench = `${findPgBinaries().binDir}/pgbench`;
  const env = { ...process.env, PGPASSWORD: cluster.password };
  await run(pgbench, pgbenchArgs(cluster.primary.port, ['-i', '-s', '1', '-q']), { env });
  // Fewer servers than clients, so transactions really share connections. One pgbench thread per client:
  // pgbench prepares statements with a blocking call, which would stall a thread's other clients mid-transaction.
  px = await startProxyFor(cluster, { pool: { mode: 'transaction', size: 4 } });
});

afterAll(async () => {
  await px?.proxy.stop(0);
  await cluster?.stop();
});

describe('pgbench through the proxy (transaction mode)', () => {
  for (const mode of ['simple', 'extended', 'prepared']) {
    it(`-M ${mode}: full TPC-B-like and select-only runs without a failed transaction`, async () => {
      const env = { ...process.env, PGPASSWORD: cluster.password };
      for (const script of [[], ['-S']]) {
        const { stdout } = await run(pgbench, pgbenchArgs(px.port, [...script, '-M', mode, '-c', '8', '-j', '8', '-t', '200']), { env });
        expect(stdout).toMatch(/number of transactions actually processed: 1600\/1600/);
        expect(stdout).toMatch(/number of failed transactions: 0 /);
      }
      const pools = px.proxy.context.pools.pools;
      expect(pools.reduce((n, p) => n + p.active, 0)).toBe(0);
      expect(px.proxy.context.clients.size).toBe(0);
    });
  }
});
