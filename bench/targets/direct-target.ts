// The baseline: pgbench straight to the primary, no proxy in between.
import type { BenchTarget } from './bench-target.ts';

export function directTarget(): BenchTarget {
  return {
    name: 'direct',
    label: 'direct (primary)',
    unavailableReason: () => undefined,
    settings: () => ({}),
    version: () => undefined,
    start: async ({ cluster }) => ({
      host: cluster.primary.host,
      port: cluster.primary.port,
      proxyPids: () => [],
      stop: async () => {},
    }),
  };
}
