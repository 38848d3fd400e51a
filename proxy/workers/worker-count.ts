// How many event loops a proxy runs: `workers` of its config, or the --workers flag. `auto` is the number of
// cores this process may run on (os.availableParallelism() honours the CPU affinity mask, e.g. taskset or a
// container's cpuset), so a proxy pinned to two cores runs two workers.
import { availableParallelism } from 'node:os';
import { ProxyConfigError } from '../proxy-config.ts';

export const MAX_WORKERS = 64;

export function workerCount(value: number | string, where: string): number {
  if (value === 'auto') return Math.min(availableParallelism(), MAX_WORKERS);
  const count = Number(value);
  if (!Number.isInteger(count) || count < 1 || count > MAX_WORKERS) {
    throw new ProxyConfigError(`${where} ${value}: expected an integer from 1 to ${MAX_WORKERS}, or auto`);
  }
  return count;
}
