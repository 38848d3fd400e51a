// What a driver's own test suite looks like to the runner: how to set it up in a scratch directory from its
// fetched git repository, and how to run it against one endpoint (PostgreSQL itself, or the proxy in front of it)
// and read which of its tests passed.
import { spawn } from 'node:child_process';
import { mkdir } from 'node:fs/promises';

/** Where a run connects, as libpq environment variables give it to the driver's tests. */
export interface Endpoint {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
  /** PostgreSQL's own address, for setup steps that must not go through the proxy. */
  postgres: { host: string; port: number };
  /** Directory of psql, createdb, dropdb. */
  pgBinDir: string;
}

export interface SuiteResult {
  /** Test (or test file) names that passed and that failed; a failure carries its first line of output. */
  passed: string[];
  failed: Map<string, string>;
}

export interface DriverSuite {
  readonly name: string;
  /** Extracts the sources and installs their dependencies under `scratch`. */
  prepare(scratch: string, gitDir: string): Promise<void>;
  /** PostgreSQL roles and pg_hba lines the suite needs, created once before any run. */
  readonly roles: readonly SuiteRole[];
  run(scratch: string, endpoint: Endpoint): Promise<SuiteResult>;
}

export interface SuiteRole {
  name: string;
  password: string | null;
  /** pg_hba method for the role from 127.0.0.1, and the proxy's towards its clients. */
  method: 'trust' | 'md5' | 'scram-sha-256';
}

export interface CommandResult {
  code: number | null;
  output: string;
}

/** Runs a command to completion (killed after `timeoutMs`), stdout and stderr together. */
export function runCommand(command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs: number; input?: Buffer }): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => chunks.push(chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output: Buffer.concat(chunks).toString('utf8') });
    });
    child.stdin.end(options.input);
  });
}

/** Extracts `paths` of the repository's HEAD into `into` (git archive | tar), without a work tree. */
export async function extractRepository(gitDir: string, into: string, paths: string[] = []): Promise<void> {
  await mkdir(into, { recursive: true });
  const archive = await runBuffer('git', ['--git-dir', gitDir, 'archive', '--format=tar', 'HEAD', ...paths], into);
  const untar = await runCommand('tar', ['-x', '-C', into], { cwd: into, timeoutMs: 120_000, input: archive });
  if (untar.code !== 0) throw new Error(`tar failed: ${untar.output}`);
}

function runBuffer(command: string, args: string[], cwd: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    let errors = '';
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(Buffer.concat(chunks)) : reject(new Error(`${command} ${args.join(' ')}: ${errors}`))));
  });
}

/** Installs npm packages into `dir` (its own node_modules), with the npm beside this Node. */
export async function npmInstall(dir: string, packages: string[]): Promise<void> {
  const result = await runCommand('npm', ['install', '--no-audit', '--no-fund', '--no-save', '--no-package-lock', ...packages], { cwd: dir, timeoutMs: 600_000 });
  if (result.code !== 0) throw new Error(`npm install in ${dir} failed:\n${result.output}`);
}

/** libpq environment for a run against `endpoint`. */
export function libpqEnv(endpoint: Endpoint, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    PATH: `${endpoint.pgBinDir}:${process.env.PATH ?? ''}`,
    PGHOST: endpoint.host,
    PGPORT: String(endpoint.port),
    PGUSER: endpoint.user,
    PGPASSWORD: endpoint.password,
    PGDATABASE: endpoint.database,
    ...extra,
  };
}
