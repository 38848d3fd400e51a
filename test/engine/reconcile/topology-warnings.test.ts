// A watch loop runs every few seconds: a topology warning that repeated at every run buried the drift and the
// applies in the log. It is logged when it appears (again, after it went away), once.
import { afterAll, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ProviderRegistry } from '../../../providers/provider.ts';
import { simulatedProvider } from '../../../providers/simulated/simulated-provider.ts';
import { ReconcileLoop } from '../../../engine/reconcile/reconcile-loop.ts';
import { ReconcileMetrics } from '../../../engine/reconcile/reconcile-metrics.ts';

const topology = (proxy: string): string => `version: 1
name: shop
clusters:
  dev:
    environment: local
    postgres: { instances: 2 }
    proxy: { instances: 1, engine: pgpool2${proxy} }
users:
  - { name: app, auth: trust }
`;

const dir = mkdtempSync(join(tmpdir(), 'pgtopo-warnings-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('logs each topology warning when it appears, not at every run', async () => {
  const file = join(dir, 'pgtopo.yaml');
  const lines: { message: string; warning?: string }[] = [];
  const loop = new ReconcileLoop({
    file, registry: new ProviderRegistry([simulatedProvider(join(dir, 'world.json'))]), intervalMs: 1000, parallelism: 4,
    metrics: new ReconcileMetrics(), signal: new AbortController().signal,
    log: (_level, message, fields) => void lines.push({ message, ...fields }),
  });
  const warningsOfRun = async (proxy: string): Promise<string[]> => {
    writeFileSync(file, topology(proxy));
    lines.length = 0;
    expect((await loop.runOnce()).ok).toBe(true);
    const logged = lines.filter((line) => line.message === 'topology warning').map((line) => line.warning!);
    return logged.map((warning) => (/no Prometheus endpoint/.test(warning) ? 'metrics' : /for a whole session/.test(warning) ? 'pooling' : warning)).sort();
  };

  const metrics = ', metricsPort: 9930';
  const pooling = ', pooling: { mode: transaction }';
  expect(await warningsOfRun(metrics)).toEqual(['metrics']);
  expect(await warningsOfRun(metrics)).toEqual([]);
  // A warning that moved in the file is a new one (its file:line:column changed), as metricsPort here.
  expect(await warningsOfRun(pooling + metrics)).toEqual(['metrics', 'pooling']);
  expect(await warningsOfRun(pooling)).toEqual([]);
  expect(await warningsOfRun(pooling + metrics)).toEqual(['metrics']);
});
