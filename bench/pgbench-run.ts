// Runs one pgbench measurement against a target and reads its summary. A run whose clients aborted (say,
// a pooler that loses prepared statements) is a failed sample with pgbench's own first error line, not a
// number: it must never be averaged into a median.
import { spawn } from 'node:child_process';
import { onCleanup } from './cleanup-stack.ts';

export interface PgbenchOutcome {
  ok: boolean;
  tps?: number;
  latencyMs?: number;
  transactions?: number;
  failedTransactions?: number;
  /** First error pgbench reported, when the run failed. */
  error?: string;
}

export interface PgbenchRunOptions {
  pgbench: string;
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
  clients: number;
  threads: number;
  durationSeconds: number;
  workloadArgs: readonly string[];
}

function numberAfter(text: string, pattern: RegExp): number | undefined {
  const match = pattern.exec(text);
  return match ? Number(match[1]) : undefined;
}

/**
 * pgbench's first error, reduced to the server's ERROR text when there is one: pgbench's two threads can
 * interleave their "pgbench: error:" prefixes on stderr, and equal errors must compare equal in the report.
 */
function firstError(stderr: string): string | undefined {
  const line = stderr.split('\n').find((candidate) => /error|fatal|aborted/i.test(candidate));
  if (line === undefined) return undefined;
  const serverError = line.indexOf('ERROR:');
  if (serverError >= 0) return line.slice(serverError).trim();
  return line.replace(/^(\s*(pgbench:|error:))+\s*/, '').trim();
}

/** Interprets pgbench's stdout/stderr and exit code. */
export function parsePgbenchOutput(stdout: string, stderr: string, exitCode: number | null): PgbenchOutcome {
  const measured = {
    tps: numberAfter(stdout, /^tps = ([\d.]+)/m),
    latencyMs: numberAfter(stdout, /^latency average = ([\d.]+) ms/m),
    transactions: numberAfter(stdout, /^number of transactions actually processed: (\d+)/m),
    failedTransactions: numberAfter(stdout, /^number of failed transactions: (\d+)/m) ?? 0,
  };
  const aborted = exitCode !== 0 || /Run was aborted/.test(stdout) || measured.tps === undefined;
  if (aborted) {
    const lastLine = stdout.trim().split('\n').at(-1) ?? '';
    const exited = exitCode === null ? 'pgbench was killed' : `pgbench exited with ${exitCode}`;
    const why = firstError(stderr) ?? (measured.tps === undefined && lastLine ? `${exited} and printed no tps (last line: ${lastLine})` : exited);
    return { ok: false, ...measured, error: why };
  }
  return { ok: true, ...measured };
}

export function pgbenchArgs(options: PgbenchRunOptions): string[] {
  return [
    '-h', options.host,
    '-p', String(options.port),
    '-U', options.user,
    '-n', // no VACUUM before each run: the harness vacuumed once after loading, directly on the primary
    '-c', String(options.clients),
    '-j', String(options.threads),
    '-T', String(options.durationSeconds),
    ...options.workloadArgs,
    options.database,
  ];
}

/** Runs pgbench to completion (or kills it well after its duration) and parses the result. */
export function runPgbench(options: PgbenchRunOptions): Promise<PgbenchOutcome> {
  return new Promise((resolveOutcome) => {
    const child = spawn(options.pgbench, pgbenchArgs(options), {
      env: { PATH: process.env.PATH, LC_ALL: 'C', PGPASSWORD: options.password, PGCONNECT_TIMEOUT: '10' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // Ctrl-C mid-run: pgbench must not outlive the harness (and keep hammering a target being stopped).
    const release = onCleanup('pgbench', async () => void child.kill('SIGKILL'), { pids: () => (child.pid ? [child.pid] : []) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const watchdog = setTimeout(() => child.kill('SIGKILL'), (options.durationSeconds + 60) * 1000);
    child.once('error', (error) => {
      clearTimeout(watchdog);
      resolveOutcome({ ok: false, error: `pgbench could not start: ${error.message}` });
    });
    child.once('close', (code) => {
      clearTimeout(watchdog);
      void release();
      resolveOutcome(parsePgbenchOutput(stdout, stderr.split(options.password).join('***'), code));
    });
  });
}
