// The plan warns of each group a provider replaces with every old object stopped first (none serves meanwhile),
// once per group of two or more, naming its members; rolling groups and other changes are not warned of.
import { describe, expect, it } from 'vitest';
import { allStoppedFirstWarnings, type ReplacementOrderOf } from '../../../engine/plan/replacement-order.ts';
import type { PlanAction, ResourceChange } from '../../../engine/plan/plan-model.ts';

function change(address: string, action: PlanAction): ResourceChange {
  return { address, provider: 'p', type: 't', name: address, scope: 's', action, id: 'i', reasons: [], changes: [], dependencies: [], desired: null };
}

/** `a.*` are replaced all destroyed first, `b.*` rolling, one group per prefix. */
const orderOf: ReplacementOrderOf = ({ address }) =>
  ({ group: address.split('.')[0]!, order: address.startsWith('a.') ? 'all-destroyed-first' : 'rolling' });

describe('plan warnings for replacements that stop a whole group first', () => {
  it('names each such group once, with its replaced members', () => {
    const warnings = allStoppedFirstWarnings([
      change('a.proxy[0]', 'replace'), change('a.proxy[1]', 'replace'), change('a.proxy[2]', 'update'),
      change('b.proxy[0]', 'replace'), change('b.proxy[1]', 'replace'),
    ], orderOf);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^a\.proxy\[0\], a\.proxy\[1\]: every one stops before the first replacement starts/);
    expect(warnings[0]).toContain('none of them serves clients until a replacement does');
  });

  it('says nothing without such a replacement', () => {
    expect(allStoppedFirstWarnings([change('a.proxy[0]', 'update'), change('b.proxy[0]', 'replace')], orderOf)).toEqual([]);
    expect(allStoppedFirstWarnings([change('a.proxy[0]', 'replace'), change('a.proxy[1]', 'replace')], () => undefined)).toEqual([]);
    expect(allStoppedFirstWarnings([change('a.proxy[0]', 'replace')], orderOf)).toEqual([]); // its own line says it
  });
});
