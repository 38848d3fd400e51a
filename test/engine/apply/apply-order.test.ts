import { describe, expect, it } from 'vitest';
import { applySteps, destroyStepKey } from '../../../engine/apply/apply-graph.ts';
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

async function order(changes: ResourceChange[], state: State): Promise<string[]> {
  const { graph } = applySteps(changes, state);
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
});
