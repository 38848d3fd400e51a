// What an idle logged-in client costs a pooler in memory: the growth of its resident set from the base (the
// pooler started, one query served) to the level, divided by the clients held.

export interface IdleMemoryPoint {
  clients: number;
  rssBytes: number;
  /** (rssBytes − base) / clients. */
  bytesPerClient: number;
  /** Wall seconds the logins up to this level took (from the previous level). */
  loginSeconds: number;
}

export function bytesPerClient(baseRssBytes: number, rssBytes: number, clients: number): number {
  return clients > 0 ? (rssBytes - baseRssBytes) / clients : 0;
}

/**
 * The levels sorted and deduplicated, so clients are added step by step (1k, then 4k more, …) instead of
 * reconnecting from zero: a target then sees each client log in once.
 */
export function idleLevels(levels: readonly number[]): number[] {
  return [...new Set(levels)].sort((a, b) => a - b);
}
