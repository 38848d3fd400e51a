// Who owns a local cluster's primary role. At runtime the proxies' failover does: the standby they promoted is the
// primary, whatever pgtopo applied last. So the provider never starts an instance that was a primary as one — while
// it was down a failover may have promoted another, or may be promoting one right now, and a second writable
// primary takes writes that its later pg_rewind erases. It starts fenced: in recovery, streaming from nobody, so it
// takes no write. It leaves recovery only by promotion: by the builtin proxy's failover coordinator when one runs (it
// promotes the most advanced node, which may be this one), else by pgtopo once no other instance is out of recovery.
// Pgpool-II promotes only when a node fails, so with it pgtopo promotes, holding the cluster's promotion lock that
// Pgpool-II's failover.sh takes too (primary-lock.ts). When another instance is the primary, the fenced one is
// rewound onto it like any former primary.
import { rm, writeFile } from 'node:fs/promises';
import type { ProviderContext } from '../provider.ts';
import { scanCluster, type ClusterMember } from './cluster-members.ts';
import { queryInstance } from './instance-sql.ts';
import { fencedPrimaryMarker } from './local-layout.ts';
import { localRuntime } from './local-runtime.ts';
import { withPrimaryLock } from './primary-lock.ts';
import { runningFailoverOwners } from './proxy-resource.ts';

/** Starts a stopped instance; one configured as a primary starts fenced in recovery. */
export async function startFenced(member: ClusterMember, context: ProviderContext): Promise<void> {
  if (!member.instance.isStandby()) {
    context.note('was a primary: starting it in recovery, so it takes no write while a failover may promote another');
    await writeFile(fencedPrimaryMarker(member.dir), '', { mode: 0o644 });
    await member.instance.enterRecovery();
  }
  await member.instance.start();
}

/** Forgets the fence once the instance is a primary again or a rebuilt standby. */
export function clearFence(member: ClusterMember): Promise<void> {
  return rm(fencedPrimaryMarker(member.dir), { force: true });
}

/**
 * Promotes a fenced instance when no proxy may promote and no other instance is out of recovery; otherwise it stays
 * fenced, and the proxies promote (maybe it) or the next apply rebuilds it as a standby of the new primary.
 */
export async function settleFencedPrimary(member: ClusterMember, scope: string, context: ProviderContext): Promise<void> {
  // Pgpool-II's failover only promotes under the lock; the builtin proxy's (or one not known yet) promotes by itself.
  const owners = runningFailoverOwners(scope);
  const promoting = owners.filter((owner) => owner.engine !== 'pgpool2');
  if (promoting.length > 0) {
    context.note(`stays in recovery: ${promoting.map((owner) => owner.name).join(', ')} owns the primary role and promotes the most advanced node`);
    return;
  }
  const guarded = owners.length > 0 ? <T>(work: () => Promise<T>) => withPrimaryLock(scope, localRuntime().user, work) : <T>(work: () => Promise<T>) => work();
  await guarded(async () => {
    const others = await othersOutOfRecovery(member, scope);
    if (others.length > 0) {
      context.note(`stays in recovery: ${others.join(', ')} may be a primary; the next apply rebuilds it as a standby`);
      return;
    }
    context.note('no proxy promotes it and no other instance is out of recovery: promoting it');
    await member.instance.promote();
    await clearFence(member);
  });
}

/** Running instances other than `member` that are out of recovery, or do not say (then they may be). */
export async function othersOutOfRecovery(member: ClusterMember, scope: string): Promise<string[]> {
  const { binaries, user } = localRuntime();
  const others = scanCluster(scope, binaries, user).members.filter((other) => other.record.name !== member.record.name && other.running);
  const verdicts = await Promise.all(others.map(async (other) => {
    const rows = await queryInstance<{ recovering: boolean }>(other.instance, 'SELECT pg_is_in_recovery() AS recovering').catch(() => undefined);
    if (rows === undefined) return [`${other.instance.name} (not answering)`];
    return rows[0]?.recovering ? [] : [other.instance.name];
  }));
  return verdicts.flat();
}
