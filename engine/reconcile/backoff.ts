// Exponential backoff with full jitter: after n consecutive failures wait a random time in [0, min(max, base·2ⁿ)],
// so many controllers failing together do not retry in lockstep.
export function backoffDelay(failures: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, failures - 1));
  return Math.round(ceiling * (0.5 + random() / 2));
}
