// CPU time used by a process and all its descendants, read from /proc. Pgpool-II forks one process per
// client slot and PostgreSQL one per connection, so a single /proc/<pid>/stat would miss most of the work.
import { readFileSync, readdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

export interface ProcStatFields {
  pid: number;
  ppid: number;
  /** utime + stime + cutime + cstime, in clock ticks. */
  ticks: number;
}

/**
 * Parses one /proc/<pid>/stat line. The command name is in parentheses and may itself contain spaces or
 * ')', so fields are counted from the last ')'. cutime/cstime hold the CPU of children that already exited
 * and were reaped, which is how short-lived backends (connection churn) stay counted.
 */
export function parseProcStat(text: string): ProcStatFields {
  const pid = Number.parseInt(text, 10);
  const rest = text.slice(text.lastIndexOf(')') + 2).trim().split(/\s+/);
  // rest[0] is field 3 (state); utime is field 14, stime 15, cutime 16, cstime 17.
  const field = (n: number): number => Number(rest[n - 3]);
  return { pid, ppid: field(4), ticks: field(14) + field(15) + field(16) + field(17) };
}

export function readAllStats(): ProcStatFields[] {
  const stats: ProcStatFields[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      stats.push(parseProcStat(readFileSync(`/proc/${entry}/stat`, 'utf8')));
    } catch {
      // the process exited between listing and reading
    }
  }
  return stats;
}

/** `roots` and every live descendant, given a snapshot of all processes. */
export function treeMembers(stats: readonly ProcStatFields[], roots: readonly number[]): ProcStatFields[] {
  const children = new Map<number, ProcStatFields[]>();
  for (const stat of stats) {
    const siblings = children.get(stat.ppid) ?? [];
    siblings.push(stat);
    children.set(stat.ppid, siblings);
  }
  const byPid = new Map(stats.map((stat) => [stat.pid, stat]));
  const members: ProcStatFields[] = [];
  const queue = roots.map((pid) => byPid.get(pid)).filter((stat) => stat !== undefined);
  const seen = new Set<number>();
  while (queue.length > 0) {
    const stat = queue.pop()!;
    if (seen.has(stat.pid)) continue;
    seen.add(stat.pid);
    members.push(stat);
    queue.push(...(children.get(stat.pid) ?? []));
  }
  return members;
}

/** Sum of ticks over `roots` and every live descendant, given a snapshot of all processes. */
export function treeTicks(stats: readonly ProcStatFields[], roots: readonly number[]): number {
  return treeMembers(stats, roots).reduce((total, stat) => total + stat.ticks, 0);
}

let clockTicksPerSecond: number | undefined;

function ticksPerSecond(): number {
  if (clockTicksPerSecond === undefined) {
    try {
      clockTicksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      clockTicksPerSecond = 100; // the Linux default USER_HZ
    }
  }
  return clockTicksPerSecond;
}

/** CPU seconds used so far by the trees rooted at `roots` (0 when none of them is alive). */
export function processTreeCpuSeconds(roots: readonly number[]): number {
  if (roots.length === 0) return 0;
  return treeTicks(readAllStats(), roots) / ticksPerSecond();
}

/**
 * CPU seconds of this process's children that have exited and been reaped (cutime + cstime of
 * /proc/self/stat). Around a pgbench run this is pgbench's own CPU: the load generator's share of the machine.
 */
export function reapedChildrenCpuSeconds(): number {
  const text = readFileSync('/proc/self/stat', 'utf8');
  const rest = text.slice(text.lastIndexOf(')') + 2).trim().split(/\s+/);
  return (Number(rest[16 - 3]) + Number(rest[17 - 3])) / ticksPerSecond();
}
