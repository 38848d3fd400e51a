// Removing the instance that is currently the primary (scaling down after a failover made a high-numbered
// instance primary) must not leave its standbys without one. Before it goes, a running standby takes over: the
// old primary stops cleanly first (a fast shutdown streams all WAL up to its shutdown checkpoint to the
// connected standbys, so nothing committed is lost), the standby is promoted and the others follow it.
import type { ProviderContext } from '../provider.ts';
import { clusterSuperuserPassword } from './cluster-superuser.ts';
import type { ClusterMember, ClusterScan } from './cluster-members.ts';

/**
 * Hands the primary role of `leaving` to a running standby and stops `leaving`. The lowest-numbered standby is
 * chosen: scaling down removes the highest-numbered instances, so it is the one that stays. Does nothing when
 * `leaving` is not the running primary or has no running standby (then nothing depends on it).
 */
export async function handOverPrimary(leaving: ClusterMember, scan: ClusterScan, scope: string, context: ProviderContext): Promise<void> {
  if (scan.primary !== leaving || !leaving.running) return;
  const standbys = scan.members.filter((member) => member !== leaving && member.running && member.standby);
  const [successor, ...others] = standbys.sort((a, b) => a.record.index - b.record.index);
  if (!successor) return;
  context.note(`is the primary: handing over to ${successor.instance.name} first`);
  await leaving.instance.stop('fast');
  await successor.instance.promote();
  const superuserPassword = await clusterSuperuserPassword(scope);
  for (const other of others) {
    // Another instance removed by the same apply may be stopping meanwhile; the next apply re-points any left.
    await other.instance.followPrimary({ primary: successor.instance, superuserPassword })
      .catch((error: Error) => context.note(`${other.instance.name} not re-pointed yet: ${error.message.split('\n')[0]}`));
  }
}
