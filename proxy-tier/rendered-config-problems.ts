// What the builtin proxy would refuse in the configs rendered for a cluster's proxies. Validation asks this (through
// the proxy tier, not the proxy's internals) so a config the proxy rejects fails `pgtopo validate`, located, instead
// of an apply halfway through.
import { describeProblem, proxyConfigProblems } from '../proxy/proxy-config.ts';
import type { Cluster, SecretRef, User } from '../schemas/topology.ts';
import type { EffectiveFeatures } from './effective-features.ts';
import { proxyTierConfig } from './proxy-tier-config.ts';
import { sameHostDelivery } from './same-host-delivery.ts';
import type { SecretDelivery } from './secret-delivery.ts';

export interface RenderedConfigProblem {
  /** Dotted path inside the proxy's config document (`pool.size`, `users`); empty for the whole document. */
  path: string;
  message: string;
  /** The path and the message in one line, as the proxy itself reports it. */
  description: string;
}

export interface RenderedConfigInput {
  clusterName: string;
  cluster: Cluster;
  features: EffectiveFeatures;
  users: User[];
}

// Secrets are not what this checks, and a fromSecret one cannot be rendered outside Kubernetes: stand-ins suffice,
// for passwords and for the files a Secret holds.
const STAND_IN: SecretRef = { fromEnv: 'PGTOPO_VALIDATE' };
const STAND_IN_DELIVERY: SecretDelivery = { ...sameHostDelivery('/'), secretFile: (secret, key) => `/${secret}/${key}` };

/** The problems of every proxy instance's rendered config (discovered backends get one stand-in node). */
export function renderedConfigProblems({ clusterName, cluster, features, users }: RenderedConfigInput): RenderedConfigProblem[] {
  const withStandIns: Cluster = cluster.proxy?.monitor?.password
    ? { ...cluster, proxy: { ...cluster.proxy, monitor: { ...cluster.proxy.monitor, password: STAND_IN } } } as Cluster
    : cluster;
  const standInUsers = users.map((user) => (user.password ? { ...user, password: STAND_IN } : user));
  const proxy = cluster.proxy ?? {};
  const nodes = features.backends?.map((node) => node.name) ?? ['discovered'];
  return Array.from({ length: features.proxyInstances.value }, (_, index) => {
    const tier = proxyTierConfig({
      clusterName, cluster: withStandIns, features, users: standInUsers, index, delivery: STAND_IN_DELIVERY,
      backends: nodes.map((node) => ({ name: node, host: '127.0.0.1', port: 0, role: 'unknown' as const })),
      listen: { host: '127.0.0.1', port: (proxy.port ?? 6432) + index },
      metricsPort: proxy.metricsPort ? proxy.metricsPort + index : null,
    });
    return proxyConfigProblems(tier.config).map((problem) => ({ ...problem, description: describeProblem(problem) }));
  }).flat();
}
