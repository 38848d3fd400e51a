// The deterministic names and addresses of a cluster's proxy-tier objects. Names carry the topology and the
// cluster, so two topologies in one account never collide; load balancers and target groups allow only 32
// characters, so theirs is a digest of both, and the readable name goes in their Name tag.
import { createHash } from 'node:crypto';

export interface TierNaming {
  topology: string;
  cluster: string;
}

export const TIER_ADDRESS = {
  securityGroup: (cluster: string) => `${cluster}.proxy_security_group`,
  databaseIngress: (cluster: string) => `${cluster}.proxy_database_ingress`,
  secret: (cluster: string, key: string) => `${cluster}.proxy_secret[${key}]`,
  config: (cluster: string, index: number | null) => (index === null ? `${cluster}.proxy_config` : `${cluster}.proxy_config[${index}]`),
  image: (cluster: string) => `${cluster}.proxy_image`,
  subnet: (cluster: string) => `${cluster}.proxy_subnet`,
  tlsParameter: (cluster: string, setting: string) => `${cluster}.proxy_tls_parameter[${setting.replace(/Parameter$/, '')}]`,
  launchTemplate: (cluster: string) => `${cluster}.proxy_launch_template`,
  instance: (cluster: string, index: number) => `${cluster}.proxy[${index}]`,
  networkInterface: (cluster: string, index: number) => `${cluster}.proxy_eni[${index}]`,
  watchdogKey: (cluster: string) => `${cluster}.proxy_watchdog_key`,
  loadBalancer: (cluster: string) => `${cluster}.proxy_nlb`,
  targetGroup: (cluster: string) => `${cluster}.proxy_target_group`,
  listener: (cluster: string) => `${cluster}.proxy_listener`,
  autoScalingGroup: (cluster: string) => `${cluster}.proxy_autoscaling_group`,
} as const;

/** `pgtopo-<topology>-<cluster>-<suffix>`: the Name tag of every object, and the name where AWS allows it. */
export function tierName(naming: TierNaming, suffix: string): string {
  return `pgtopo-${naming.topology}-${naming.cluster}-${suffix}`;
}

/** A load balancer's or target group's own name: at most 32 characters, letters, digits and hyphens. */
export function shortName(naming: TierNaming, suffix: 'nlb' | 'tg'): string {
  const digest = createHash('sha256').update(`${naming.topology}/${naming.cluster}`).digest('hex').slice(0, 16);
  return `pgtopo-${digest}-${suffix}`;
}

/** The SSM path of everything a cluster's proxies read: `/pgtopo/<topology>/<cluster>`. */
export function parameterPath(naming: TierNaming): string {
  return `/pgtopo/${naming.topology}/${naming.cluster}`;
}

/** Instances of an Auto Scaling group are alike, so they read one config; watchdog members each read their own. */
export function configParameterName(naming: TierNaming, index: number | null): string {
  return index === null ? `${parameterPath(naming)}/proxy-config` : `${parameterPath(naming)}/proxy-config/${index}`;
}

const WATCHDOG_KEY_SUFFIX = '/watchdog-key';

/** The SecureString of a watchdog tier's key: `/pgtopo/<topology>/<cluster>/watchdog-key`. */
export function watchdogKeyParameterName(naming: TierNaming): string {
  return `${parameterPath(naming)}${WATCHDOG_KEY_SUFFIX}`;
}

export function isWatchdogKeyParameter(name: string): boolean {
  return name.endsWith(WATCHDOG_KEY_SUFFIX);
}
