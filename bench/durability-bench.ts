// Durability benchmark: the kill -9 failover battery of test/providers/local/durability-battery.ts, once with
// asynchronous and once with synchronous replication, counting acknowledged writes that the last primary lacks.
// Not part of the tests (the sync test runs the same battery); progress to stderr, one JSON line per mode to stdout.
//   node_modules/.bin/node bench/durability-bench.ts [--rounds 10] [--modes async,sync] [--writers 4]
import { parseArgs } from 'node:util';
import { runDurabilityBattery } from '../test/providers/local/durability-battery.ts';

const { values } = parseArgs({
  options: { rounds: { type: 'string', default: '10' }, modes: { type: 'string', default: 'async,sync' }, writers: { type: 'string', default: '4' } },
});
const rounds = Number(values.rounds);
const writers = Number(values.writers);
const modes = values.modes.split(',');
if (!Number.isInteger(rounds) || rounds < 1 || !Number.isInteger(writers) || writers < 1 || modes.some((mode) => mode !== 'async' && mode !== 'sync')) {
  process.stderr.write('usage: durability-bench.ts [--rounds N] [--modes async,sync] [--writers N]\n');
  process.exit(1);
}

for (const mode of modes as Array<'async' | 'sync'>) {
  const result = await runDurabilityBattery(mode, rounds, (line) => process.stderr.write(`${line}\n`), writers);
  const failover = [...result.failoverSeconds].sort((a, b) => a - b);
  process.stdout.write(`${JSON.stringify({
    mode, rounds, writers, acknowledged: result.acknowledged, lost: result.lost.length, lostIds: result.lost.slice(0, 20),
    failedWrites: result.failedWrites, failoverSecondsMedian: failover[Math.floor(failover.length / 2)], failoverSecondsMax: failover.at(-1),
  })}\n`);
}
