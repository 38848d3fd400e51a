// Runs the real `bin/pgtopo` with Node 24 as a child process, as a user would. The one place tests spawn it;
// test/engine/support/run-pgtopo.ts puts the simulated provider behind it.
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The repository root, where `bin/pgtopo` and Node 24 from node_modules live. */
export const repoRoot = join(import.meta.dirname, '../..');
const node = join(repoRoot, 'node_modules/.bin/node');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface PgtopoOptions {
  /** Working directory (default the repository root). */
  cwd?: string;
  /** Added to the environment; an undefined value leaves a variable out. */
  env?: Record<string, string | undefined>;
  /** Run as another OS user. */
  as?: { uid: number; gid: number };
}

export interface PgtopoProcess {
  child: ChildProcess;
  /** What it has printed so far. */
  output(): { stdout: string; stderr: string };
  done: Promise<CliRun>;
}

export function startPgtopo(args: string[], options: PgtopoOptions = {}): PgtopoProcess {
  const child = spawn(node, [join(repoRoot, 'bin/pgtopo'), ...args], {
    cwd: options.cwd ?? repoRoot,
    ...options.as,
    env: { ...withoutColorSettings(process.env), ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const done = new Promise<CliRun>((resolveRun, rejectRun) => {
    child.on('error', rejectRun);
    child.on('close', (code) => resolveRun({ code, stdout, stderr }));
  });
  return { child, output: () => ({ stdout, stderr }), done };
}

/** A proxy config that starts and listens with nothing behind it: one unreachable backend, trust for everyone. */
export function writeIdleProxyConfig(file: string): void {
  writeFileSync(file, JSON.stringify({
    listen: { host: '127.0.0.1', port: 0 },
    backends: [{ name: 'nowhere', host: '127.0.0.1', port: 1 }],
    users: [{ name: 'app' }],
    hba: [{ type: 'host', database: 'all', user: 'all', address: 'all', method: 'trust' }],
  }));
}

/** Waits (up to 30 s) until a started `pgtopo proxy` says it listens, or has exited. */
export async function untilListening(proxy: PgtopoProcess): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!proxy.output().stderr.includes('proxy listening') && proxy.child.exitCode === null && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export function runPgtopo(args: string[], options: PgtopoOptions = {}): Promise<CliRun> {
  return startPgtopo(args, options).done;
}

// The test runner's own colour settings must not decide what pgtopo prints.
function withoutColorSettings(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { NO_COLOR: _noColor, FORCE_COLOR: _forceColor, ...rest } = env;
  return rest;
}

/** Signs that pgtopo crashed instead of explaining: a stack frame, a JS error class, or its internal-error path. */
export const crashPatterns: RegExp[] = [
  /^\s+at /m,
  /^[A-Za-z]*Error: /m,
  /\b(TypeError|RangeError|ReferenceError|SyntaxError)\b/,
  /internal error/i,
  /node:internal|file:\/\//,
];
