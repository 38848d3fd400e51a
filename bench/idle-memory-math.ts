// What an idle logged-in client costs a pooler in memory, two ways: the growth of its resident set from the base
// (the pooler started, one query served, then a warm-up of logins that left again) to the level, divided by the
// clients held; and the marginal cost between two levels, which leaves out whatever the first clients made grow once
// (a pool of buffers, an allocator arena, a garbage collector's young generation).

/** The pooler's RSS with `clients` idle clients logged in. */
export interface IdleMemoryReading {
  clients: number;
  rssBytes: number;
  /** Wall seconds the logins up to this level took (from the previous level). */
  loginSeconds: number;
}

export interface IdleMemoryPoint extends IdleMemoryReading {
  /** (rssBytes − base) / clients. */
  bytesPerClient: number;
  /** (rssBytes − the previous level's) / (clients − the previous level's); none at the first level. */
  marginalBytesPerClient?: number;
}

export function bytesPerClient(baseRssBytes: number, rssBytes: number, clients: number): number {
  return clients > 0 ? (rssBytes - baseRssBytes) / clients : 0;
}

/** Each reading with its figure from the base and, from the second level on, its figure from the level before. */
export function idleMemoryPoints(baseRssBytes: number, readings: readonly IdleMemoryReading[]): IdleMemoryPoint[] {
  return readings.map((reading, index) => {
    const previous = readings[index - 1];
    const point: IdleMemoryPoint = { ...reading, bytesPerClient: bytesPerClient(baseRssBytes, reading.rssBytes, reading.clients) };
    if (previous && reading.clients > previous.clients) {
      point.marginalBytesPerClient = bytesPerClient(previous.rssBytes, reading.rssBytes, reading.clients - previous.clients);
    }
    return point;
  });
}

/**
 * The levels sorted and deduplicated, so clients are added step by step (1k, then 4k more, …) instead of
 * reconnecting from zero: a target then sees each client log in once.
 */
export function idleLevels(levels: readonly number[]): number[] {
  return [...new Set(levels)].sort((a, b) => a - b);
}
