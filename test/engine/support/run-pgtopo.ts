// Runs the real `bin/pgtopo` as a child process with the simulated provider behind every environment.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const NODE = join(process.cwd(), 'node_modules', '.bin', 'node');
const PGTOPO = join(process.cwd(), 'bin', 'pgtopo');

export interface PgtopoRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface PgtopoProcess {
  child: ChildProcess;
  output(): { stdout: string; stderr: string };
  done: Promise<PgtopoRun>;
}

export function startPgtopo(args: string[], options: { cwd: string; world: string; env?: NodeJS.ProcessEnv }): PgtopoProcess {
  const child = spawn(NODE, [PGTOPO, ...args], {
    cwd: options.cwd,
    env: { ...process.env, NO_COLOR: '1', PGTOPO_SIMULATE: options.world, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => void (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => void (stderr += chunk.toString()));
  const done = new Promise<PgtopoRun>((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
  return { child, output: () => ({ stdout, stderr }), done };
}

export function runPgtopo(args: string[], options: { cwd: string; world: string; env?: NodeJS.ProcessEnv }): Promise<PgtopoRun> {
  return startPgtopo(args, options).done;
}
