import type { Environment } from '../../proxy-tier/effective-features.ts';

/**
 * The feature matrix (docs/feature-matrix.md, "Features per environment") as data: what the proxy tier may do in each
 * environment, and why. Validation rules and effective-feature resolution both read it, so they cannot disagree.
 */
export interface EnvironmentProfile {
  environment: Environment;
  postgresRunsOn: string;
  proxyRunsOn: string;
  /** Who elects the primary. Anything but the proxy means the proxy must never promote or detach on errors. */
  haOwner: 'proxy' | 'AWS' | 'the operator';
  proxyOwnsHa: boolean;
  /** Default of the replication-lag check, and whether the environment can run it at all. */
  replicationCheck: { byDefault: boolean; available: boolean; why: string };
  haMethods: ReadonlyArray<'watchdog' | 'nlb-autoscaling' | 'none'>;
  vipTypes: ReadonlyArray<'elastic-ip' | 'secondary-ip' | 'route-table' | 'dns' | 'ip'>;
  /** How backends look: individual nodes with detected roles, or a writer/reader endpoint pair. */
  backendShape: 'nodes' | 'writer-reader';
}

const awsVipTypes = ['elastic-ip', 'secondary-ip', 'route-table', 'dns'] as const;

export const environmentProfiles: Record<Environment, EnvironmentProfile> = {
  local: {
    environment: 'local', postgresRunsOn: 'local processes', proxyRunsOn: 'local processes',
    haOwner: 'proxy', proxyOwnsHa: true,
    replicationCheck: { byDefault: true, available: true, why: 'streaming standbys report their replay position' },
    haMethods: ['watchdog', 'none'], vipTypes: ['ip'], backendShape: 'nodes',
  },
  ec2: {
    environment: 'ec2', postgresRunsOn: 'EC2 (self-managed)', proxyRunsOn: 'EC2',
    haOwner: 'proxy', proxyOwnsHa: true,
    replicationCheck: { byDefault: true, available: true, why: 'streaming standbys report their replay position' },
    haMethods: ['watchdog', 'nlb-autoscaling', 'none'], vipTypes: awsVipTypes, backendShape: 'nodes',
  },
  rds: {
    environment: 'rds', postgresRunsOn: 'Amazon RDS for PostgreSQL', proxyRunsOn: 'EC2',
    haOwner: 'AWS', proxyOwnsHa: false,
    replicationCheck: { byDefault: true, available: true, why: 'RDS read replicas are streaming replicas' },
    haMethods: ['watchdog', 'nlb-autoscaling', 'none'], vipTypes: awsVipTypes, backendShape: 'writer-reader',
  },
  aurora: {
    environment: 'aurora', postgresRunsOn: 'Amazon Aurora PostgreSQL', proxyRunsOn: 'EC2',
    haOwner: 'AWS', proxyOwnsHa: false,
    replicationCheck: { byDefault: false, available: false, why: 'Aurora lacks the WAL position functions the check uses (sr_check_period = 0)' },
    haMethods: ['watchdog', 'nlb-autoscaling', 'none'], vipTypes: awsVipTypes, backendShape: 'writer-reader',
  },
  kubernetes: {
    environment: 'kubernetes', postgresRunsOn: 'Kubernetes (an operator)', proxyRunsOn: 'Kubernetes',
    haOwner: 'the operator', proxyOwnsHa: false,
    replicationCheck: { byDefault: false, available: true, why: 'optional: the replica Service hides individual replicas, so the lag seen is one replica\'s' },
    haMethods: ['none'], vipTypes: [], backendShape: 'writer-reader',
  },
};

/** Why the proxy must not own HA in an environment, in one sentence for error messages. */
export function haOwnershipReason(profile: EnvironmentProfile): string {
  return `on ${profile.environment} ${profile.haOwner} elects the primary; a proxy that also fails over or detaches nodes would fight it`;
}
