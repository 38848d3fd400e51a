import { afterEach, describe, expect, it } from 'vitest';
import type { Topology } from '../../../schemas/topology.ts';
import { engineFixture, localTopology, type EngineFixture } from '../support/engine-fixture.ts';
import { SIMULATED_TYPES } from '../../../providers/simulated/simulated-provider.ts';
import { expandTopology } from '../../../engine/plan/desired-resources.ts';
import { providerContextOf } from '../../../engine/plan/workspace.ts';
import { importResource } from '../../../engine/state/import-resource.ts';

const aurora: Topology = {
  version: 1,
  name: 'shop',
  clusters: { analytics: { environment: 'aurora', region: 'ap-northeast-1', dbCluster: 'analytics', proxy: { instances: 2 } } },
};

function seedDatabase(fixture: EngineFixture, endpoint: string): void {
  fixture.provider.world.mutate((world) => {
    world.objects[SIMULATED_TYPES.database] = [{ id: 'db-1', name: 'analytics', scope: 'ap-northeast-1', attributes: { endpoint } }];
  });
}

describe('data sources', () => {
  let fixture: EngineFixture;
  afterEach(() => fixture.cleanup());

  it('are read in the refresh and feed dependent attributes at plan time', async () => {
    fixture = engineFixture();
    seedDatabase(fixture, 'analytics.cluster-a.example:5432');
    const plan = await fixture.plan(aurora);
    const proxy = plan.resource_changes.find((change) => change.address === 'analytics.proxy[0]')!;
    expect(proxy.action).toBe('create');
    expect(proxy.changes.find((change) => change.name === 'backends')!.after).toEqual(['analytics.cluster-a.example:5432']);
    expect(plan.resource_changes.some((change) => change.address === 'analytics.database')).toBe(false);
    expect((await fixture.apply(plan)).ok).toBe(true);

    seedDatabase(fixture, 'analytics.cluster-b.example:5432');
    const next = await fixture.plan(aurora);
    expect(next.resource_changes.filter((change) => change.action === 'update').map((change) => change.address).sort())
      .toEqual(['analytics.proxy[0]', 'analytics.proxy[1]']);
  });

  it('a missing data source is a clear plan error', async () => {
    fixture = engineFixture();
    await expect(fixture.plan(aurora)).rejects.toThrow('analytics.database: simulated_database "analytics" was not found in ap-northeast-1');
  });
});

describe('import', () => {
  let fixture: EngineFixture;
  afterEach(() => fixture.cleanup());

  it('adopts an existing object so the next plan updates it instead of creating a duplicate', async () => {
    fixture = engineFixture();
    const topology = localTopology({ dev: { instances: 1, proxies: 1, poolSize: 20 } });
    const network = await fixture.provider.resourceTypes[0]!.create!(
      { address: 'dev.network', name: 'hand-made-network', scope: 'local', attributes: { cidr: '10.0.0.0/16', description: 'by hand' } },
      providerContextOf('shop'));
    const desired = expandTopology(topology, fixture.registry);
    const context = providerContextOf('shop');
    const state = await importResource(desired, await fixture.backend.read(), 'shop', 'dev.network', network.id, fixture.registry, context);
    await fixture.backend.write(state);
    const plan = await fixture.plan(topology);
    const change = plan.resource_changes.find((candidate) => candidate.address === 'dev.network')!;
    expect(change).toMatchObject({ action: 'update', id: network.id });
    expect(change.changes.map((attribute) => attribute.name)).toEqual(['description']);
    await expect(importResource(desired, await fixture.backend.read(), 'shop', 'dev.network', network.id, fixture.registry, context))
      .rejects.toThrow(`dev.network is already in state (id ${network.id})`);
    await expect(importResource(desired, await fixture.backend.read(), 'shop', 'dev.proxy[0]', 'pxy-404', fixture.registry, context))
      .rejects.toThrow('no simulated_proxy with id pxy-404 in local');
    expect((await fixture.apply(plan)).ok).toBe(true);
    expect(fixture.provider.world.objectsOf(SIMULATED_TYPES.network)).toHaveLength(1);
  });
});
