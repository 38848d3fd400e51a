// Fairness between workers at a full pool: a worker whose clients wait for room another worker holds gets it,
// because the holder closes a server it is given back once it holds more than its share, rather than handing every
// server straight to its own next waiter (which starved the other worker's clients for as long as it was busy).
import { describe, expect, it } from 'vitest';
import type { Pool } from '../../../proxy/pool/pool.ts';
import type { PoolRegistry } from '../../../proxy/pool/pool-registry.ts';
import { SharedCounters } from '../../../proxy/workers/shared-counters.ts';
import { SharedPoolLimits } from '../../../proxy/workers/shared-pool-limits.ts';

const SIZE = 4;

/** The parts of a Pool the limits read: its key, its config and how many servers it holds. */
function poolOf(servers: number): Pool {
  const config = { size: SIZE, maxServerConnections: 100 };
  return {
    backend: { id: 0 }, user: { name: 'app' }, database: 'shop', host: { config },
    servers: { size: servers }, opening: 0, waiting: 0, serveWaiters: () => {}, evictOneIdle: () => false,
  } as unknown as Pool;
}

function registryOf(pool: Pool): PoolRegistry {
  return { pools: [pool], poolByKey: () => pool, evictIdleFor: () => false } as unknown as PoolRegistry;
}

const delivered = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 50));

describe('SharedPoolLimits between two workers', () => {
  it('makes the worker holding the whole pool yield down to its share once the other asks, and no further', async () => {
    const buffer = SharedCounters.allocate(4);
    const busy = new SharedPoolLimits(buffer, 'fairness-test', 2);
    const starved = new SharedPoolLimits(buffer, 'fairness-test', 2);
    const busyPool = poolOf(0);
    const starvedPool = poolOf(0);
    busy.attach(registryOf(busyPool));
    starved.attach(registryOf(starvedPool));
    try {
      for (let i = 0; i < SIZE; i++) expect(busy.reserve(busyPool)).toBe(true);
      expect(busy.yields(poolOf(SIZE), SIZE)).toBe(false); // nobody asked: keep serving own clients
      expect(starved.reserve(starvedPool)).toBe(false); // full: asks the others
      await delivered();
      expect(busy.yields(poolOf(SIZE), SIZE)).toBe(true);
      expect(busy.yields(poolOf(SIZE / 2), SIZE / 2)).toBe(false); // at its share (size / workers) it keeps the rest
      busy.release(busyPool); // the yielded server's backend hung up: room for the starved worker
      expect(starved.reserve(starvedPool)).toBe(true);
      expect(busy.yields(poolOf(SIZE), SIZE)).toBe(false); // the ask was answered
    } finally {
      busy.close();
      starved.close();
    }
  });
});
