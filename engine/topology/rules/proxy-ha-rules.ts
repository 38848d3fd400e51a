import type { Cluster, ProxyHa } from '../../../schemas/topology.ts';
import { environmentProfiles } from '../../features/environment-profiles.ts';
import { eachCluster, type Path, type Rule, type RuleContext } from './rule.ts';
import { ipv4InCidr } from './ipv4.ts';

/** Where the proxies run on EC2 instances pgtopo rolls. */
const AWS_ENVIRONMENTS: readonly string[] = ['ec2', 'rds', 'aurora'];

/** Proxy-tier HA: which methods and VIP types work where (feature-matrix.md §2). */
export const proxyHaRules: Rule = (context) => {
  eachCluster(context.topology, (_name, cluster, path) => {
    const ha = cluster.proxy?.ha;
    if (!ha) return;
    const haPath = [...path, 'proxy', 'ha'];
    checkMethod(context, cluster, ha, haPath);
    if (ha.method === 'watchdog' && ha.vip) checkVip(context, cluster, ha, [...haPath, 'vip']);
    checkPgpoolRoll(context, cluster, ha, haPath);
  });
};

/**
 * A roll of a Pgpool-II watchdog on AWS waits for each member to rejoin only if `pgtopo pgpool-files` can ask
 * Pgpool-II's control port, as an admin user with a password (providers/aws/proxy-tier/pgpool-watchdog-join.ts).
 */
function checkPgpoolRoll({ topology, warn }: RuleContext, cluster: Cluster, ha: ProxyHa, path: Path): void {
  if (ha.method !== 'watchdog' || cluster.proxy?.engine !== 'pgpool2' || !AWS_ENVIRONMENTS.includes(cluster.environment)) return;
  if ((topology.users ?? []).some((user) => user.admin === true && user.password !== undefined)) return;
  warn([...path, 'method'], 'no user has `admin: true` and a password, so nothing can ask Pgpool-II whether a member is back in the watchdog: ' +
    'a roll (a new launch template version) takes the next member down as soon as the one before runs, and the tier can lose its quorum',
  'give a user with a password `admin: true` (Pgpool-II\'s pcp.conf holds the admin users)');
}

function checkMethod({ error, warn }: RuleContext, cluster: Cluster, ha: ProxyHa, path: Path): void {
  const profile = environmentProfiles[cluster.environment];
  if (ha.method === 'watchdog' && cluster.environment === 'kubernetes') {
    error([...path, 'method'], 'the watchdog cannot run on kubernetes: a Service already load-balances the proxy pods and survives a pod loss',
      'remove `ha` (or use `method: none`)');
    return;
  }
  if (!profile.haMethods.includes(ha.method)) {
    error([...path, 'method'], `\`${ha.method}\` is not available for ${cluster.environment} clusters (available: ${profile.haMethods.join(', ')})`);
    return;
  }
  if (ha.method === 'watchdog' && !ha.vip) {
    error(path, 'the watchdog needs a `vip` for clients to connect to', `add \`vip: { type: ${profile.vipTypes[0]}, … }\``);
  }
  if (ha.method !== 'watchdog' && ha.vip) {
    error([...path, 'vip'], `a \`vip\` only applies to \`method: watchdog\` (this cluster uses ${ha.method})`, 'remove `vip`');
  }
  if (ha.method !== 'nlb-autoscaling' && (ha.nlb || ha.autoScaling)) {
    error([...path, ha.nlb ? 'nlb' : 'autoScaling'], '`nlb` and `autoScaling` only apply to `method: nlb-autoscaling`');
  }
  const size = ha.autoScaling;
  if (size?.minSize !== undefined && size.maxSize !== undefined && size.minSize > size.maxSize) {
    error([...path, 'autoScaling', 'minSize'], `minSize (${size.minSize}) is larger than maxSize (${size.maxSize})`);
  }
  if (ha.method === 'watchdog' && cluster.environment === 'local' && cluster.proxy?.engine === 'pgpool2') {
    warn(path, 'the local provider runs no Pgpool-II watchdog yet: no proxy brings up the `vip`, and failovers are run by proxy `failover.coordinator`',
      'use `engine: builtin`, connect to the proxies\' own ports, or remove `ha`');
  }
  if (ha.method === 'watchdog' && cluster.proxy?.instances === 2 && AWS_ENVIRONMENTS.includes(cluster.environment)) {
    // A member's ENI holds one instance at a time, so a roll terminates each member before its successor runs.
    warn([...path, 'method'], 'a watchdog of 2 has no quorum (2 of 2) while one member is down, and on AWS a roll (a new launch template version) ' +
      'takes each member down in turn: no proxy holds the VIP or runs a failover until it is back',
      'set `proxy.instances` to 3: one member down at a time keeps the quorum');
  }
  if (ha.method === 'watchdog' && (cluster.proxy?.instances ?? 1) < 2) {
    warn([...path, 'method'], 'a watchdog with one proxy instance protects nothing', 'set `proxy.instances` to 2 or more (3 gives the watchdog a quorum)');
  }
}

function checkVip(context: RuleContext, cluster: Cluster, ha: ProxyHa, path: Path): void {
  const vip = ha.vip!;
  const profile = environmentProfiles[cluster.environment];
  if (!profile.vipTypes.includes(vip.type)) {
    const why = vip.type === 'ip'
      ? 'a classic virtual IP (gratuitous ARP) does not work in the cloud'
      : `\`${vip.type}\` needs AWS`;
    context.error([...path, 'type'], `VIP type \`${vip.type}\` cannot be used on ${cluster.environment}: ${why}`,
      `use one of: ${profile.vipTypes.join(', ')}`);
    return;
  }
  if (cluster.environment === 'local' || cluster.environment === 'kubernetes') return;
  const subnets = cluster.proxy?.subnets ?? [];
  const vpc = cluster.vpc;
  switch (vip.type) {
    case 'secondary-ip':
      if (subnets.length > 1) {
        context.error([...path, 'type'], `a secondary-IP VIP cannot move across subnets, and the proxies are spread over ${subnets.length} (one subnet is one AZ)`,
          'put the proxies in one subnet, or use `route-table`, `dns` or `elastic-ip` to work across AZs');
      }
      break;
    case 'elastic-ip': {
      if (!vpc?.publicSubnets) {
        context.warn([...path, 'type'], 'an Elastic IP needs the proxies in public subnets, and pgtopo cannot tell whether theirs are',
          'list the public ones in `vpc.publicSubnets`');
        break;
      }
      const privateOnes = subnets.filter((subnet) => !vpc.publicSubnets!.includes(subnet));
      if (privateOnes.length > 0) {
        context.error([...path, 'type'], `an Elastic IP is reached over the internet, but these proxy subnets are private: ${privateOnes.join(', ')}`,
          'use public subnets, or `route-table` / `dns` for clients inside the VPC');
      }
      break;
    }
    case 'route-table':
      if (vpc?.cidr && ipv4InCidr(vip.address, vpc.cidr)) {
        context.error([...path, 'address'], `the route-table VIP ${vip.address} lies inside the VPC CIDR ${vpc.cidr}; a /32 route to it would never be used`,
          'pick an address outside the VPC CIDR (the talk uses 20.0.0.50 for a 10.0.0.0/16 VPC)');
      }
      break;
    case 'dns':
      context.warn([...path, 'type'], `clients see a DNS VIP change only after the record's TTL (${vip.ttl ?? 10}s) and whatever their resolvers cache`,
        'keep the TTL low, or use `route-table` inside a VPC');
      break;
  }
}
