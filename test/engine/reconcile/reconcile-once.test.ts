// Two reconcile runs at once against the same state (two controllers, or a controller and a person): exactly one
// applies, the other reports the lock; refresh-only runs record drift without touching anything.
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ProviderRegistry } from '../../../providers/provider.ts';
import { simulatedProvider } from '../../../providers/simulated/simulated-provider.ts';
import { ReconcileLoop } from '../../../engine/reconcile/reconcile-loop.ts';
import { ReconcileMetrics } from '../../../engine/reconcile/reconcile-metrics.ts';
import { openWorkspace, planWorkspace, withLockedState } from '../../../engine/plan/workspace.ts';
import { applyPlan } from '../../../engine/apply/apply-plan.ts';

const TOPOLOGY = `version: 1
name: shop
clusters:
  dev:
    environment: local
    postgres: { instances: 2 }
    proxy: { instances: 1, pooling: { poolSize: 20 } }
users:
  - { name: app, auth: trust }
`;

describe('reconcile runs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pgtopo-once-'));
  const file = join(dir, 'pgtopo.yaml');
  writeFileSync(file, TOPOLOGY);
  const provider = simulatedProvider(join(dir, 'world.json'));
  const registry = new ProviderRegistry([provider]);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function loop(lines: Record<string, unknown>[]): ReconcileLoop {
    return new ReconcileLoop({
      file, registry, intervalMs: 1000, parallelism: 4, metrics: new ReconcileMetrics(), signal: new AbortController().signal,
      log: (level, message, fields) => void lines.push({ level, message, ...fields }),
    });
  }

  it('never applies twice at once', async () => {
    provider.world.addFault({ operation: 'create', delayMs: 300 });
    const [first, second]: Record<string, unknown>[][] = [[], []];
    const reports = await Promise.all([loop(first).runOnce(), loop(second).runOnce()]);
    expect(reports.filter((report) => report.applied)).toHaveLength(1);
    const loser = reports.findIndex((report) => !report.ok);
    expect(loser).toBeGreaterThanOrEqual(0);
    expect(String([first, second][loser]!.find((line) => line.level === 'error')!.error)).toContain('state is locked');
    expect(provider.world.objectsOf('simulated_server')).toHaveLength(2);
    provider.world.clearFaults();
  });

  it('refresh-only records drift in state and changes nothing in the world', async () => {
    provider.world.changeOutOfBand('simulated_proxy', 'shop-dev-proxy-0', { pool_size: 77 });
    const workspace = await openWorkspace(file, registry);
    await withLockedState(workspace, 'apply', 0, async () => {
      const plan = await planWorkspace(workspace, 'refresh-only', { parallelism: 4 });
      expect(plan.resource_changes).toEqual([]);
      expect(plan.drift).toHaveLength(1);
      expect(plan.has_changes).toBe(true);
      await applyPlan(plan, { registry, backend: workspace.backend, secrets: workspace.secrets, parallelism: 4 });
      const state = await workspace.backend.read();
      expect(state!.resources.find((resource) => resource.address === 'dev.proxy[0]')!.attributes.pool_size).toBe(77);
    });
    expect(provider.world.objectsOf('simulated_proxy')[0]!.attributes.pool_size).toBe(77);
    const report = await loop([]).runOnce();
    expect(report.applied).toBe(true);
    expect(provider.world.objectsOf('simulated_proxy')[0]!.attributes.pool_size).toBe(20);
  });

  it('logs what reality changed, and only records it when there is nothing to apply', async () => {
    // An attribute pgtopo does not manage, as the local provider's standby membership after a rejoin.
    const server = provider.world.objectsOf('simulated_server')[0]!;
    provider.world.changeOutOfBand('simulated_server', server.name, { zone: 'b' });
    const lines: Record<string, unknown>[] = [];
    const report = await loop(lines).runOnce();
    expect(lines.find((line) => line.message === 'drift')).toMatchObject({
      attributes: ['zone'], before: { zone: null }, after: { zone: 'b' },
    });
    expect(report.plan!.has_changes).toBe(true);
    expect(report.applied).toBe(false);
    expect(lines.map((line) => line.message)).not.toContain('applying');
    expect(lines.find((line) => line.message === 'in sync')).toMatchObject({ recorded: 'refreshed state' });
    const again: Record<string, unknown>[] = [];
    await loop(again).runOnce();
    expect(again.map((line) => line.message)).toEqual(['in sync']);
  });
});
