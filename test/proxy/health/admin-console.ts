// The admin console as the monitor and failover tests use it: one statement per fresh admin session.
import type { ProxyUnderTest } from '../proxy-fixture.ts';

export async function adminQuery(target: ProxyUnderTest, sql: string): Promise<Record<string, string>[]> {
  const client = await target.client({ database: 'pgtopo' });
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}
