import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { engineFixture, localTopology, type EngineFixture } from '../support/engine-fixture.ts';
import { SIMULATED_TYPES } from '../../../providers/simulated/simulated-provider.ts';
import { parseState } from '../../../engine/state/state-format.ts';

describe('apply with a failing resource', () => {
  let fixture: EngineFixture;
  afterEach(() => fixture.cleanup());

  it('finishes independent work, skips dependents, records exactly what was done, and converges on re-run', async () => {
    fixture = engineFixture();
    const topology = localTopology({ dev: { instances: 2, proxies: 2 }, qa: { instances: 1, proxies: 1 } });
    fixture.provider.world.addFault({ operation: 'create', type: SIMULATED_TYPES.server, name: 'dev-postgres-1', error: 'quota exceeded' });
    const result = await fixture.apply(await fixture.plan(topology));
    expect(result.ok).toBe(false);
    const status = Object.fromEntries(result.outcomes.map((outcome) => [outcome.address, outcome.status]));
    expect(status).toMatchObject({
      'dev.network': 'done', 'dev.postgres[0]': 'done', 'dev.postgres[1]': 'failed',
      'dev.proxy[0]': 'skipped', 'dev.proxy[1]': 'skipped',
      'qa.network': 'done', 'qa.postgres[0]': 'done', 'qa.proxy[0]': 'done',
    });
    expect(result.outcomes.find((outcome) => outcome.address === 'dev.postgres[1]')!.message).toBe('quota exceeded');
    const state = parseState(readFileSync(fixture.statePath, 'utf8'), 'state');
    expect(state.resources.map((resource) => resource.address).sort()).toEqual(
      ['dev.network', 'dev.postgres[0]', 'qa.network', 'qa.postgres[0]', 'qa.proxy[0]']);
    // the failed create left its marker; the next refresh finds nothing by that name and clears it
    expect(state.pending.map((marker) => marker.address)).toEqual(['dev.postgres[1]']);

    fixture.provider.world.clearFaults();
    const plan = await fixture.plan(topology);
    expect(plan.resource_changes.filter((change) => change.action !== 'no-op').map((change) => `${change.action} ${change.address}`).sort())
      .toEqual(['create dev.postgres[1]', 'create dev.proxy[0]', 'create dev.proxy[1]']);
    expect((await fixture.apply(plan)).ok).toBe(true);
    expect((await fixture.plan(topology)).has_changes).toBe(false);
    expect(fixture.provider.world.objectsOf(SIMULATED_TYPES.server)).toHaveLength(3);
    expect(fixture.provider.world.objectsOf(SIMULATED_TYPES.proxy)).toHaveLength(3);
  });

  it('adopts an object whose create finished but was never recorded, instead of duplicating it', async () => {
    fixture = engineFixture();
    const topology = localTopology({ dev: { instances: 1, proxies: 1 } });
    const plan = await fixture.plan(topology);
    // Simulate a crash right after the provider created the server: the marker is in state, the object in the world.
    fixture.provider.world.addFault({ operation: 'create', type: SIMULATED_TYPES.proxy, error: 'network partition' });
    await fixture.apply(plan);
    const created = fixture.provider.world.objectsOf(SIMULATED_TYPES.server)[0]!;
    const state = parseState(readFileSync(fixture.statePath, 'utf8'), 'state');
    const lost = { ...state, serial: state.serial + 1, resources: state.resources.filter((resource) => resource.address !== 'dev.postgres[0]'),
      pending: [{ address: 'dev.postgres[0]', provider: 'simulated', type: SIMULATED_TYPES.server, name: created.name, scope: 'local',
        dependencies: ['dev.network'], started: new Date().toISOString() }] };
    await fixture.backend.write(lost);
    fixture.provider.world.clearFaults();
    const next = await fixture.plan(topology);
    const server = next.resource_changes.find((change) => change.address === 'dev.postgres[0]')!;
    expect(server.action).toBe('no-op');
    expect(server.id).toBe(created.id);
    expect((await fixture.apply(next)).ok).toBe(true);
    expect(fixture.provider.world.objectsOf(SIMULATED_TYPES.server).map((object) => object.id)).toEqual([created.id]);
    expect((await fixture.plan(topology)).has_changes).toBe(false);
  });
});
