import { spawn } from 'node:child_process';
import { join } from 'node:path';

/** The repository root, where `bin/pgtopo` and Node 24 from node_modules live. */
export const repoRoot = join(import.meta.dirname, '../../..');
const node = join(repoRoot, 'node_modules/.bin/node');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real `bin/pgtopo` with Node 24, as a user would (as another OS user with `as`), and collects its output. */
export function runPgtopo(args: string[], env: Record<string, string | undefined> = {}, as: { uid: number; gid: number } | undefined = undefined): Promise<CliRun> {
  return new Promise((resolveRun, rejectRun) => {
    const child = spawn(node, [join(repoRoot, 'bin/pgtopo'), ...args], {
      cwd: repoRoot,
      ...as,
      env: { ...withoutColorSettings(process.env), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', rejectRun);
    child.on('close', (code) => resolveRun({ code, stdout, stderr }));
  });
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
