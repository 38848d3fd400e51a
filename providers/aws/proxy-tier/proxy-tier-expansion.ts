// What a cluster's proxy tier on EC2 is made of, as desired resources. Every tier: the proxies' security group
// (unless `securityGroups` are declared), one SecureString per password source, the rendered config (one per
// proxy for a watchdog tier, whose members differ by index; one for an Auto Scaling group, whose members are
// alike) and the launch template. Then the instances (watchdog, none) or the NLB, target group, listener and
// Auto Scaling group (nlb-autoscaling). A watchdog tier's members each get an ENI first, launched on, whose private
// IPs every member's config lists, and the tier's generated key (README.md, "Watchdog members on EC2"). Backends are a reference to the database data source, so every plan
// and reconcile puts the endpoints AWS reports now into the config.
import { POOL_DEFAULTS } from '../../../proxy/config/proxy-defaults.ts';
import { proxyTierConfig } from '../../../proxy-tier/proxy-tier-config.ts';
import type { ProxyTierConfig } from '../../../proxy/config/proxy-tier-settings.ts';
import type { AwsProxy, Cluster, SecretRef, User } from '../../../schemas/topology.ts';
import type { DesiredResource, DesiredValue, ExpandInput } from '../../provider.ts';
import { databaseAddress, databaseBackendsReference } from '../database/database-expansion.ts';
import { DEFAULT_POSTGRES_PORT } from '../database/database-requests.ts';
import { AMI_PARAMETER_TYPE, defaultAmiParameter } from './ami-parameter-source.ts';
import { TLS_PARAMETER_TYPE, tlsParametersOf } from './tls-parameter-source.ts';
import { AUTOSCALING_GROUP_TYPE } from './autoscaling-group-resource.ts';
import { DATABASE_INGRESS_TYPE } from './database-ingress-resource.ts';
import { SELF, sortedRules, type IngressRule } from './ingress-rules.ts';
import { LAUNCH_TEMPLATE_TYPE } from './launch-template-resource.ts';
import { LISTENER_TYPE } from './listener-resource.ts';
import { LOAD_BALANCER_TYPE } from './load-balancer-resource.ts';
import { nodeSettings } from './proxy-config-document.ts';
import { pgpoolDocument } from './pgpool-config-document.ts';
import { NETWORK_INTERFACE_TYPE } from './network-interface-resource.ts';
import { PROXY_INSTANCE_TYPE } from './proxy-instance-resource.ts';
import { configParameterName, shortName, TIER_ADDRESS, tierName, watchdogKeyParameterName, type TierNaming } from './proxy-tier-names.ts';
import { SECURITY_GROUP_TYPE } from './security-group-resource.ts';
import { secretKey, secretParameterName, ssmSecretDelivery } from './ssm-secret-delivery.ts';
import { SSM_PROXY_CONFIG_TYPE } from './ssm-proxy-config-resource.ts';
import { SSM_SECRET_TYPE } from './ssm-secret-resource.ts';
import { SSM_WATCHDOG_KEY_TYPE } from './ssm-watchdog-key-resource.ts';
import { SUBNET_TYPE } from './subnet-source.ts';
import { TARGET_GROUP_TYPE } from './target-group-resource.ts';
import { PROXY_STATE_DIR, userDataScript } from './user-data.ts';
import { SERVING_TAG } from './proxy-serving.ts';
import { WATCHDOG_JOINED_TAG } from './watchdog-join.ts';
import { placeholderMembers, withMemberAddresses } from './watchdog-member-addresses.ts';

type AwsCluster = Extract<Cluster, { environment: 'ec2' | 'rds' | 'aurora' }>;

const DEFAULT_PORT = 6432;
const DEFAULT_INSTANCE_TYPE = 't3.medium';
/** The NLB's health check needs /healthz: an nlb-autoscaling tier without a metrics port gets this one. */
export const DEFAULT_HEALTH_PORT = 9187;
/** Pgpool-II's watchdog (wd_port) and heartbeat ports, open between the proxies of a watchdog tier. */
const WATCHDOG_PORTS: IngressRule[] = [
  { protocol: 'tcp', from_port: 9000, to_port: 9000, source: SELF },
  { protocol: 'udp', from_port: 9694, to_port: 9694, source: SELF },
];

interface Tier {
  input: ExpandInput;
  cluster: AwsCluster;
  proxy: AwsProxy;
  naming: TierNaming;
  region: string;
  subnets: string[];
  port: number;
  metricsPort: number | null;
  engine: 'builtin' | 'pgpool2';
  asGroup: boolean;
  /** `ha.method: watchdog` with a VIP: members on ENIs, with the tier's key. */
  watchdog: boolean;
}

export function expandProxyTier(input: ExpandInput): DesiredResource[] {
  const tier = tierOf(input);
  const secrets = [...secretResources(tier), ...watchdogKey(tier)];
  const configs = configResources(tier, secrets);
  const common = [...dataSources(tier), ...securityGroup(tier), ...databaseIngress(tier), ...secrets, ...configs, launchTemplate(tier, configs)];
  return [...common, ...(tier.asGroup ? autoScaling(tier) : [...networkInterfaces(tier), ...instances(tier)])];
}

function tierOf(input: ExpandInput): Tier {
  const cluster = input.cluster as AwsCluster;
  const proxy: AwsProxy = cluster.proxy ?? {};
  const asGroup = input.features.proxyHa.value === 'nlb-autoscaling';
  const subnets = proxy.subnets ?? [];
  if (subnets.length === 0) throw new Error(`clusters.${input.clusterName}.proxy.subnets: declare the subnets the proxies run in`);
  if (asGroup && input.features.failover.value) {
    throw new Error(`clusters.${input.clusterName}.proxy: the instances of an Auto Scaling group are alike, so none can be the one failover ` +
      'coordinator; use ha.method: watchdog, or set failover.enabled: false');
  }
  return {
    input, cluster, proxy, asGroup, subnets, region: cluster.region,
    naming: { topology: input.topologyName, cluster: input.clusterName },
    port: proxy.port ?? DEFAULT_PORT,
    engine: input.features.engine.value,
    watchdog: !asGroup && input.features.proxyHa.value === 'watchdog' && proxy.ha?.method === 'watchdog' && proxy.ha.vip !== undefined,
    // Pgpool-II has no metrics endpoint (validate warns of a declared one); its NLB checks the proxy port over TCP.
    metricsPort: input.features.engine.value === 'pgpool2' ? null : proxy.metricsPort ? proxy.metricsPort : asGroup ? DEFAULT_HEALTH_PORT : null,
  };
}

function resource(tier: Tier, address: string, type: string, name: string, attributes: Record<string, DesiredValue>, dependsOn?: string[]): DesiredResource {
  return { address, type, name, scope: tier.region, attributes: { cluster: tier.input.clusterName, ...attributes }, ...(dependsOn ? { dependsOn } : {}) };
}

function dataSources(tier: Tier): DesiredResource[] {
  const { clusterName } = tier.input;
  const subnet: DesiredResource = { address: TIER_ADDRESS.subnet(clusterName), type: SUBNET_TYPE, name: tier.subnets[0]!, scope: tier.region, attributes: {} };
  const tls = tlsParametersOf(clusterName, tier.cluster).map(({ setting, name }): DesiredResource =>
    ({ address: TIER_ADDRESS.tlsParameter(clusterName, setting), type: TLS_PARAMETER_TYPE, name, scope: tier.region, attributes: {} }));
  if (tier.proxy.ami) return [subnet, ...tls];
  const image = defaultAmiParameter(tier.proxy.instanceType ?? DEFAULT_INSTANCE_TYPE);
  return [subnet, { address: TIER_ADDRESS.image(clusterName), type: AMI_PARAMETER_TYPE, name: image, scope: tier.region, attributes: {} }, ...tls];
}

function vpcId(tier: Tier): DesiredValue {
  return tier.cluster.vpc?.id ?? { $ref: TIER_ADDRESS.subnet(tier.input.clusterName), attribute: 'vpc_id' };
}

function securityGroup(tier: Tier): DesiredResource[] {
  if ((tier.proxy.securityGroups ?? []).length > 0) return [];
  const sources = [...(tier.proxy.clientCidrs ?? (tier.cluster.vpc?.cidr ? [tier.cluster.vpc.cidr] : [])), ...(tier.proxy.clientSecurityGroups ?? [])];
  const ports = [tier.port, ...(tier.metricsPort ? [tier.metricsPort] : [])];
  const clients = ports.flatMap((port) => sources.map((source): IngressRule => ({ protocol: 'tcp', from_port: port, to_port: port, source })));
  const watchdog = tier.input.features.proxyHa.value === 'watchdog' ? WATCHDOG_PORTS : [];
  const ingress = sortedRules([...clients, ...watchdog]) as unknown as DesiredValue;
  return [resource(tier, TIER_ADDRESS.securityGroup(tier.input.clusterName), SECURITY_GROUP_TYPE, tierName(tier.naming, 'proxy'), { vpc_id: vpcId(tier), ingress })];
}

/** With `databaseSecurityGroup`: the rule that lets the proxies' group reach the database port. */
function databaseIngress(tier: Tier): DesiredResource[] {
  const { clusterName } = tier.input;
  const groupId = tier.proxy.databaseSecurityGroup;
  if (!groupId) return [];
  const source: DesiredValue = tier.proxy.securityGroups?.[0] ?? { $ref: TIER_ADDRESS.securityGroup(clusterName), attribute: 'group_id' };
  return [resource(tier, TIER_ADDRESS.databaseIngress(clusterName), DATABASE_INGRESS_TYPE, tierName(tier.naming, 'database-ingress'), {
    group_id: groupId, source_group_id: source, port: databasePort(tier),
  })];
}

/** Managed databases report their port; on ec2 it is the discovery's port, or the first declared node's. */
function databasePort(tier: Tier): DesiredValue {
  const { cluster } = tier;
  if (cluster.environment !== 'ec2') return { $ref: databaseAddress(tier.input.clusterName), attribute: 'port' };
  return cluster.backends.discover?.port ?? cluster.backends.static?.[0]?.port ?? DEFAULT_POSTGRES_PORT;
}

function secretResources(tier: Tier): DesiredResource[] {
  const references: SecretRef[] = [...tier.input.users.map((user) => user.password), tier.proxy.monitor?.password].filter((ref) => ref !== undefined);
  const byKey = new Map(references.map((reference) => [secretKey(reference), reference]));
  return [...byKey].map(([key, reference]) => resource(tier, TIER_ADDRESS.secret(tier.input.clusterName, key), SSM_SECRET_TYPE,
    secretParameterName(tier.naming, reference), { value: { $secret: reference } as DesiredValue }));
}

/** A watchdog tier's key: generated by its resource type when first created, never in the topology. */
function watchdogKey(tier: Tier): DesiredResource[] {
  if (!tier.watchdog) return [];
  return [resource(tier, TIER_ADDRESS.watchdogKey(tier.input.clusterName), SSM_WATCHDOG_KEY_TYPE, watchdogKeyParameterName(tier.naming), {})];
}

/** A watchdog member's members (its ENI's addresses, once known), term and vote directory, key and joined tag. */
function watchdogInput(tier: Tier, count: number) {
  if (!tier.watchdog) return {};
  return {
    watchdogMembers: placeholderMembers(tier.input.clusterName, count, tier.port),
    watchdogStateDir: PROXY_STATE_DIR,
    watchdogAuthKey: { ssm: watchdogKeyParameterName(tier.naming) },
    // Pgpool-II's members are tagged by pgpool-files (pgpool-watchdog-join.ts), which needs no config for it.
    ...(tier.engine === 'builtin' ? { watchdogJoinedTag: WATCHDOG_JOINED_TAG } : {}),
  };
}

function configResources(tier: Tier, secrets: DesiredResource[]): DesiredResource[] {
  const count = tier.input.features.proxyInstances.value;
  const indexes = tier.asGroup ? [null] : Array.from({ length: count }, (_, index) => index);
  return indexes.map((index) => {
    const tierConfig = proxyTierConfig({
      clusterName: tier.input.clusterName, cluster: tier.cluster, features: tier.input.features, users: tier.input.users as User[],
      backends: [], index: index ?? 0, listen: { host: '0.0.0.0', port: tier.port }, metricsPort: tier.metricsPort,
      delivery: ssmSecretDelivery(tier.naming), ...watchdogInput(tier, count),
      ...(reportsServing(tier) && tier.engine === 'builtin' ? { servingTag: SERVING_TAG } : {}),
    });
    const document = withMemberAddresses(configDocument(tier, tierConfig), tier.input.clusterName, tier.watchdog ? count : 0);
    return resource(tier, TIER_ADDRESS.config(tier.input.clusterName, index), SSM_PROXY_CONFIG_TYPE, configParameterName(tier.naming, index), {
      document,
      backends: databaseBackendsReference(tier.input.clusterName, tier.cluster),
      node_settings: nodeSettings(tier.input.features) as unknown as DesiredValue,
    }, secrets.map((secret) => secret.address));
  });
}

/** What the proxy reads from the parameter, without the backends: the builtin proxy's document, or Pgpool-II's. */
function configDocument(tier: Tier, tierConfig: ProxyTierConfig): Record<string, unknown> {
  if (tier.engine === 'pgpool2') return pgpoolDocument(tierConfig);
  const { backends: _placeholder, ...document } = structuredClone(tierConfig.config);
  return document;
}

/** How long a proxy drains on SIGTERM (the proxy's pool.shutdownGraceMs; the topology does not set it), in seconds. */
function drainSeconds(): number {
  return Math.ceil(POOL_DEFAULTS.shutdownGraceMs / 1000);
}

/** The proxies' security groups: the declared ones, else the tier's own. */
function proxyGroups(tier: Tier): DesiredValue {
  const declaredGroups = [...(tier.proxy.securityGroups ?? [])].sort();
  return declaredGroups.length > 0 ? declaredGroups : [{ $ref: TIER_ADDRESS.securityGroup(tier.input.clusterName), attribute: 'group_id' }];
}

function launchTemplate(tier: Tier, configs: DesiredResource[]): DesiredResource {
  const { clusterName } = tier.input;
  // A watchdog member's groups are its ENI's: EC2 refuses groups of the instance beside a network interface.
  const groups: DesiredValue = tier.watchdog ? [] : proxyGroups(tier);
  const user_data = userDataScript({
    region: tier.region, configParameter: configs[0]!.name, drainSeconds: drainSeconds(), engine: tier.engine,
  });
  return resource(tier, TIER_ADDRESS.launchTemplate(clusterName), LAUNCH_TEMPLATE_TYPE, tierName(tier.naming, 'proxy'), {
    image_id: tier.proxy.ami ?? { $ref: TIER_ADDRESS.image(clusterName), attribute: 'image_id' },
    instance_type: tier.proxy.instanceType ?? DEFAULT_INSTANCE_TYPE,
    iam_instance_profile: tier.proxy.iamInstanceProfile ?? null,
    key_name: tier.proxy.keyName ?? null,
    security_group_ids: groups,
    user_data,
    http_tokens: 'required',
  }, configs.map((config) => config.address));
}

function templateReference(tier: Tier, attribute: string): DesiredValue {
  return { $ref: TIER_ADDRESS.launchTemplate(tier.input.clusterName), attribute };
}

function networkInterfaces(tier: Tier): DesiredResource[] {
  if (!tier.watchdog) return [];
  const { clusterName } = tier.input;
  return Array.from({ length: tier.input.features.proxyInstances.value }, (_, index) =>
    resource(tier, TIER_ADDRESS.networkInterface(clusterName, index), NETWORK_INTERFACE_TYPE, tierName(tier.naming, `proxy-${index}`), {
      subnet_id: tier.subnets[index % tier.subnets.length]!,
      security_group_ids: proxyGroups(tier),
    }));
}

function instances(tier: Tier): DesiredResource[] {
  const { clusterName } = tier.input;
  return Array.from({ length: tier.input.features.proxyInstances.value }, (_, index) =>
    resource(tier, TIER_ADDRESS.instance(clusterName, index), PROXY_INSTANCE_TYPE, tierName(tier.naming, `proxy-${index}`), {
      launch_template_id: templateReference(tier, 'template_id'),
      launch_template_version: templateReference(tier, 'latest_version'),
      subnet_id: tier.subnets[index % tier.subnets.length]!,
      network_interface_id: tier.watchdog ? { $ref: TIER_ADDRESS.networkInterface(clusterName, index), attribute: 'network_interface_id' } : null,
      config_parameter: configParameterName(tier.naming, index),
      watchdog_engine: tier.watchdog ? tier.engine : null,
      reports_joining: reportsJoining(tier),
      reports_serving: reportsServing(tier),
      coordinates_failover: !tier.watchdog && tier.input.features.failoverCoordinator.value === `proxy[${index}]`,
      state: 'running',
    // Each member waits for the one before it, so a rolling change (a new template version) takes one at a time.
    }, [TIER_ADDRESS.config(clusterName, index), ...(index > 0 ? [TIER_ADDRESS.instance(clusterName, index - 1)] : [])]));
}

/**
 * Whether a watchdog member tags its instance once it joined, which its roll then waits for: a builtin proxy does
 * itself; for Pgpool-II `pgtopo pgpool-files` asks its control port as an admin user (pgpool-watchdog-join.ts), so a
 * tier without an admin user with a password is rolled on `running` alone.
 */
function reportsJoining(tier: Tier): boolean {
  if (!tier.watchdog) return false;
  return tier.engine === 'builtin' || tier.input.users.some((user) => user.admin === true && user.password !== undefined);
}

/**
 * Whether a proxy without a watchdog tags its instance once it serves, which its roll (successor first) waits for
 * before the proxy it replaces goes: the builtin proxy does itself (its config's `servingTag`), `pgtopo
 * pgpool-files` does for Pgpool-II (pgpool-serving.ts).
 */
function reportsServing(tier: Tier): boolean {
  return !tier.asGroup && !tier.watchdog;
}

function autoScaling(tier: Tier): DesiredResource[] {
  const { clusterName } = tier.input;
  const ha = tier.proxy.ha ?? { method: 'nlb-autoscaling' as const };
  const instances = tier.input.features.proxyInstances.value;
  const minSize = ha.autoScaling?.minSize ?? instances;
  const maxSize = Math.max(ha.autoScaling?.maxSize ?? instances, minSize);
  const lb = resource(tier, TIER_ADDRESS.loadBalancer(clusterName), LOAD_BALANCER_TYPE, tierName(tier.naming, 'nlb'), {
    lb_name: shortName(tier.naming, 'nlb'), scheme: ha.nlb?.scheme ?? 'internal', subnets: [...tier.subnets].sort(), cross_zone: ha.nlb?.crossZone ?? true,
  });
  const group = resource(tier, TIER_ADDRESS.targetGroup(clusterName), TARGET_GROUP_TYPE, tierName(tier.naming, 'tg'), {
    tg_name: shortName(tier.naming, 'tg'), port: tier.port, vpc_id: vpcId(tier), health_port: tier.metricsPort,
    // At least the drain, so the load balancer keeps a leaving proxy's clients until it has finished with them.
    deregistration_delay: drainSeconds(),
  });
  const listener = resource(tier, TIER_ADDRESS.listener(clusterName), LISTENER_TYPE, tierName(tier.naming, 'listener'), {
    load_balancer_arn: { $ref: lb.address, attribute: 'arn' }, port: tier.port, target_group_arn: { $ref: group.address, attribute: 'arn' },
  });
  const asg = resource(tier, TIER_ADDRESS.autoScalingGroup(clusterName), AUTOSCALING_GROUP_TYPE, tierName(tier.naming, 'proxy'), {
    launch_template_id: templateReference(tier, 'template_id'), launch_template_version: templateReference(tier, 'latest_version'),
    min_size: minSize, max_size: maxSize, desired_capacity: Math.min(Math.max(instances, minSize), maxSize),
    subnets: tier.subnets, target_group_arns: [{ $ref: group.address, attribute: 'arn' }],
  }, [listener.address]);
  return [lb, group, listener, asg];
}
