import { afterEach, describe, expect, it } from 'vitest';
import { engineFixture, localTopology, type EngineFixture } from '../support/engine-fixture.ts';
import { SIMULATED_TYPES } from '../../../providers/simulated/simulated-provider.ts';

const actions = (plan: { resource_changes: { address: string; action: string }[] }): Record<string, string> =>
  Object.fromEntries(plan.resource_changes.map((change) => [change.address, change.action]));

describe('planning create, update, replace and delete', () => {
  let fixture: EngineFixture;
  afterEach(() => fixture.cleanup());

  it('creates everything on an empty state, then plans no changes', async () => {
    fixture = engineFixture();
    const topology = localTopology({ dev: { instances: 2, proxies: 1 } });
    const plan = await fixture.plan(topology);
    expect(actions(plan)).toEqual({
      'dev.network': 'create', 'dev.postgres[0]': 'create', 'dev.postgres[1]': 'create', 'dev.proxy[0]': 'create',
    });
    expect(plan.summary).toEqual({ add: 4, change: 0, destroy: 0, replace: 0 });
    const result = await fixture.apply(plan);
    expect(result.ok).toBe(true);
    expect(fixture.provider.world.objectsOf(SIMULATED_TYPES.server)).toHaveLength(2);
    const again = await fixture.plan(topology);
    expect(again.has_changes).toBe(false);
    expect(new Set(Object.values(actions(again)))).toEqual(new Set(['no-op']));
  });

  it('updates in place, replaces on a force-new attribute and deletes what is no longer declared', async () => {
    fixture = engineFixture();
    await fixture.converge(localTopology({ dev: { instances: 2, proxies: 2, poolSize: 10 } }));
    const oldProxy = fixture.provider.world.objectsOf(SIMULATED_TYPES.proxy).find((object) => object.name.endsWith('proxy-0'))!;
    const plan = await fixture.plan(localTopology({ dev: { instances: 1, proxies: 2, poolSize: 30, proxyPort: 7000 } }));
    expect(actions(plan)).toMatchObject({
      'dev.postgres[0]': 'no-op', 'dev.postgres[1]': 'delete', 'dev.proxy[0]': 'replace', 'dev.proxy[1]': 'replace',
    });
    const replace = plan.resource_changes.find((change) => change.address === 'dev.proxy[0]')!;
    expect(replace.reasons).toEqual(['port forces replacement']);
    expect(replace.changes.find((change) => change.name === 'pool_size')).toMatchObject({ before: 10, after: 30, forcesReplacement: false });
    expect(replace.changes.find((change) => change.name === 'port')).toMatchObject({ before: 6432, after: 7000, forcesReplacement: true });
    // dropping a server changes the proxies' backend list too, which is an in-place attribute
    expect(replace.changes.map((change) => change.name).sort()).toEqual(['backends', 'pool_size', 'port']);
    const result = await fixture.apply(plan);
    expect(result.ok).toBe(true);
    const proxies = fixture.provider.world.objectsOf(SIMULATED_TYPES.proxy);
    expect(proxies.map((object) => object.attributes.port).sort()).toEqual([7000, 7001]);
    expect(proxies.some((object) => object.id === oldProxy.id)).toBe(false);
    expect(fixture.provider.world.objectsOf(SIMULATED_TYPES.server)).toHaveLength(1);

    const update = await fixture.plan(localTopology({ dev: { instances: 1, proxies: 2, poolSize: 50, proxyPort: 7000 } }));
    expect(actions(update)).toMatchObject({ 'dev.proxy[0]': 'update', 'dev.proxy[1]': 'update' });
    expect(update.summary).toEqual({ add: 0, change: 2, destroy: 0, replace: 0 });
  });

  it('ignores runtime-owned attributes: a failover is neither drift nor reverted', async () => {
    fixture = engineFixture();
    const topology = localTopology({ dev: { instances: 2, proxies: 2 } });
    await fixture.converge(topology);
    fixture.provider.world.changeOutOfBand(SIMULATED_TYPES.server, 'shop-dev-postgres-0', { role: 'standby' });
    fixture.provider.world.changeOutOfBand(SIMULATED_TYPES.server, 'shop-dev-postgres-1', { role: 'primary' });
    fixture.provider.world.changeOutOfBand(SIMULATED_TYPES.proxy, 'shop-dev-proxy-1', { vip_holder: true });
    const plan = await fixture.plan(topology);
    expect(plan.drift).toEqual([]);
    expect(plan.resource_changes.every((change) => change.action === 'no-op')).toBe(true);
    // the new primary is what state now records
    const primary = plan.prior_state.resources.find((resource) => resource.address === 'dev.postgres[1]')!;
    expect(primary.attributes.role).toBe('primary');
  });

  it('reports out-of-band changes as drift and plans to revert them', async () => {
    fixture = engineFixture();
    const topology = localTopology({ dev: { instances: 1, proxies: 1, poolSize: 20 } });
    await fixture.converge(topology);
    fixture.provider.world.changeOutOfBand(SIMULATED_TYPES.proxy, 'shop-dev-proxy-0', { pool_size: 99 });
    fixture.provider.world.deleteOutOfBand(SIMULATED_TYPES.server, 'shop-dev-postgres-0');
    const plan = await fixture.plan(topology);
    expect(plan.drift).toEqual(expect.arrayContaining([
      { address: 'dev.postgres[0]', kind: 'deleted', changes: [] },
      expect.objectContaining({ address: 'dev.proxy[0]', kind: 'changed', changes: [expect.objectContaining({ name: 'pool_size', before: 20, after: 99 })] }),
    ]));
    expect(actions(plan)).toMatchObject({ 'dev.postgres[0]': 'create', 'dev.proxy[0]': 'update' });
    expect((await fixture.apply(plan)).ok).toBe(true);
    expect((await fixture.plan(topology)).has_changes).toBe(false);
  });

  it('plans only the target and its dependencies', async () => {
    fixture = engineFixture();
    const plan = await fixture.plan(localTopology({ dev: { instances: 2, proxies: 1 }, qa: { instances: 1 } }), { targets: ['dev.postgres[1]'] });
    expect(Object.keys(actions(plan)).sort()).toEqual(['dev.network', 'dev.postgres[1]']);
  });

  it('destroy deletes everything in reverse dependency order', async () => {
    fixture = engineFixture();
    const topology = localTopology({ dev: { instances: 2, proxies: 1 } });
    await fixture.converge(topology);
    const plan = await fixture.plan(topology, { mode: 'destroy' });
    expect(plan.summary.destroy).toBe(4);
    const events: import('../../../engine/apply/apply-plan.ts').ApplyEvent[] = [];
    expect((await fixture.apply(plan, { events })).ok).toBe(true);
    const completed = events.filter((event) => event.kind === 'complete').map((event) => event.address);
    expect(completed.indexOf('dev.network')).toBe(completed.length - 1);
    expect(Object.values(fixture.provider.world.load().objects).flat()).toEqual([]);
  });
});
