import type { Cluster } from '../../../schemas/topology.ts';
import { pgpoolStringProblem } from '../../../proxy/pgpool2/pgpool-value.ts';
import { eachCluster, type Path, type Rule } from './rule.ts';

/**
 * With `engine: pgpool2` the proxy settings become pgpool.conf strings, which cannot hold everything a topology
 * string can (proxy/pgpool2/pgpool-value.ts): say so where the setting is written, before any apply.
 */
export const pgpoolEngineRules: Rule = (context) => {
  eachCluster(context.topology, (_name, cluster, path) => {
    if (cluster.proxy?.engine !== 'pgpool2') return;
    for (const [value, valuePath] of pgpoolStrings(cluster, [...path, 'proxy'])) {
      const problem = pgpoolStringProblem(value);
      if (problem) context.error(valuePath, `\`${value}\` cannot go into pgpool.conf: ${problem}`, 'leave single quotes out (shell commands can use double quotes)');
    }
  });
};

function pgpoolStrings(cluster: Cluster, proxyPath: Path): Array<[string, Path]> {
  const proxy = cluster.proxy;
  const strings: Array<[string, Path]> = [];
  const add = (value: string | undefined, at: Path): void => {
    if (value !== undefined) strings.push([value, at]);
  };
  add(proxy?.failover?.failoverCommand, [...proxyPath, 'failover', 'failoverCommand']);
  add(proxy?.failover?.followPrimaryCommand, [...proxyPath, 'failover', 'followPrimaryCommand']);
  const lb = proxy?.loadBalancing;
  for (const list of ['writeFunctions', 'readOnlyFunctions', 'primaryRoutingPatterns'] as const) {
    lb?.[list]?.forEach((value, i) => add(value, [...proxyPath, 'loadBalancing', list, i]));
  }
  for (const [kind, rules] of Object.entries(lb?.redirect ?? {})) {
    rules.forEach((rule, i) => add(rule.pattern, [...proxyPath, 'loadBalancing', 'redirect', kind, i, 'pattern']));
  }
  return strings;
}
