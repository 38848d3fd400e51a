// reconcile --watch with a long interval: an edit of the topology file (in place, or renamed over it as editors
// and git do) starts the next run at once, also while the loop backs off after runs that failed on a broken file.
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ProviderRegistry } from '../../../providers/provider.ts';
import { simulatedProvider } from '../../../providers/simulated/simulated-provider.ts';
import { ReconcileLoop } from '../../../engine/reconcile/reconcile-loop.ts';
import { ReconcileMetrics } from '../../../engine/reconcile/reconcile-metrics.ts';
import { eventually } from '../../support/pg-cluster.ts';

const topology = (poolSize: number | string): string => `version: 1
name: shop
clusters:
  dev:
    environment: local
    postgres: { instances: 1 }
    proxy: { instances: 1, pooling: { poolSize: ${poolSize} } }
users:
  - { name: app, auth: trust }
`;

describe('reconcile --watch and the topology file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pgtopo-wake-'));
  const file = join(dir, 'pgtopo.yaml');
  const provider = simulatedProvider(join(dir, 'world.json'));
  const stop = new AbortController();
  const lines: Record<string, unknown>[] = [];
  let running: Promise<void> | undefined;
  afterAll(async () => {
    stop.abort();
    await running;
    rmSync(dir, { recursive: true, force: true });
  });
  const poolSize = (): unknown => provider.world.objectsOf('simulated_proxy')[0]?.attributes.pool_size;

  it('runs at once when the file changes, whatever the interval or the backoff', async () => {
    writeFileSync(file, topology(20));
    const loop = new ReconcileLoop({
      file, registry: new ProviderRegistry([provider]), intervalMs: 3_600_000, maxBackoffMs: 3_600_000, parallelism: 4,
      metrics: new ReconcileMetrics(), signal: stop.signal, log: (level, message, fields) => void lines.push({ level, message, ...fields }),
    });
    running = loop.run();
    await eventually('the first apply', async () => poolSize(), (size) => size === 20);

    writeFileSync(file, topology(30));
    await eventually('the edit to be applied', async () => poolSize(), (size) => size === 30, 10_000);

    writeFileSync(file, topology('thirty'));
    await eventually('a failed run', async () => lines.filter((line) => line.message === 'retrying after backoff').length, (count) => count === 1, 10_000);
    writeFileSync(`${file}.new`, topology(40));
    renameSync(`${file}.new`, file);
    await eventually('the fix to be applied', async () => poolSize(), (size) => size === 40, 10_000);
    expect(lines.filter((line) => line.message === 'topology file changed').length).toBeGreaterThanOrEqual(3);
  }, 60_000);
});
