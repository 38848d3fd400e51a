// Runs a PostgreSQL binary (initdb, pg_ctl, pg_basebackup, ...) as the database OS user. Failures
// become PgCommandError carrying the command's output and the tail of the server log, with every
// known secret masked so passwords never reach errors or logs.
import { execFile, type ExecFileException } from 'node:child_process';
import { open } from 'node:fs/promises';
import type { PgBinaries, PgTool } from './pg-binaries.ts';
import { dbSpawnIdentity, type DbOsUser } from './os-user.ts';

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

async function failure(
  tool: PgTool,
  args: readonly string[],
  error: ExecFileException & { stdout?: string; stderr?: string },
  options: PgCommandOptions,
): Promise<PgCommandError> {
  const exitCode = typeof error.code === 'number' ? error.code : null;
  const why = error.killed ? `timed out after ${options.timeoutMs ?? DEFAULT_TIMEOUT_MS} ms` : `exit ${error.code}`;
  const output = `${error.stderr ?? ''}${error.stdout ?? ''}`.trim();
  const logTail = options.logFile ? (await readLogTail(options.logFile)).trim() : '';
  const parts = [`${tool} ${args.join(' ')} failed (${why}).`];
  if (output) parts.push(`Output:\n${output}`);
  if (logTail) parts.push(`Server log tail (${options.logFile}):\n${logTail}`);
  return new PgCommandError(tool, exitCode, maskSecrets(parts.join('\n'), options.secrets));
}

/** Runs `tool args` as the database user; resolves with stdout, rejects with PgCommandError. */
export function runPgCommand(
  context: PgCommandContext,
  tool: PgTool,
  args: readonly string[],
  options: PgCommandOptions,
): Promise<string> {
  return new Promise((resolveOutput, reject) => {
    execFile(
      context.binaries.tool(tool),
      args,
      {
        ...dbSpawnIdentity(context.user),
        cwd: options.cwd,
        env: childEnvironment(options.env),
        encoding: 'utf8',
        timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
        maxBuffer: 16 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        if (!error) return resolveOutput(stdout);
        failure(tool, args, Object.assign(error, { stdout, stderr }), options).then(reject, reject);
      },
    );
  });
}
