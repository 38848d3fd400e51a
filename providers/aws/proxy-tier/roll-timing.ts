// How long a roll of one proxy waits for each of its steps (the old instance letting go of its ENI, the successor
// running, the successor's proxy joining the watchdog) and how often it looks meanwhile. Ten minutes covers the user
// data installing Node and pgtopo; PGTOPO_ROLL_TIMEOUT_SECONDS gives a slow package mirror more (or a test less).
const VARIABLE = 'PGTOPO_ROLL_TIMEOUT_SECONDS';
const DEFAULT_TIMEOUT_SECONDS = 600;
/** Looked at twenty times per timeout, at most every 5 s and at least every 50 ms. */
const POLLS_PER_TIMEOUT = 20;
const MAX_POLL_MS = 5_000;
const MIN_POLL_MS = 50;

export interface RollTiming {
  timeoutMs: number;
  pollMs: number;
}

/** Read before a roll touches anything, so a bad value fails it with nothing terminated. */
export function rollTiming(env: NodeJS.ProcessEnv = process.env): RollTiming {
  const text = env[VARIABLE];
  const seconds = text === undefined || text === '' ? DEFAULT_TIMEOUT_SECONDS : Number(text);
  if (!Number.isFinite(seconds) || seconds <= 0) {
    throw new Error(`${VARIABLE}=${JSON.stringify(text)}: expected a number of seconds above 0 (default ${DEFAULT_TIMEOUT_SECONDS})`);
  }
  const timeoutMs = seconds * 1000;
  return { timeoutMs, pollMs: Math.min(MAX_POLL_MS, Math.max(MIN_POLL_MS, timeoutMs / POLLS_PER_TIMEOUT)) };
}
