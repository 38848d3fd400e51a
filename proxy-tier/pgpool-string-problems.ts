// With `engine: pgpool2` the proxy settings become pgpool.conf strings, which cannot hold everything a topology
// string can (proxy/pgpool2/pgpool-value.ts). Which topology settings those are is the proxy tier's knowledge.
import { pgpoolStringProblem } from '../proxy/pgpool2/pgpool-value.ts';
import type { ProxyCommon } from '../schemas/topology.ts';

export interface PgpoolStringProblem {
  /** Where the setting is, below the cluster's `proxy`. */
  path: Array<string | number>;
  value: string;
  problem: string;
}

export function pgpoolStringProblems(proxy: ProxyCommon | undefined): PgpoolStringProblem[] {
  return pgpoolStrings(proxy).flatMap(([value, path]) => {
    const problem = pgpoolStringProblem(value);
    return problem ? [{ path, value, problem }] : [];
  });
}

function pgpoolStrings(proxy: ProxyCommon | undefined): Array<[string, Array<string | number>]> {
  const strings: Array<[string, Array<string | number>]> = [];
  const add = (value: string | undefined, at: Array<string | number>): void => {
    if (value !== undefined) strings.push([value, at]);
  };
  add(proxy?.failover?.failoverCommand, ['failover', 'failoverCommand']);
  add(proxy?.failover?.followPrimaryCommand, ['failover', 'followPrimaryCommand']);
  const lb = proxy?.loadBalancing;
  for (const list of ['writeFunctions', 'readOnlyFunctions', 'primaryRoutingPatterns'] as const) {
    lb?.[list]?.forEach((value, i) => add(value, ['loadBalancing', list, i]));
  }
  for (const [kind, rules] of Object.entries(lb?.redirect ?? {})) {
    rules.forEach((rule, i) => add(rule.pattern, ['loadBalancing', 'redirect', kind, i, 'pattern']));
  }
  return strings;
}
