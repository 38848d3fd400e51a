import { pgpoolStringProblems } from '../../../proxy-tier/pgpool-string-problems.ts';
import { pgpoolUnsupportedSettings } from '../../../proxy-tier/pgpool-unsupported-settings.ts';
import { eachCluster, type Rule } from './rule.ts';

/**
 * With `engine: pgpool2` the proxy settings become pgpool.conf strings, which cannot hold everything a topology
 * string can, and Pgpool-II lacks some of the builtin proxy's settings: say so where the setting is written,
 * before any apply.
 */
export const pgpoolEngineRules: Rule = (context) => {
  eachCluster(context.topology, (_name, cluster, path) => {
    if (cluster.proxy?.engine !== 'pgpool2') return;
    for (const { path: at, value, problem } of pgpoolStringProblems(cluster.proxy)) {
      context.error([...path, 'proxy', ...at], `\`${value}\` cannot go into pgpool.conf: ${problem}`, 'leave single quotes out (shell commands can use double quotes)');
    }
    for (const finding of pgpoolUnsupportedSettings(cluster)) {
      const at = [...path, 'proxy', ...finding.path];
      if (finding.severity === 'error') context.error(at, finding.message, finding.hint);
      else context.warn(at, finding.message, finding.hint);
    }
  });
};
