// A thread for shared-counters.test.ts: takes and gives back room `rounds` times through SharedCounters and
// reports the highest count it saw while holding room.
import { parentPort, workerData } from 'node:worker_threads';
import { SharedCounters } from '../../../proxy/workers/shared-counters.ts';

const { buffer, rounds, limit } = workerData as { buffer: SharedArrayBuffer; rounds: number; limit: number };
const counters = new SharedCounters(buffer);
let highest = 0;
for (let i = 0; i < rounds; i++) {
  if (!counters.takeTotal(limit)) continue;
  highest = Math.max(highest, counters.total);
  counters.giveBackTotal();
}
parentPort?.postMessage(highest);
