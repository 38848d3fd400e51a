// Resident memory of a process and all its descendants (the proxy's workers, PgBouncer's processes), from
// /proc/<pid>/status. VmRSS counts shared pages in every process that maps them, so a tree of forked
// workers is overstated by its shared code; for one process it is what `ps` shows.
import { readFileSync } from 'node:fs';
import { readAllStats, treeMembers } from './process-tree-cpu.ts';

/** The VmRSS line of a /proc/<pid>/status text, in bytes (undefined for kernel threads and zombies). */
export function parseVmRssBytes(status: string): number | undefined {
  const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status);
  return match ? Number(match[1]) * 1024 : undefined;
}

/** Summed VmRSS of the trees rooted at `roots`, in bytes; 0 when none is alive. */
export function processTreeRssBytes(roots: readonly number[]): number {
  let total = 0;
  for (const { pid } of treeMembers(readAllStats(), roots)) {
    try {
      total += parseVmRssBytes(readFileSync(`/proc/${pid}/status`, 'utf8')) ?? 0;
    } catch {
      // exited between the snapshot and the read
    }
  }
  return total;
}
