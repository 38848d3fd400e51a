import type { Cluster } from '../../../schemas/topology.ts';
import { effectiveFeatures } from '../../features/effective-features.ts';
import { parseIpv4Cidr } from './ipv4.ts';
import { eachCluster, type Path, type Rule, type RuleContext } from './rule.ts';
import { isIPv6 } from 'node:net';

/** Settings that the schema alone cannot check: regular expressions, CIDRs, index ranges (TLS: tls-rules.ts). */
export const proxySettingRules: Rule = (context) => {
  eachCluster(context.topology, (_name, cluster, path) => {
    const proxy = cluster.proxy;
    if (!proxy) return;
    const proxyPath = [...path, 'proxy'];
    checkPatterns(context, cluster, proxyPath);
    proxy.hba?.forEach((rule, i) => {
      const address = rule.address ?? 'all';
      if (address !== 'all' && !parseIpv4Cidr(address) && !isIpv6Cidr(address)) {
        context.error([...proxyPath, 'hba', i, 'address'], `\`${address}\` is not an address range`, 'write a CIDR such as `10.0.0.0/8` or `::1/128`, or `all`');
      }
    });
    const coordinator = proxy.failover?.coordinator;
    if (coordinator !== undefined && coordinator >= (proxy.instances ?? 1)) {
      context.error([...proxyPath, 'failover', 'coordinator'], `coordinator ${coordinator} does not exist: there are ${proxy.instances ?? 1} proxy instances (counted from 0)`);
    }
  });
  eachCluster(context.topology, (_name, cluster, path) => checkKubernetesDatabase(context, cluster, path));
  eachCluster(context.topology, (name, cluster, path) => checkSwitchedOffTuning(context, name, cluster, path));
};

type SwitchedOffSection = 'healthCheck' | 'replicationCheck' | 'failover';

/** The settings of a check or of failover mean nothing while the feature is off (by the topology or the environment). */
const TUNING: Record<SwitchedOffSection, string[]> = {
  healthCheck: ['period', 'timeout', 'retries', 'retryDelay', 'nodes'],
  replicationCheck: ['period'],
  failover: ['coordinator', 'failoverCommand', 'followPrimaryCommand', 'priority'],
};

function checkSwitchedOffTuning(context: RuleContext, name: string, cluster: Cluster, path: Path): void {
  const proxy = cluster.proxy;
  if (!proxy || context.hasError(path)) return;
  const features = effectiveFeatures(name, cluster);
  for (const [section, keys] of Object.entries(TUNING) as Array<[SwitchedOffSection, string[]]>) {
    const feature = features[section];
    const settings = (proxy[section] ?? {}) as Record<string, unknown>;
    if (feature.value) continue;
    for (const key of keys.filter((candidate) => isSet(settings[candidate]))) {
      context.warn([...path, 'proxy', section, key], `ignored: ${section} is off for this cluster (${feature.why})`, `remove \`${key}\``);
    }
  }
}

function isSet(value: unknown): boolean {
  return value !== undefined && !(typeof value === 'object' && value !== null && Object.keys(value).length === 0);
}

function checkPatterns(context: RuleContext, cluster: Cluster, proxyPath: Path): void {
  const lb = cluster.proxy?.loadBalancing;
  if (!lb) return;
  const lists: Array<[string[] | undefined, Path]> = [
    [lb.writeFunctions, [...proxyPath, 'loadBalancing', 'writeFunctions']],
    [lb.readOnlyFunctions, [...proxyPath, 'loadBalancing', 'readOnlyFunctions']],
    [lb.primaryRoutingPatterns, [...proxyPath, 'loadBalancing', 'primaryRoutingPatterns']],
  ];
  for (const [kind, rules] of Object.entries(lb.redirect ?? {})) {
    lists.push([rules.map((rule) => rule.pattern), [...proxyPath, 'loadBalancing', 'redirect', kind]]);
  }
  for (const [patterns, listPath] of lists) {
    patterns?.forEach((pattern, i) => {
      const reason = regexError(pattern);
      const itemPath = listPath.at(-2) === 'redirect' ? [...listPath, i, 'pattern'] : [...listPath, i];
      if (reason) context.error(itemPath, `\`${pattern}\` is not a valid regular expression: ${reason}`);
    });
  }
}

function checkKubernetesDatabase(context: RuleContext, cluster: Cluster, path: Path): void {
  if (cluster.environment !== 'kubernetes') return;
  const pg = cluster.postgres;
  const byOperator = pg.operator !== undefined || pg.cluster !== undefined;
  const byServices = pg.primaryService !== undefined || pg.replicaService !== undefined;
  const pgPath = [...path, 'postgres'];
  if (byOperator && byServices) {
    context.error(pgPath, 'give either `operator` + `cluster` or `primaryService` + `replicaService`, not both');
  } else if (byOperator && (!pg.operator || !pg.cluster)) {
    context.error(pgPath, `\`${pg.operator ? 'cluster' : 'operator'}\` is missing: an operator's Services are named after its cluster`);
  } else if (byServices && !pg.primaryService) {
    context.error(pgPath, '`primaryService` is missing: writes need the Service that points at the primary');
  } else if (!byOperator && !byServices) {
    context.error(pgPath, 'say where the database is', 'add `operator: cloudnativepg` and `cluster: <name>`, or `primaryService` and `replicaService`');
  }
}

function regexError(pattern: string): string | null {
  try {
    new RegExp(pattern);
    return null;
  } catch (error) {
    return (error as Error).message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /, '');
  }
}

function isIpv6Cidr(value: string): boolean {
  const [address, prefix] = value.split('/');
  return isIPv6(address ?? '') && /^\d{1,3}$/.test(prefix ?? '') && Number(prefix) <= 128;
}
