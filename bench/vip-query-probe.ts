// Run by bench/watchdog-bench.ts inside the lab's client namespace: every ~20 ms it starts a query through the VIP on
// a new connection (`SELECT 1`, logging in as the bench role; PGPASSWORD in the environment), without waiting for the
// ones still in flight, so a connection attempt stuck on a dead holder does not delay the next. One JSON line per
// attempt: when it started and ended (ms since the epoch, this machine's clock) and whether it succeeded.
import pg from 'pg';

const [host, port, user, database] = [process.argv[2]!, Number(process.argv[3]), process.argv[4]!, process.argv[5]!];
const INTERVAL_MS = 20;
/** Long enough for a login under load, short enough that stuck attempts do not pile up. */
const ATTEMPT_TIMEOUT_MS = 1000;
const MAX_IN_FLIGHT = 60;

let inFlight = 0;

async function attempt(): Promise<void> {
  const start = Date.now();
  const client = new pg.Client({ host, port, user, database, connectionTimeoutMillis: ATTEMPT_TIMEOUT_MS, query_timeout: ATTEMPT_TIMEOUT_MS });
  client.on('error', () => undefined);
  let ok = false;
  let end = start;
  try {
    await client.connect();
    ok = (await client.query<{ one: number }>('SELECT 1 AS one')).rows[0]?.one === 1;
  } catch {
    ok = false;
  } finally {
    end = Date.now();
    await client.end().catch(() => undefined);
  }
  process.stdout.write(`${JSON.stringify({ start, end, ok })}\n`);
}

setInterval(() => {
  if (inFlight >= MAX_IN_FLIGHT) return;
  inFlight++;
  void attempt().finally(() => inFlight--);
}, INTERVAL_MS);
