// V8's `--trace-gc` lines as the builtin proxy writes them to its log: how many scavenges (young-generation
// collections) ran and how long they paused the event loop. The count depends only on what the proxy allocated and
// on the semi-space size, so unlike CPU time it does not move with the load of other work on the machine.

export interface ScavengeTotals {
  scavenges: number;
  /** Summed main-thread pause, in ms (wall time: a busy machine stretches it). */
  pauseMs: number;
}

// `[pid:0x…]  97 ms: Scavenge 4.9 (6.0) -> 4.6 (7.0) MB, pooled: 0 MB, 6.53 / 0.00 ms  (average mu = …) allocation failure;`
const SCAVENGE = /: Scavenge\b.*?MB, (?:pooled: [\d.]+ MB, )?([\d.]+) \/ [\d.]+ ms/;

export function scavengeTotals(log: string): ScavengeTotals {
  let scavenges = 0;
  let pauseMs = 0;
  for (const line of log.split('\n')) {
    const match = SCAVENGE.exec(line);
    if (!match) continue;
    scavenges++;
    pauseMs += Number(match[1]);
  }
  return { scavenges, pauseMs };
}
