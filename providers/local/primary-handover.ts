// Removing the instance that is currently the primary (scaling down after a failover made a high-numbered instance
// primary), or restarting it for a setting, must not leave its standbys without one, nor make a second one. Who
// promotes follows the fence's ownership rule (primary-fence.ts): while a builtin proxy's failover coordinator
// runs it owns the primary role, so the handover is its switchover (`PROMOTE NODE`: it fences the live primary
// read-only, lets the standby replay up to it, promotes it and re-points the others); pgtopo promoting behind its
// back would race the failover it starts when its primary goes. It must happen before the coordinator's
// configuration drops the primary: restarted without it, the coordinator sees every node in recovery and promotes
// one by itself; reloaded, it no longer knows the node its switchover must fence. Without a coordinator pgtopo
// promotes, under the cluster's promotion lock that Pgpool-II's failover.sh holds too.
import type { ProviderContext } from '../provider.ts';
import { clusterSuperuserPassword } from './cluster-superuser.ts';
import { scanCluster, type ClusterMember, type ClusterScan } from './cluster-members.ts';
import { localRuntime } from './local-runtime.ts';
import { othersOutOfRecovery } from './primary-fence.ts';
import { withPrimaryLock } from './primary-lock.ts';
import { resolveRef } from './proxy-files.ts';
import { consoleQuery } from './proxy-console.ts';
import { runningBuiltinCoordinators, runningFailoverOwners, type RunningCoordinator } from './proxy-resource.ts';

export class PrimaryHandoverError extends Error {}

/**
 * Hands the primary role of `leaving` to a running standby before `leaving` is stopped. The lowest-numbered standby
 * is chosen: scaling down removes the highest-numbered instances, so it is the one that stays. Does nothing when
 * `leaving` is not the running primary or has no running standby (then nothing depends on it).
 */
export async function handOverPrimary(leaving: ClusterMember, scan: ClusterScan, scope: string, context: ProviderContext,
  successor = successorOf(leaving, scan)): Promise<void> {
  if (scan.primary !== leaving || !leaving.running || !successor) return;
  const promoting = runningFailoverOwners(scope).filter((owner) => owner.engine !== 'pgpool2');
  if (promoting.length > 0) {
    await switchOver(scope, leaving, successor, context);
    return;
  }
  await withPrimaryLock(scope, localRuntime().user, () => stopAndPromote(leaving, successor, scan, scope, context));
}

/**
 * Before a proxy's configuration stops listing the running primary (a scale-down removes it), the running builtin
 * coordinator hands its role to the lowest-numbered running standby that stays listed.
 */
export async function handOverBeforeProxyDrops(scope: string, keptBackends: string[], context: ProviderContext): Promise<void> {
  const { binaries, user } = localRuntime();
  const scan = scanCluster(scope, binaries, user);
  const leaving = scan.primary;
  if (!leaving?.running || keptBackends.includes(leaving.instance.name)) return;
  if (runningFailoverOwners(scope).every((owner) => owner.engine === 'pgpool2')) return;
  const successor = lowestRunningStandby(scan, (member) => keptBackends.includes(member.instance.name));
  if (successor) await switchOver(scope, leaving, successor, context);
}

/** The standby that takes over from `leaving`: the lowest-numbered running one. */
export function successorOf(leaving: ClusterMember, scan: ClusterScan): ClusterMember | undefined {
  return lowestRunningStandby(scan, (member) => member !== leaving);
}

function lowestRunningStandby(scan: ClusterScan, eligible: (member: ClusterMember) => boolean): ClusterMember | undefined {
  const standbys = scan.members.filter((member) => eligible(member) && member !== scan.primary && member.running && member.standby && !member.fenced);
  return standbys.sort((a, b) => a.record.index - b.record.index)[0];
}

/** `PROMOTE NODE` on the coordinator; refuses (nothing changed) unless the coordinator routes to `leaving` now. */
async function switchOver(scope: string, leaving: ClusterMember, successor: ClusterMember, context: ProviderContext): Promise<void> {
  const coordinator = soleCoordinator(scope, leaving.instance.name);
  const refuse = (why: string) => new PrimaryHandoverError(
    `cannot hand the primary role of ${leaving.instance.name} to ${successor.instance.name} through ${coordinator.name}, which owns it: ${why}; ${leaving.instance.name} stays the primary and keeps running`);
  const target = coordinator.backends.find((backend) => backend.name === successor.instance.name);
  if (!target) throw refuse(`it does not list ${successor.instance.name}`);
  if (!coordinator.admin?.password) throw refuse('its admin console needs a topology user with `admin: true` and a password');
  const console = { name: coordinator.name, port: coordinator.port, user: coordinator.admin.name, password: resolveRef(coordinator.admin.name, coordinator.admin.password) };
  context.note(`is the primary: switching over to ${successor.instance.name} through ${coordinator.name} (PROMOTE NODE ${target.id})`);
  try {
    const nodes = await consoleQuery(console, 'SHOW POOL_NODES');
    const routed = nodes.find((node) => node.load_balance_node === 'true' && node.role === 'primary' && node.status === 'up');
    // Its switchover fences only the primary it routes to; another one would stay writable beside the promoted one.
    if (!routed || Number(routed.port) !== leaving.record.port) throw new Error(`it does not route to ${leaving.instance.name} as its primary now`);
    await consoleQuery(console, `PROMOTE NODE ${target.id}`);
    // The console acknowledges a switchover that failed midway (its log says why): check that it took place.
    const promoted = (await consoleQuery(console, 'SHOW POOL_NODES')).find((node) => node.node_id === String(target.id));
    if (promoted?.role !== 'primary' || promoted.load_balance_node !== 'true') {
      throw new Error(`its switchover did not promote ${successor.instance.name} (see its log); it may have detached ${leaving.instance.name}, which keeps running`);
    }
  } catch (error) {
    throw refuse((error as Error).message);
  }
}

function soleCoordinator(scope: string, leaving: string): RunningCoordinator {
  const [coordinator, ...more] = runningBuiltinCoordinators(scope);
  if (!coordinator || more.length > 0) {
    const owners = runningFailoverOwners(scope).map((owner) => owner.name).join(', ');
    throw new PrimaryHandoverError(`cannot hand the primary role of ${leaving} over: the proxies that may promote (${owners}) are not one running builtin coordinator with a record, so pgtopo cannot ask it to switch over; ${leaving} stays the primary and keeps running`);
  }
  return coordinator;
}

/**
 * No proxy promotes: a fast shutdown streams all WAL up to its shutdown checkpoint to the connected standbys, so
 * nothing committed is lost; then `successor` is promoted, unless another instance is (or may be) out of recovery.
 */
async function stopAndPromote(leaving: ClusterMember, successor: ClusterMember, scan: ClusterScan, scope: string, context: ProviderContext): Promise<void> {
  context.note(`is the primary: handing over to ${successor.instance.name} first`);
  await leaving.instance.stop('fast');
  const others = await othersOutOfRecovery(successor, scope);
  if (others.length > 0) {
    context.note(`${successor.instance.name} not promoted: ${others.join(', ')} may be a primary already`);
    return;
  }
  await successor.instance.promote();
  const superuserPassword = await clusterSuperuserPassword(scope);
  for (const other of scan.members.filter((member) => member !== leaving && member !== successor && member.running && member.standby)) {
    // Another instance removed by the same apply may be stopping meanwhile; the next apply re-points any left.
    await other.instance.followPrimary({ primary: successor.instance, superuserPassword })
      .catch((error: Error) => context.note(`${other.instance.name} not re-pointed yet: ${error.message.split('\n')[0]}`));
  }
}
