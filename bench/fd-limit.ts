// Thousands of clients need as many file descriptors in the load generator (this process) and in the pooler
// (which inherits our limit when we spawn it). The soft limit is raised to what a run needs, up to the hard
// limit, or above it with `prlimit` when we are root; otherwise the error says what to run.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

export interface FdLimit {
  soft: number;
  hard: number;
}

/** The "Max open files" line of a /proc/<pid>/limits text. */
export function parseOpenFilesLimit(limits: string): FdLimit | undefined {
  const match = /^Max open files\s+(\d+|unlimited)\s+(\d+|unlimited)/m.exec(limits);
  if (!match) return undefined;
  const value = (text: string): number => (text === 'unlimited' ? Number.MAX_SAFE_INTEGER : Number(text));
  return { soft: value(match[1]), hard: value(match[2]) };
}

function ownLimit(): FdLimit {
  return parseOpenFilesLimit(readFileSync('/proc/self/limits', 'utf8')) ?? { soft: 1024, hard: 1024 };
}

/** Makes sure this process (and what it spawns from now on) may open `needed` descriptors. */
export function ensureOpenFilesLimit(needed: number): FdLimit {
  const current = ownLimit();
  if (current.soft >= needed) return current;
  const hard = Math.max(current.hard, needed);
  try {
    execFileSync('prlimit', ['--pid', String(process.pid), `--nofile=${needed}:${hard}`], { stdio: 'ignore' });
  } catch {
    // not root and above the hard limit, or no prlimit: reported below
  }
  const raised = ownLimit();
  if (raised.soft < needed) {
    throw new Error(`this part needs ${needed} open files, but the limit is ${raised.soft} (hard ${raised.hard}); run \`ulimit -n ${needed}\` first.`);
  }
  return raised;
}
