import { afterEach, describe, expect, it } from 'vitest';
import { engineFixture, localTopology, type EngineFixture } from '../support/engine-fixture.ts';
import { SIMULATED_TYPES } from '../../../providers/simulated/simulated-provider.ts';

describe('provider errors', () => {
  let fixture: EngineFixture;
  afterEach(() => fixture.cleanup());

  it('never carry a secret out of the provider, even when the provider echoes its input', async () => {
    const secret = 'echo-me-not-7f3a';
    fixture = engineFixture({ ADMIN_PASSWORD: secret });
    const proxyType = fixture.provider.resourceTypes.find((type) => type.name === SIMULATED_TYPES.proxy)!;
    const create = proxyType.create!;
    proxyType.create = async (input) => {
      throw new Error(`command failed: set-password --user admin --password ${String(input.attributes.admin_password)}`);
    };
    try {
      const topology = localTopology({ dev: { instances: 1, proxies: 1 } }, [{ name: 'admin', admin: true, password: { fromEnv: 'ADMIN_PASSWORD' } }]);
      const result = await fixture.apply(await fixture.plan(topology));
      const failure = result.outcomes.find((outcome) => outcome.address === 'dev.proxy[0]')!;
      expect(failure.status).toBe('failed');
      expect(failure.message).toBe('command failed: set-password --user admin --password (sensitive)');
    } finally {
      proxyType.create = create;
    }
  });
});
