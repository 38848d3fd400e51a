// Which cores the scaling benchmark gives the proxy and which it keeps for PostgreSQL and pgbench, and which
// worker counts fit. The proxy gets its own cores (half of them by default) so that adding workers measures
// the proxy, not a fight with the load generator; counts that would oversubscribe its cores are left out.

export const WORKER_COUNTS = [1, 2, 4, 8] as const;

export interface ScalingPlan {
  proxyCpus: number[];
  loadCpus: number[];
  /** Workers (and PgBouncer so_reuseport processes) to measure. */
  workerCounts: number[];
  /** Why the plan is smaller than the full set, one line each, for the report. */
  notes: string[];
}

/** A Linux CPU list such as `0-3,6,8-9` (Cpus_allowed_list, taskset -c). */
export function parseCpuList(text: string): number[] {
  const cpus: number[] = [];
  for (const part of text.trim().split(',').filter(Boolean)) {
    const [from, to = from] = part.split('-').map(Number);
    if (!Number.isInteger(from) || !Number.isInteger(to) || to < from) throw new Error(`not a CPU list: "${text}"`);
    for (let cpu = from; cpu <= to; cpu++) cpus.push(cpu);
  }
  return cpus;
}

export function formatCpuList(cpus: readonly number[]): string {
  return cpus.join(',');
}

/** The Cpus_allowed_list line of a /proc/<pid>/status text. */
export function allowedCpus(status: string): number[] | undefined {
  const match = /^Cpus_allowed_list:\s*(\S+)$/m.exec(status);
  return match ? parseCpuList(match[1]) : undefined;
}

/**
 * Splits `cpus` into the proxy's (the last `proxyCores`, default half rounded down, at least one) and the
 * rest for PostgreSQL and pgbench. With a single CPU nothing can be separated: everything shares it.
 * `requested` worker counts replace the ones that fit (`--workers`), with a note for each that oversubscribes.
 */
export function planScaling(cpus: readonly number[], proxyCores?: number, requested?: readonly number[]): ScalingPlan {
  const notes: string[] = [];
  if (cpus.length < 2) {
    notes.push(`only ${cpus.length} CPU: the proxy, PostgreSQL and pgbench share it, unpinned`);
    return { proxyCpus: [...cpus], loadCpus: [...cpus], workerCounts: [1], notes };
  }
  const proxyCount = Math.min(cpus.length - 1, Math.max(1, proxyCores ?? Math.floor(cpus.length / 2)));
  const proxyCpus = cpus.slice(cpus.length - proxyCount);
  const loadCpus = cpus.slice(0, cpus.length - proxyCount);
  if (requested) {
    const over = requested.filter((count) => count > proxyCount);
    if (over.length > 0) notes.push(`workers ${over.join(', ')} oversubscribe the proxy's ${proxyCount} CPU(s): that checks the set-up works, not how it scales`);
    return { proxyCpus, loadCpus, workerCounts: [...new Set(requested)].sort((a, b) => a - b), notes };
  }
  const workerCounts = WORKER_COUNTS.filter((count) => count <= proxyCount);
  const left = WORKER_COUNTS.filter((count) => count > proxyCount);
  if (left.length > 0) {
    notes.push(`${cpus.length} CPUs, ${proxyCount} for the proxy: workers ${left.join(', ')} left out (more workers than proxy cores); the full set needs ≥ 16 CPUs (8 proxy + 8 load)`);
  }
  if (loadCpus.length < proxyCount) notes.push(`PostgreSQL and pgbench have ${loadCpus.length} CPU(s) against the proxy's ${proxyCount}: they may be the bottleneck`);
  return { proxyCpus, loadCpus, workerCounts: [...workerCounts], notes };
}
