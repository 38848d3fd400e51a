// The failover benchmark's client: one write per attempt on a fresh connection with short timeouts, the
// way an application with a retry loop would see the outage.
import pg from 'pg';

export interface ProbeEndpoint {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
}

export interface ProbeAttempt {
  ok: boolean;
  /** inet_server_port() of the PostgreSQL server that took the write. */
  serverPort?: number;
  error?: string;
}

const ATTEMPT_TIMEOUT_MS = 1000;

export const PROBE_TABLE_DDL = 'CREATE TABLE failover_probe (id bigserial PRIMARY KEY, written_at timestamptz NOT NULL DEFAULT now())';

/** One INSERT on a new connection; never throws. */
export async function probeWrite(endpoint: ProbeEndpoint): Promise<ProbeAttempt> {
  const client = new pg.Client({
    ...endpoint,
    connectionTimeoutMillis: ATTEMPT_TIMEOUT_MS,
    query_timeout: ATTEMPT_TIMEOUT_MS,
  });
  client.on('error', () => {}); // a backend dying mid-attempt surfaces as the rejected promise below
  try {
    await client.connect();
    const { rows } = await client.query<{ port: number }>(
      'INSERT INTO failover_probe DEFAULT VALUES RETURNING inet_server_port() AS port',
    );
    return { ok: true, serverPort: rows[0].port };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  } finally {
    await client.end().catch(() => {});
  }
}

export interface ProbeLoopResult {
  ok: boolean;
  elapsedMs: number;
  attempts: number;
  serverPort?: number;
  errors: string[];
}

/** Retries probeWrite until one succeeds or `timeoutMs` passes, measured from `since` (ms timestamp). */
export async function firstSuccessfulWrite(endpoint: ProbeEndpoint, since: number, timeoutMs: number): Promise<ProbeLoopResult> {
  const errors = new Set<string>();
  for (let attempts = 1; ; attempts++) {
    const attempt = await probeWrite(endpoint);
    const elapsedMs = performance.now() - since;
    if (attempt.ok) return { ok: true, elapsedMs, attempts, serverPort: attempt.serverPort, errors: [...errors] };
    errors.add(attempt.error ?? 'unknown error');
    if (elapsedMs > timeoutMs) return { ok: false, elapsedMs, attempts, errors: [...errors] };
    await new Promise((resolveWait) => setTimeout(resolveWait, 20));
  }
}
