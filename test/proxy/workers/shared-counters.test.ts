// The counters worker threads share: a limit taken with compareExchange holds while threads race for it, a pool
// key gets one slot whichever thread claims it first, and a full table says so rather than sharing a slot.
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { SharedCounters } from '../../../proxy/workers/shared-counters.ts';

const LIMIT = 3;

const RACER = new URL('./counter-racer.ts', import.meta.url);

describe('SharedCounters', () => {
  it('never lets racing threads past the limit', async () => {
    const buffer = SharedCounters.allocate(4);
    const counters = new SharedCounters(buffer);
    // Three threads race for the room while this one takes too.
    const racers = Array.from({ length: 3 }, () => new Promise<number>((resolve, reject) => {
      const worker = new Worker(RACER, { workerData: { buffer, rounds: 50_000, limit: LIMIT } });
      worker.once('message', resolve);
      worker.once('error', reject);
    }));
    let highest = 0;
    for (let i = 0; i < 50_000; i++) {
      if (!counters.takeTotal(LIMIT)) continue;
      highest = Math.max(highest, counters.total);
      counters.giveBackTotal();
    }
    const seen = [highest, ...(await Promise.all(racers))];
    expect(Math.max(...seen)).toBeLessThanOrEqual(LIMIT);
    expect(counters.total).toBe(0);
  });

  it('gives a key one slot, from any thread, and refuses when the table is full', () => {
    const buffer = SharedCounters.allocate(2);
    const one = new SharedCounters(buffer);
    const other = new SharedCounters(buffer);
    const slot = one.slotOf('0\0app\0shop');
    expect(other.slotOf('0\0app\0shop')).toBe(slot);
    expect(one.take(slot, 1)).toBe(true);
    expect(other.take(slot, 1)).toBe(false);
    other.giveBack(slot);
    expect(one.count(slot)).toBe(0);
    const second = other.slotOf('1\0app\0shop');
    expect(second).not.toBe(slot);
    expect(one.slotOf('2\0app\0shop')).toBe(-1);
  });
});
