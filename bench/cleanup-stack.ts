// Everything the benchmark starts registers how to stop it here. Cleanup runs in reverse order on normal
// completion, on errors and on Ctrl-C/SIGTERM; a last-resort exit hook SIGKILLs whatever PIDs are still
// registered, so no PostgreSQL or proxy outlives the harness.
import { rmSync } from 'node:fs';

interface CleanupEntry {
  label: string;
  run: () => Promise<void>;
  /** PIDs to SIGKILL synchronously if the process exits before `run` could finish. */
  pids: () => number[];
  /** Directories removed synchronously at exit as a last resort. */
  dirs: string[];
}

const entries: CleanupEntry[] = [];
let hooksInstalled = false;
let running: Promise<void> | undefined;
let interrupted = false;

/** True once Ctrl-C/SIGTERM arrived: long loops stop starting new work. */
export function wasInterrupted(): boolean {
  return interrupted;
}

function killSync(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

function lastResort(): void {
  for (const entry of entries) for (const pid of entry.pids()) killSync(pid);
  for (const entry of entries) for (const dir of entry.dirs) rmSync(dir, { recursive: true, force: true });
}

function installHooks(): void {
  if (hooksInstalled) return;
  hooksInstalled = true;
  process.once('exit', lastResort);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      interrupted = true;
      process.stderr.write(`\nbench: ${signal} received, stopping everything it started…\n`);
      runCleanup().finally(() => process.exit(130));
    });
  }
}

/** Registers a cleanup step; returns a function that runs and unregisters just this step. */
export function onCleanup(
  label: string,
  run: () => Promise<void>,
  options: { pids?: () => number[]; dirs?: string[] } = {},
): () => Promise<void> {
  installHooks();
  const entry: CleanupEntry = { label, run, pids: options.pids ?? (() => []), dirs: options.dirs ?? [] };
  entries.push(entry);
  return async () => {
    const index = entries.indexOf(entry);
    if (index < 0) return;
    entries.splice(index, 1);
    await runEntry(entry);
  };
}

async function runEntry(entry: CleanupEntry): Promise<void> {
  try {
    await entry.run();
  } catch (error) {
    process.stderr.write(`bench: cleanup of ${entry.label} failed: ${(error as Error).message}\n`);
    for (const pid of entry.pids()) killSync(pid);
  }
  for (const dir of entry.dirs) rmSync(dir, { recursive: true, force: true });
}

/** Runs every registered cleanup step, newest first. Safe to call more than once. */
export function runCleanup(): Promise<void> {
  running ??= (async () => {
    while (entries.length > 0) await runEntry(entries.pop()!);
  })().finally(() => {
    running = undefined;
  });
  return running;
}
