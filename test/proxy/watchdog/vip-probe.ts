// Run inside the client's network namespace by watchdog-netns.test.ts: every ~50 ms it asks whoever answers on the
// VIP for SHOW WATCHDOG and prints one JSON line: the time (ms since the epoch) and the member that answered
// (the row with is_local = true) and how many members it sees alive, or nulls when nothing answered in time.
import pg from 'pg';

const [host, port] = [process.argv[2]!, Number(process.argv[3])];

interface Answer {
  member: string | null;
  alive: number | null;
}

async function answeredBy(): Promise<Answer> {
  const client = new pg.Client({ host, port, user: 'admin1', database: 'pgtopo', connectionTimeoutMillis: 300 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    const result = await client.query<{ node_name: string; is_local: string; state: string }>('SHOW WATCHDOG');
    const member = result.rows.find((row) => row.is_local === 'true')?.node_name ?? null;
    return { member, alive: result.rows.filter((row) => row.state !== 'LOST').length };
  } catch {
    return { member: null, alive: null };
  } finally {
    await client.end().catch(() => undefined);
  }
}

for (;;) {
  const answer = await answeredBy();
  process.stdout.write(`${JSON.stringify({ at: Date.now(), ...answer })}\n`);
  await new Promise((resolve) => setTimeout(resolve, 50));
}
