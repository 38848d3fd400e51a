// One list call reads every object of a (provider, resource type, scope): the unit in which the refresh, and an
// apply that needs current values, read reality.
export interface BatchKey { provider: string; type: string; scope: string }

export function batchId(key: BatchKey): string {
  return `${key.provider}\0${key.type}\0${key.scope}`;
}

/** The distinct batches `items` belong to, in first-seen order. */
export function batchesOf(items: readonly BatchKey[]): BatchKey[] {
  const keys = new Map<string, BatchKey>();
  for (const { provider, type, scope } of items) keys.set(batchId({ provider, type, scope }), { provider, type, scope });
  return [...keys.values()];
}
