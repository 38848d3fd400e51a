// How a plan's replacements are ordered beyond their dependencies (ResourceType.replacementOrder), asked once per
// replaced resource: apply orders its steps by it, and the plan warns of each group whose old objects all stop
// before the first new one starts, since none of that group serves meanwhile.
import type { ProviderRegistry, ReplacementOrder } from '../../providers/provider.ts';
import { findResource, type State } from '../state/state-format.ts';
import type { ResourceChange } from './plan-model.ts';

export type ReplacementOrderOf = (change: ResourceChange) => ReplacementOrder | undefined;

/** `prior`: the state the plan was made from, holding what each replaced object runs with now. */
export function replacementOrderOf(prior: State, registry: ProviderRegistry): ReplacementOrderOf {
  return (change) => {
    const type = registry.resourceType(change.provider, change.type);
    const before = findResource(prior, change.address)?.attributes ?? {};
    return type.replacementOrder?.({ address: change.address, scope: change.scope, before, after: change.desired?.attributes ?? {} });
  };
}

export function allStoppedFirstWarnings(changes: ResourceChange[], orderOf: ReplacementOrderOf): string[] {
  const groups = new Map<string, string[]>();
  for (const change of changes) {
    if (change.action !== 'replace') continue;
    const order = orderOf(change);
    if (order?.order === 'all-destroyed-first') groups.set(order.group, [...(groups.get(order.group) ?? []), change.address]);
  }
  // One replaced alone is what its own "must be replaced" says already.
  return [...groups.values()].filter((addresses) => addresses.length > 1).map((addresses) => `${addresses.join(', ')}: every one stops before the first replacement starts ` +
    '(the old and the new kind must not run side by side), so none of them serves clients until a replacement does');
}
