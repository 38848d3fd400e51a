// failover.onBackendError: a client's failed connection to the primary fails it over at once (no retries), while a
// proxy without it keeps retrying its health check and does not fail over on that report. The report comes from
// the pool: clients' writes after the kill make each proxy try to open a server connection to the dead primary.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startPgCluster, type PgCluster } from '../../support/pg-cluster.ts';
import { startProxyFor, type ProxyUnderTest } from '../proxy-fixture.ts';

let cluster: PgCluster;
let eager: ProxyUnderTest;
let patient: ProxyUnderTest;

// Retries long enough (1000 × 100 ms) that only a backend-error report can end the check within the test.
const SLOW_CHECK = { periodMs: 3_600_000, timeoutMs: 1000, retries: 1000, retryDelayMs: 100 };

beforeAll(async () => {
  cluster = await startPgCluster({ standbys: 1 });
  eager = await startProxyFor(cluster, { healthCheck: SLOW_CHECK, failover: { enabled: true, onBackendError: true } });
  patient = await startProxyFor(cluster, { healthCheck: SLOW_CHECK, failover: { enabled: true, onBackendError: false } });
  for (const px of [eager, patient]) {
    await eventually('the monitor to know the primary', () => Promise.resolve(px.proxy.context.backends.snapshot.nodes[0].role), (role) => role === 'primary');
  }
}, 120_000);

afterAll(async () => {
  await eager?.proxy.stop(0);
  await patient?.proxy.stop(0);
  await cluster?.stop();
});

describe('failover.onBackendError', () => {
  it('fails the primary over on the first backend error only when on', async () => {
    await cluster.killPrimary();
    for (const px of [eager, patient]) {
      // The first attempt may meet a pooled connection the kill broke; the second has to open a new one.
      for (let attempt = 0; attempt < 2; attempt++) {
        const client = await px.client().catch(() => null);
        await client?.query('INSERT INTO pg_temp_probe VALUES (1)').catch(() => undefined);
        await client?.end().catch(() => undefined);
      }
    }
    await eventually('the eager proxy to promote the standby', () => Promise.resolve(eager.proxy.context.nodeControl?.failovers), (n) => n === 1);
    const [standby] = cluster.standbys;
    expect((await cluster.query<{ r: boolean }>(standby, 'SELECT pg_is_in_recovery() AS r'))[0].r).toBe(false);
    expect(patient.proxy.context.nodeControl?.failovers).toBe(0);
    expect(patient.proxy.context.backends.byId('0')?.node.status).toBe('up');
  }, 60_000);
});
