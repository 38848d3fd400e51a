// The engine's plan benchmark (1,000 clusters, provider calls per resource type) lives in
// bench/plan-benchmark.ts, owned by the engine. The harness runs it as a separate process and includes its
// output verbatim.
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';

export interface EngineBenchResult {
  status: 'ran' | 'failed';
  seconds?: number;
  output?: string;
  /** The output parsed as JSON when the script printed JSON. */
  json?: unknown;
  reason?: string;
}

const REPO = resolve(import.meta.dirname, '..');
const SCRIPT = resolve(REPO, 'bench', 'plan-benchmark.ts');
const TIMEOUT_MS = 300_000;

function parseJson(output: string): unknown {
  try {
    return JSON.parse(output);
  } catch {
    return undefined; // a plain-text report: kept as output only
  }
}

export function runEngineBench(): Promise<EngineBenchResult> {
  const started = performance.now();
  return new Promise((resolveResult) => {
    execFile(process.execPath, [SCRIPT], { cwd: REPO, timeout: TIMEOUT_MS, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const seconds = (performance.now() - started) / 1000;
      const output = stdout.trim();
      if (error) {
        const reason = (stderr.trim().split('\n').at(-1) ?? '') || error.message;
        resolveResult({ status: 'failed', seconds, output, reason });
        return;
      }
      resolveResult({ status: 'ran', seconds, output, json: parseJson(output) });
    });
  });
}
