// With `postgres.replication.mode: sync`, ten kill -9 failovers under a steady stream of writes through the proxy
// lose no acknowledged write (the battery in durability-battery.ts; bench/durability-bench.ts runs it with async too).
import { expect, it } from 'vitest';
import { runDurabilityBattery } from './durability-battery.ts';

const ROUNDS = 10;

it(`loses no acknowledged write over ${ROUNDS} kill -9 failovers with synchronous replication`, async () => {
  const result = await runDurabilityBattery('sync', ROUNDS, (line) => console.log(line));
  console.log(`sync battery: ${result.acknowledged} acknowledged, ${result.lost.length} lost, ${result.failedWrites} failed writes`);
  expect(result.syncStates).toEqual(['quorum', 'quorum']);
  expect(result.failoverSeconds).toHaveLength(ROUNDS);
  expect(result.acknowledged).toBeGreaterThanOrEqual(ROUNDS * 300);
  expect(result.lost).toEqual([]);
}, 240_000);
