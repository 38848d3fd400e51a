// The `replication` section of the proxy config file: how the cluster acknowledges commits, which decides what a
// failover may promote. With `sync`, PostgreSQL returns a commit only once `syncStandbys` of the standbys named in
// synchronous_standby_names flushed it; the proxy must then promote only one of those, and only one that has
// every acknowledged commit (standby-selection.ts). The schema is proxy/config/proxy-config.schema.json.
import type { ReplicationDocument } from '../config/proxy-config-document.ts';

export interface ReplicationConfig {
  mode: 'async' | 'sync';
  /** sync: how many standbys flush a commit before it returns (synchronous_standby_names = 'ANY n (...)'). */
  syncStandbys: number;
  /** sync: the backends named in synchronous_standby_names, by backend name; the only ones that may be promoted. */
  syncCandidates: string[];
}

/** Without the list, every backend is a sync candidate (the local provider names every instance). */
export function replicationConfigFrom(raw: ReplicationDocument | undefined, backendNames: readonly string[]): ReplicationConfig {
  const config = { mode: raw?.mode ?? 'async', syncStandbys: raw?.syncStandbys ?? 1, syncCandidates: raw?.syncCandidates ?? [...backendNames] };
  const unknown = config.syncCandidates.filter((name) => !backendNames.includes(name));
  if (unknown.length > 0) throw new Error(`replication.syncCandidates: no backend named ${unknown.join(', ')}`);
  if (config.mode === 'sync' && config.syncStandbys > config.syncCandidates.length) {
    throw new Error(`replication.syncStandbys: ${config.syncStandbys} is more than the ${config.syncCandidates.length} sync candidates`);
  }
  return config;
}
