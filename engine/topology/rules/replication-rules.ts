import type { LocalCluster } from '../../../schemas/topology.ts';
import { eachCluster, type Path, type RuleContext, type Rule } from './rule.ts';

const DEFAULT_INSTANCES = 3;
/** postgresql.conf settings that `postgres.replication` owns in sync mode. */
const SYNC_PARAMETERS = ['synchronous_standby_names', 'synchronous_commit'];

/**
 * Synchronous replication (`postgres.replication.mode: sync`) needs standbys to wait for, must not be contradicted
 * by hand-written parameters, and needs a failover that knows the rule: a user's own Pgpool-II failover_command
 * cannot be made to promote only a standby that has every acknowledged commit.
 */
export const replicationRules: Rule = (context) => {
  eachCluster(context.topology, (_name, cluster, path) => {
    if (cluster.environment !== 'local') return;
    const postgresPath = [...path, 'postgres'];
    const replication = cluster.postgres?.replication;
    if (replication?.mode !== 'sync') {
      if (replication?.syncStandbys !== undefined) {
        context.warn([...postgresPath, 'replication', 'syncStandbys'], '`syncStandbys` has no effect: replication is asynchronous', 'set `mode: sync`');
      }
      warnHandWrittenSync(context, cluster, postgresPath);
      return;
    }
    checkStandbyCount(context, cluster, postgresPath);
    for (const name of SYNC_PARAMETERS) {
      if (cluster.postgres?.parameters?.[name] !== undefined) {
        context.error([...postgresPath, 'parameters', name], `\`${name}\` is set by \`postgres.replication\` when its mode is sync`, `remove \`parameters.${name}\``);
      }
    }
    if (cluster.proxy?.engine === 'pgpool2' && cluster.proxy.failover?.failoverCommand) {
      context.error([...path, 'proxy', 'failover', 'failoverCommand'],
        'with synchronous replication a failover may promote only a standby that has every acknowledged commit, which pgtopo cannot check for a Pgpool-II failover_command of your own',
        'remove `failoverCommand`: pgtopo renders one that follows the rule');
    }
  });
};

function checkStandbyCount(context: RuleContext, cluster: LocalCluster, postgresPath: Path): void {
  const instances = cluster.postgres?.instances ?? DEFAULT_INSTANCES;
  const wanted = cluster.postgres?.replication?.syncStandbys ?? 1;
  if (instances < 2) {
    context.error([...postgresPath, 'replication', 'mode'], `synchronous replication needs a standby, and this cluster has 1 instance`,
      'set `postgres.instances: 2` or more, or `mode: async`');
  } else if (wanted > instances - 1) {
    context.error([...postgresPath, 'replication', 'syncStandbys'],
      `\`syncStandbys: ${wanted}\` needs ${wanted} standbys, and this cluster has ${instances - 1} (instances: ${instances}): every write would wait forever`,
      `set \`syncStandbys\` to at most ${instances - 1}`);
  }
}

function warnHandWrittenSync(context: RuleContext, cluster: LocalCluster, postgresPath: Path): void {
  if (cluster.postgres?.parameters?.synchronous_standby_names === undefined) return;
  context.warn([...postgresPath, 'parameters', 'synchronous_standby_names'],
    'the failover does not know about a hand-written `synchronous_standby_names` and may promote a standby that lacks acknowledged commits',
    'use `postgres.replication: { mode: sync }` instead');
}
