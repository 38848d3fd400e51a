// Before a local Pgpool-II starts: asks each of its backends, over the instances' private sockets, whether it is in
// recovery, and writes the status file that keeps Pgpool-II 4.3 from crashing on the unreachable ones
// (proxy/pgpool2/pgpool-start-status.ts).
import { join } from 'node:path';
import type { ProxyTierConfig } from '../../proxy/config/proxy-tier-settings.ts';
import { PGPOOL_STATUS_FILE, pgpoolStartStatus, type NodeAtStart } from '../../proxy/pgpool2/pgpool-start-status.ts';
import { scanCluster, type ClusterMember } from './cluster-members.ts';
import { queryInstance } from './instance-sql.ts';
import { localRuntime } from './local-runtime.ts';
import type { DbOsUser } from './os-user.ts';
import { writeDbFile } from './pg-config-files.ts';

/** Writes `<dir>/pgpool_status` when Pgpool-II must start with it; whether it did (then start it without -D). */
export async function seedPgpoolStatus(dir: string, scope: string, tier: ProxyTierConfig, user: DbOsUser): Promise<boolean> {
  const { members } = scanCluster(scope, localRuntime().binaries, user);
  const nodes = await Promise.all(tier.config.backends.map(async (backend) =>
    [backend.id, await nodeAtStart(members.find((member) => member.instance.name === backend.name))] as const));
  const status = pgpoolStartStatus(new Map(nodes), tier.failover.enabled && tier.failover.coordinator);
  if (status === null) return false;
  await writeDbFile(join(dir, PGPOOL_STATUS_FILE), status, user);
  return true;
}

async function nodeAtStart(member: ClusterMember | undefined): Promise<NodeAtStart> {
  if (!member?.running) return 'unreachable';
  try {
    const [row] = await queryInstance<{ recovery: boolean }>(member.instance, 'SELECT pg_is_in_recovery() AS recovery');
    return row?.recovery ? 'standby' : 'primary';
  } catch {
    return 'unreachable';
  }
}
