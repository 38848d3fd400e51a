// What `postgres.replication` puts into a local cluster's desired resources: every instance carries the same
// synchronous_standby_names over all instances (so a promoted standby has it already), the proxies carry the sync
// rule, and a scale changes both, which apply then reloads. The kill -9 battery (sync-durability.test.ts) runs it.
import { describe, expect, it } from 'vitest';
import { effectiveFeatures } from '../../../engine/features/effective-features.ts';
import { expandLocalCluster } from '../../../providers/local/local-provider.ts';
import type { LocalCluster } from '../../../schemas/topology.ts';

function expand(postgres: LocalCluster['postgres']) {
  const cluster: LocalCluster = { environment: 'local', postgres, proxy: { instances: 1 } };
  return expandLocalCluster({
    topologyName: 't', clusterName: 'dev', cluster, features: effectiveFeatures('dev', cluster),
    users: [{ name: 'u', auth: 'trust' }], topologyDir: '/topo',
  });
}

const parametersOf = (resources: ReturnType<typeof expand>) =>
  resources.filter((r) => r.type === 'local_postgres').map((r) => r.attributes.parameters);
const replicationOf = (resources: ReturnType<typeof expand>) =>
  resources.find((r) => r.type === 'local_proxy')?.attributes.replication;

describe('synchronous replication of a local cluster', () => {
  it('gives every instance ANY n over all instances and synchronous_commit on, next to the declared parameters', () => {
    const resources = expand({ instances: 3, parameters: { work_mem: '8MB' }, replication: { mode: 'sync' } });
    const expected = { work_mem: '8MB', synchronous_standby_names: 'ANY 1 ("pg0", "pg1", "pg2")', synchronous_commit: 'on', wal_retrieve_retry_interval: '500ms' };
    expect(parametersOf(resources)).toEqual([expected, expected, expected]);
    expect(replicationOf(resources)).toEqual({ mode: 'sync', syncStandbys: 1, syncCandidates: ['pg0', 'pg1', 'pg2'] });
  });

  it('changes the list with the number of instances', () => {
    const resources = expand({ instances: 4, replication: { mode: 'sync', syncStandbys: 2 } });
    expect(parametersOf(resources)[0]).toEqual({
      synchronous_standby_names: 'ANY 2 ("pg0", "pg1", "pg2", "pg3")', synchronous_commit: 'on', wal_retrieve_retry_interval: '500ms',
    });
    expect(replicationOf(expand({ instances: 2, replication: { mode: 'sync' } }))).toMatchObject({ syncCandidates: ['pg0', 'pg1'] });
  });

  it('adds nothing for asynchronous replication', () => {
    expect(parametersOf(expand({ instances: 2, replication: { mode: 'async' } }))).toEqual([{}, {}]);
    expect(replicationOf(expand({ instances: 2 }))).toEqual({ mode: 'async', syncStandbys: 1, syncCandidates: [] });
  });
});
