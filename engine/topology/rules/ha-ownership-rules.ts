import { environmentProfiles, haOwnershipReason } from '../../features/environment-profiles.ts';
import { durationMs, sizeBytes } from '../../../schemas/units.ts';
import { eachCluster, type Rule } from './rule.ts';

/**
 * Where something else owns primary election (RDS, Aurora, Kubernetes), the proxy must never promote, detach on
 * errors or fail over on health checks: it would fight AWS or the operator.
 */
export const haOwnershipRules: Rule = ({ topology, error }) => {
  eachCluster(topology, (_name, cluster, path) => {
    const profile = environmentProfiles[cluster.environment];
    const proxy = cluster.proxy;
    if (profile.proxyOwnsHa || !proxy) return;
    const why = haOwnershipReason(profile);
    if (proxy.failover?.enabled) {
      error([...path, 'proxy', 'failover', 'enabled'], `failover cannot be enabled for ${cluster.environment} clusters: ${why}`,
        'remove `failover.enabled` (it defaults to off here)');
    }
    if (proxy.failover?.onBackendError) {
      error([...path, 'proxy', 'failover', 'onBackendError'], `failover on backend error cannot be enabled for ${cluster.environment} clusters: ${why}`,
        'remove `failover.onBackendError`');
    }
    if (proxy.healthCheck?.enabled) {
      error([...path, 'proxy', 'healthCheck', 'enabled'], `a health check that detaches nodes cannot run on ${cluster.environment} clusters: ${why}`,
        'remove `healthCheck.enabled`; the proxy still routes around unreachable endpoints');
    }
  });
};

/** The replication-lag check needs functions some environments lack (Aurora). */
export const replicationCheckRules: Rule = ({ topology, error, warn }) => {
  eachCluster(topology, (_name, cluster, path) => {
    const profile = environmentProfiles[cluster.environment];
    const proxy = cluster.proxy;
    const explicit = proxy?.replicationCheck?.enabled;
    if (explicit && !profile.replicationCheck.available) {
      error([...path, 'proxy', 'replicationCheck', 'enabled'], `the replication check cannot run on ${cluster.environment}: ${profile.replicationCheck.why}`,
        'remove `replicationCheck.enabled`');
    }
    const checking = explicit ?? profile.replicationCheck.byDefault;
    const lb = proxy?.loadBalancing;
    const thresholds = {
      delayThreshold: lb?.delayThreshold !== undefined && sizeBytes(lb.delayThreshold) > 0,
      delayThresholdByTime: lb?.delayThresholdByTime !== undefined && durationMs(lb.delayThresholdByTime) > 0,
    };
    for (const [key, set] of Object.entries(thresholds)) {
      if (set && !checking) {
        warn([...path, 'proxy', 'loadBalancing', key], `\`${key}\` has no effect: the replication check is off for this cluster`,
          profile.replicationCheck.available ? 'set `replicationCheck.enabled: true`' : profile.replicationCheck.why);
      }
    }
  });
};
