// `pgtopo reconcile --watch` as a real process: converges, repairs out-of-band deletions by itself, backs off and
// reports unhealthy while applies fail, and exposes it all on /healthz and /metrics with JSON logs.
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually } from '../../support/pg-cluster.ts';
import { World } from '../../../providers/simulated/world.ts';
import { backoffDelay } from '../../../engine/reconcile/backoff.ts';
import { startPgtopo, type PgtopoProcess } from '../support/run-pgtopo.ts';

const TOPOLOGY = `version: 1
name: shop
clusters:
  dev:
    environment: local
    postgres: { instances: 2 }
    proxy: { instances: 1 }
users:
  - { name: app, auth: trust }
`;

describe('reconcile --watch', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pgtopo-watch-'));
  const world = new World(join(dir, 'world.json'));
  let watcher: PgtopoProcess | undefined;
  afterAll(async () => {
    watcher?.child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  const logs = (): Record<string, unknown>[] => watcher!.output().stdout.trim().split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>);
  const get = async (port: number, path: string): Promise<{ status: number; body: string }> => {
    const response = await fetch(`http://127.0.0.1:${port}${path}`);
    return { status: response.status, body: await response.text() };
  };

  it('keeps reality converged and reports health and metrics', async () => {
    writeFileSync(join(dir, 'pgtopo.yaml'), TOPOLOGY);
    watcher = startPgtopo(['reconcile', '--watch', '--interval', '1s', '--listen', '127.0.0.1:0'], { cwd: dir, world: world.path });
    const port = await eventually('the watcher to listen', async () => {
      const watching = logs().find((line) => line.message === 'watching');
      if (!watching) throw new Error('not yet');
      return Number(String(watching.listen).split(':').pop());
    }, (value) => value > 0);
    await eventually('initial convergence', async () => Object.values(world.load().objects).flat().length, (count) => count === 4);
    await eventually('an in-sync run', async () => (await get(port, '/metrics')).body, (body) => /pgtopo_resources\{state="in_sync"\} 4/.test(body));
    const metrics = (await get(port, '/metrics')).body;
    expect(metrics).toMatch(/pgtopo_reconcile_last_success_timestamp_seconds \d{10}/);
    expect((await get(port, '/healthz')).status).toBe(200);

    world.deleteOutOfBand('simulated_proxy', 'shop-dev-proxy-0');
    await eventually('the deleted proxy to be re-created', async () => world.objectsOf('simulated_proxy').length, (count) => count === 1);
    expect(logs().some((line) => line.message === 'drift' && line.address === 'dev.proxy[0]' && line.kind === 'deleted')).toBe(true);

    world.addFault({ operation: 'create', type: 'simulated_proxy', error: 'capacity unavailable' });
    world.deleteOutOfBand('simulated_proxy', 'shop-dev-proxy-0');
    await eventually('unhealthy while applies fail', async () => (await get(port, '/healthz')).status, (status) => status === 503);
    expect((await get(port, '/metrics')).body).toMatch(/pgtopo_reconcile_errors_total [1-9]/);
    expect(logs().some((line) => line.level === 'error' && String(line.error).includes('capacity unavailable'))).toBe(true);
    expect(logs().some((line) => line.message === 'retrying after backoff')).toBe(true);

    world.clearFaults();
    await eventually('recovery', async () => (await get(port, '/healthz')).status, (status) => status === 200);
    expect(world.objectsOf('simulated_proxy')).toHaveLength(1);

    watcher.child.kill('SIGTERM');
    expect((await watcher.done).code).toBe(0);
    expect(logs().every((line) => typeof line.time === 'string' && typeof line.level === 'string')).toBe(true);
  }, 120_000);

  it('backs off exponentially with jitter, up to the cap', () => {
    const low = (failures: number) => backoffDelay(failures, 1000, 60_000, () => 0);
    const high = (failures: number) => backoffDelay(failures, 1000, 60_000, () => 1);
    expect([1, 2, 3, 4].map(high)).toEqual([1000, 2000, 4000, 8000]);
    expect(low(3)).toBe(2000);
    expect(high(20)).toBe(60_000);
  });
});
