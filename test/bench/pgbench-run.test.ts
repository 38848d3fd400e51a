import { describe, expect, it } from 'vitest';
import { parsePgbenchOutput, pgbenchArgs } from '../../bench/pgbench-run.ts';

const SUCCESS = `pgbench (15.10 (Debian 15.10-0+deb12u1))
transaction type: <builtin: select only>
scaling factor: 10
query mode: extended
number of clients: 16
number of threads: 2
maximum number of tries: 1
duration: 8 s
number of transactions actually processed: 123456
number of failed transactions: 0 (0.000%)
latency average = 1.037 ms
initial connection time = 30.544 ms
tps = 15432.109876 (without initial connection time)
`;

describe('parsePgbenchOutput', () => {
  it('reads TPS, latency and transaction counts from a successful run', () => {
    expect(parsePgbenchOutput(SUCCESS, '', 0)).toEqual({
      ok: true, tps: 15432.109876, latencyMs: 1.037, transactions: 123456, failedTransactions: 0,
    });
  });

  it('marks an aborted run as failed with pgbench\'s first error line', () => {
    const stdout = `${SUCCESS}Run was aborted; the above results are incomplete.\n`;
    const stderr = 'pgbench: error: client 3 script 0 aborted in command 1 query 0: ERROR:  prepared statement "P_0" does not exist\n';
    const outcome = parsePgbenchOutput(stdout, stderr, 2);
    expect(outcome.ok).toBe(false);
    expect(outcome.error).toBe('ERROR:  prepared statement "P_0" does not exist');
  });

  it('reports the same text for the same server error whatever prefixes pgbench\'s threads interleaved', () => {
    const interleaved = parsePgbenchOutput('', 'pgbench:  error: error: ERROR:  x\n', 2).error;
    expect(interleaved).toBe('ERROR:  x');
    expect(parsePgbenchOutput('', 'pgbench: error: ERROR:  x\n', 2).error).toBe(interleaved);
    expect(parsePgbenchOutput('', 'pgbench: error: connection to server failed: Connection refused\n', 2).error).toBe(
      'connection to server failed: Connection refused',
    );
  });

  it('fails a run that printed no tps line even with exit code 0', () => {
    expect(parsePgbenchOutput('', '', 0)).toMatchObject({ ok: false, error: 'pgbench exited with 0' });
  });
});

describe('pgbenchArgs', () => {
  it('puts connection, concurrency, duration and workload arguments before the database name', () => {
    const args = pgbenchArgs({
      pgbench: 'pgbench', host: '127.0.0.1', port: 6432, user: 'bench', password: 'x', database: 'bench',
      clients: 16, threads: 2, durationSeconds: 8, workloadArgs: ['-S', '-C'],
    });
    expect(args).toEqual(['-h', '127.0.0.1', '-p', '6432', '-U', 'bench', '-n', '-c', '16', '-j', '2', '-T', '8', '-S', '-C', 'bench']);
  });
});
