// Runs a PostgreSQL binary (initdb, pg_ctl, pg_basebackup, ...) as the database OS user. Failures
// become PgCommandError carrying the command's output and the tail of the server log, with every
// known secret masked so passwords never reach errors or logs. Tools that write a data dir are recorded
// while they run (tool-records.ts), so none outlives an apply that dies.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { open } from 'node:fs/promises';
import type { PgBinaries, PgTool } from './pg-binaries.ts';
import { dbSpawnIdentity, type DbOsUser } from './os-user.ts';
import { recordTool } from './tool-records.ts';

export interface PgCommandContext {
  binaries: PgBinaries;
  user: DbOsUser;
}

export interface PgCommandOptions {
  /** Directory the child starts in; must be accessible to the database user. */
  cwd: string;
  /** Extra environment on top of the cleaned parent environment. */
  env?: Record<string, string>;
  /** Server log whose tail is attached to the error when the command fails. */
  logFile?: string;
  /** Strings masked in error text (passwords). */
  secrets?: readonly string[];
  timeoutMs?: number;
  /** Directory that records the tool while it runs, so a later apply can stop it if this process dies (tool-records.ts). */
  recordIn?: string;
}

export class PgCommandError extends Error {
  readonly tool: PgTool;
  readonly exitCode: number | null;
  constructor(tool: PgTool, exitCode: number | null, message: string) {
    super(message);
    this.name = 'PgCommandError';
    this.tool = tool;
    this.exitCode = exitCode;
  }
}

const LOG_TAIL_BYTES = 4096;
const GATED = ['-c', 'read -r go && exec "$0" "$@"'];
const DEFAULT_TIMEOUT_MS = 120_000;

/** Replaces each secret in `text` with ***. */
export function maskSecrets(text: string, secrets: readonly string[] = []): string {
  return secrets.filter((secret) => secret.length > 0).reduce((masked, secret) => masked.split(secret).join('***'), text);
}

/** The last few KiB of a log file, or '' when it does not exist yet. */
export async function readLogTail(path: string, bytes = LOG_TAIL_BYTES): Promise<string> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch {
    return '';
  }
  try {
    const { size } = await handle.stat();
    const length = Math.min(size, bytes);
    const buffer = Buffer.alloc(length);
    await handle.read(buffer, 0, length, size - length);
    const text = buffer.toString('utf8');
    // Drop a partial first line so the tail starts cleanly.
    return size > length ? text.slice(text.indexOf('\n') + 1) : text;
  } finally {
    await handle.close();
  }
}

/**
 * The parent's environment minus libpq variables: a PGHOST/PGPORT/PGPASSWORD meant for some other
 * server must not redirect or authenticate our tools.
 */
function childEnvironment(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!key.startsWith('PG')) env[key] = value;
  return { ...env, LC_ALL: 'C', ...extra };
}

/** How a tool ended: its exit code (or the signal or spawn error code), output, and whether our timeout killed it. */
interface ToolExit {
  code: number | string | null;
  timedOut: boolean;
  stdout: string;
  stderr: string;
}

async function failure(tool: PgTool, args: readonly string[], exit: ToolExit, options: PgCommandOptions): Promise<PgCommandError> {
  const exitCode = typeof exit.code === 'number' ? exit.code : null;
  const why = exit.timedOut ? `timed out after ${options.timeoutMs ?? DEFAULT_TIMEOUT_MS} ms` : `exit ${exit.code}`;
  const output = `${exit.stderr}${exit.stdout}`.trim();
  const logTail = options.logFile ? (await readLogTail(options.logFile)).trim() : '';
  const parts = [`${tool} ${args.join(' ')} failed (${why}).`];
  if (output) parts.push(`Output:\n${output}`);
  if (logTail) parts.push(`Server log tail (${options.logFile}):\n${logTail}`);
  return new PgCommandError(tool, exitCode, maskSecrets(parts.join('\n'), options.secrets));
}

/**
 * Spawns `tool`. A recorded one starts as a shell that waits for one line before it execs the tool in the same
 * process: the record exists before the tool does anything, and if we die first the shell reads EOF and the tool
 * never starts. Returns the child and what removes its record.
 */
function startTool(context: PgCommandContext, tool: PgTool, args: readonly string[], options: PgCommandOptions): { child: ChildProcessWithoutNullStreams; forget: () => void } {
  const { recordIn } = options;
  const [file, argv] = recordIn === undefined ? [context.binaries.tool(tool), args] : ['/bin/sh', [...GATED, context.binaries.tool(tool), ...args]];
  const child = spawn(file, argv, {
    ...dbSpawnIdentity(context.user),
    cwd: options.cwd,
    env: childEnvironment(options.env),
    stdio: 'pipe', // stdin ends at once: no tool reads it, and the gate reads its one line
    // A recorded tool leads its own process group, so a later apply can stop it with the processes it forks.
    detached: recordIn !== undefined,
  });
  const forget = recordIn !== undefined && child.pid !== undefined ? recordTool(recordIn, tool, child.pid) : () => {};
  child.stdin.on('error', () => {}).end(recordIn === undefined ? '' : 'go\n');
  return { child, forget };
}

/** Runs `tool args` as the database user; resolves with stdout, rejects with PgCommandError. */
export function runPgCommand(
  context: PgCommandContext,
  tool: PgTool,
  args: readonly string[],
  options: PgCommandOptions,
): Promise<string> {
  return new Promise((resolveOutput, reject) => {
    const { child, forget } = startTool(context, tool, args, options);
    const exit: ToolExit = { code: null, timedOut: false, stdout: '', stderr: '' };
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (exit.stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (exit.stderr += chunk));
    const timer = setTimeout(() => {
      exit.timedOut = true;
      child.kill('SIGTERM');
    }, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    let settled = false;
    const settle = (code: number | string | null): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      forget();
      if (code === 0) return resolveOutput(exit.stdout);
      failure(tool, args, { ...exit, code }, options).then(reject, reject);
    };
    child.once('error', (error: NodeJS.ErrnoException) => settle(error.code ?? error.message));
    child.once('close', (code, signal) => settle(code ?? signal));
  });
}
