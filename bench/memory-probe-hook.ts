// Loaded with `node --expose-gc --import` into a proxy under measurement (bench/idle-client-memory.ts): on
// SIGUSR2 it collects garbage, prints one JSON line `{"memoryProbe": process.memoryUsage()}` on stderr and, when
// the size of V8's young generation (new space, committed) beside it, and when
// PGTOPO_BENCH_HEAP_SNAPSHOTS names a directory, writes a heap snapshot there (file name on the same line).
import { getHeapSpaceStatistics, writeHeapSnapshot } from 'node:v8';
import { join } from 'node:path';

const collect = (globalThis as { gc?: () => void }).gc;
const snapshots = process.env.PGTOPO_BENCH_HEAP_SNAPSHOTS;
let taken = 0;

process.on('SIGUSR2', () => {
  collect?.();
  collect?.();
  const snapshot = snapshots ? writeHeapSnapshot(join(snapshots, `proxy-${++taken}.heapsnapshot`)) : null;
  const youngGeneration = getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')?.space_size ?? 0;
  process.stderr.write(`${JSON.stringify({ memoryProbe: process.memoryUsage(), youngGeneration, snapshot })}\n`);
});
