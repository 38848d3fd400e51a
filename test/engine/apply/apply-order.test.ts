import { describe, expect, it } from 'vitest';
import { applySteps, destroyStepKey } from '../../../engine/apply/apply-graph.ts';
import type { ReplacementOrderOf } from '../../../engine/plan/replacement-order.ts';
import { walkGraph } from '../../../engine/graph/parallel-walk.ts';
import type { PlanAction, ResourceChange } from '../../../engine/plan/plan-model.ts';
import { emptyState, type State } from '../../../engine/state/state-format.ts';

function change(address: string, action: PlanAction, dependencies: string[] = []): ResourceChange {
  return { address, provider: 'p', type: 't', name: address, scope: 's', action, id: action === 'create' ? null : `id-${address}`,
    reasons: [], changes: [], dependencies, desired: null };
}

function prior(resources: [string, string[]][]): State {
  return { ...emptyState('t'), resources: resources.map(([address, dependencies]) => ({
    address, provider: 'p', type: 't', name: address, scope: 's', id: `id-${address}`, attributes: {}, dependencies })) };
}

async function order(changes: ResourceChange[], state: State, orderOf?: ReplacementOrderOf): Promise<string[]> {
  const { graph } = applySteps(changes, state, orderOf);
  const seen: string[] = [];
  await walkGraph(graph, async (key) => void seen.push(key), { parallelism: 10 });
  return seen;
}

const before = (seen: string[], first: string, second: string): boolean => seen.indexOf(first) < seen.indexOf(second);

describe('apply order', () => {
  it('a replaced network: its servers are destroyed first and created after it; proxies updated last', async () => {
    const seen = await order([
      change('net', 'replace'),
      change('srv[0]', 'replace', ['net']),
      change('srv[1]', 'delete'),
      change('proxy', 'update', ['srv[0]']),
    ], prior([['net', []], ['srv[0]', ['net']], ['srv[1]', ['net']], ['proxy', ['srv[0]', 'srv[1]']]]));
    expect(seen).toHaveLength(6);
    expect(before(seen, destroyStepKey('srv[0]'), destroyStepKey('net'))).toBe(true);
    expect(before(seen, 'srv[1]', destroyStepKey('net'))).toBe(true);
    expect(before(seen, destroyStepKey('net'), 'net')).toBe(true);
    expect(before(seen, 'net', 'srv[0]')).toBe(true);
    expect(before(seen, 'srv[0]', 'proxy')).toBe(true);
    // the proxy's update needs the new network's server, which needs the old network gone, which needs srv[1]
    // gone: here the proxy cannot let go of srv[1] first, and the order must still be valid
    expect(before(seen, 'srv[1]', 'proxy')).toBe(true);
  });

  it('an object updated to stop using another lets go of it before it is deleted', async () => {
    const seen = await order([change('srv[1]', 'delete'), change('proxy', 'update', ['srv[0]'])],
      prior([['srv[0]', []], ['srv[1]', []], ['proxy', ['srv[0]', 'srv[1]']]]));
    expect(seen).toEqual(['proxy', 'srv[1]']);
  });

  it('deletes run in reverse dependency order', async () => {
    const seen = await order([change('net', 'delete'), change('srv', 'delete'), change('proxy', 'delete')],
      prior([['net', []], ['srv', ['net']], ['proxy', ['srv']]]));
    expect(seen).toEqual(['proxy', 'srv', 'net']);
  });

  describe('replacements a provider orders', () => {
    const proxies = ['c.proxy[10]', 'c.proxy[2]', 'c.proxy[0]'];
    const replaced = [...proxies.map((address) => change(address, 'replace', ['c.db'])), change('other.proxy[0]', 'replace')];
    const state = prior([['c.db', []], ...proxies.map((address): [string, string[]] => [address, ['c.db']]), ['other.proxy[0]', []]]);
    const grouped = (order: 'rolling' | 'all-destroyed-first'): ReplacementOrderOf =>
      (item) => (item.address.startsWith('c.') ? { group: 'c', order } : undefined);

    it('rolling: one at a time in address order, each destroyed once the previous replacement exists', async () => {
      const seen = await order(replaced, state, grouped('rolling'));
      const group = seen.filter((key) => key.startsWith('c.'));
      expect(group).toEqual(['c.proxy[0]', 'c.proxy[2]', 'c.proxy[10]'].flatMap((address) => [destroyStepKey(address), address]));
      expect(seen).toHaveLength(8);
    });

    it('all destroyed first: no replacement of the group starts before every old one is gone', async () => {
      const seen = await order(replaced, state, grouped('all-destroyed-first'));
      const lastDestroy = Math.max(...proxies.map((address) => seen.indexOf(destroyStepKey(address))));
      const firstCreate = Math.min(...proxies.map((address) => seen.indexOf(address)));
      expect(lastDestroy).toBeLessThan(firstCreate);
      expect(seen).toHaveLength(8);
    });

    it('without an order, a replacement waits only for its own destroy', async () => {
      const { graph } = applySteps(replaced, state);
      expect(graph.dependenciesOf(destroyStepKey('c.proxy[2]'))).toEqual([]);
      expect(graph.dependenciesOf('c.proxy[2]')).toEqual([destroyStepKey('c.proxy[2]')]);
    });
  });
});
