import { afterEach, describe, expect, it } from 'vitest';
import { engineFixture, localTopology, type EngineFixture } from '../support/engine-fixture.ts';
import { StalePlanError } from '../../../engine/apply/apply-plan.ts';
import { SIMULATED_TYPES } from '../../../providers/simulated/simulated-provider.ts';

describe('saved plans', () => {
  let fixture: EngineFixture;
  afterEach(() => fixture.cleanup());

  it('refuses a plan made from an older state serial, and changes nothing', async () => {
    fixture = engineFixture();
    const topology = localTopology({ dev: { instances: 1, proxies: 1, poolSize: 10 } });
    await fixture.converge(topology);
    const stale = await fixture.plan(localTopology({ dev: { instances: 1, proxies: 1, poolSize: 40 } }));
    await fixture.converge(localTopology({ dev: { instances: 1, proxies: 1, poolSize: 25 } }));
    await expect(fixture.apply(stale)).rejects.toThrow(StalePlanError);
    await expect(fixture.apply(stale)).rejects.toThrow(/saved plan is stale.*serial/);
    expect(fixture.provider.world.objectsOf(SIMULATED_TYPES.proxy)[0]!.attributes.pool_size).toBe(25);
  });

  it('refuses a plan from another state lineage', async () => {
    fixture = engineFixture();
    const topology = localTopology({ dev: { instances: 1, proxies: 1 } });
    const plan = await fixture.plan(topology);
    await fixture.converge(topology); // a different plan created the state with its own lineage
    await expect(fixture.apply(plan)).rejects.toThrow(/stale/);
  });
});
