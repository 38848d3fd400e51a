// During an apply a reference to a runtime-owned attribute (a server's role) resolves to what the provider reads
// now, not to what state recorded: a switchover earlier in the same apply may have moved the primary role. And the
// apply ends by recording the current values of the batches it changed.
import { afterEach, describe, expect, it } from 'vitest';
import { readRuntimeOwnedSources, withCurrentRuntimeOwnedValues } from '../../../engine/apply/runtime-owned-values.ts';
import type { PlannedResource } from '../../../engine/plan/desired-resources.ts';
import { SIMULATED_TYPES } from '../../../providers/simulated/simulated-provider.ts';
import { topologyIdentity } from '../../../providers/provider.ts';
import { engineFixture, localTopology, type EngineFixture } from '../support/engine-fixture.ts';

const context = { topology: topologyIdentity('shop'), signal: new AbortController().signal, note: () => undefined };

function consumer(attributes: PlannedResource['attributes']): PlannedResource {
  return { address: 'dev.consumer', type: SIMULATED_TYPES.proxy, name: 'consumer', scope: 'local', provider: 'simulated', mode: 'managed',
    dependencies: [], attributes };
}

describe('runtime-owned references during apply', () => {
  let fixture: EngineFixture;
  afterEach(() => fixture.cleanup());

  it('reads the referenced objects again, once per type and scope, only for runtime-owned attributes', async () => {
    fixture = engineFixture();
    expect((await fixture.converge(localTopology({ dev: { instances: 2, proxies: 1 } }))).ok).toBe(true);
    const state = (await fixture.backend.read())!;
    fixture.provider.world.changeOutOfBand(SIMULATED_TYPES.server, 'shop-dev-postgres-0', { role: 'standby' });
    fixture.provider.world.changeOutOfBand(SIMULATED_TYPES.server, 'shop-dev-postgres-1', { role: 'primary' });
    const reads = () => fixture.provider.world.calls()[`${SIMULATED_TYPES.server}.read`] ?? 0;
    const before = reads();

    const current = await readRuntimeOwnedSources(consumer({
      backends: [0, 1].map((index) => ({ role: { $ref: `dev.postgres[${index}]`, attribute: 'role' } })),
      network: { $ref: 'dev.network', attribute: 'cidr' },
    }), state, fixture.registry, context);

    expect(reads() - before).toBe(1);
    expect([...current.keys()].sort()).toEqual(['dev.postgres[0]', 'dev.postgres[1]']);
    expect(current.get('dev.postgres[0]')?.role).toBe('standby');
    expect(current.get('dev.postgres[1]')?.role).toBe('primary');
    expect(state.resources.find((resource) => resource.address === 'dev.postgres[1]')?.attributes.role).toBe('standby');
  });

  it('reads nothing when no runtime-owned attribute is referenced', async () => {
    fixture = engineFixture();
    expect((await fixture.converge(localTopology({ dev: { instances: 1, proxies: 1 } }))).ok).toBe(true);
    const state = (await fixture.backend.read())!;
    const calls = { ...fixture.provider.world.calls() };
    const current = await readRuntimeOwnedSources(consumer({ address: { $ref: 'dev.postgres[0]', attribute: 'address' } }),
      state, fixture.registry, context);
    expect(current.size).toBe(0);
    expect(fixture.provider.world.calls()).toEqual(calls);
  });

  it('records the current runtime-owned values of every object in a changed batch, and only those', async () => {
    fixture = engineFixture();
    expect((await fixture.converge(localTopology({ dev: { instances: 2, proxies: 1 } }))).ok).toBe(true);
    const state = (await fixture.backend.read())!;
    fixture.provider.world.changeOutOfBand(SIMULATED_TYPES.server, 'shop-dev-postgres-0', { role: 'standby', port: 1 });
    fixture.provider.world.changeOutOfBand(SIMULATED_TYPES.server, 'shop-dev-postgres-1', { role: 'primary' });
    fixture.provider.world.changeOutOfBand(SIMULATED_TYPES.proxy, 'shop-dev-proxy-0', { vip_holder: false });

    const next = await withCurrentRuntimeOwnedValues(state, new Set(['dev.postgres[0]']), fixture.registry, context);

    const attributes = (address: string) => next.resources.find((resource) => resource.address === address)!.attributes;
    expect(attributes('dev.postgres[0]')).toMatchObject({ role: 'standby', port: 5432 });
    expect(attributes('dev.postgres[1]').role).toBe('primary');
    expect(attributes('dev.proxy[0]').vip_holder).toBe(true);
    expect(await withCurrentRuntimeOwnedValues(next, new Set(['dev.postgres[0]']), fixture.registry, context)).toBe(next);
  });
});
