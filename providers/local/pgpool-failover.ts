// The builtin proxy promotes a standby by itself; Pgpool-II needs a failover_command for that. For a local cluster
// pgtopo knows every instance's private socket, so unless the topology names its own command, Pgpool-II gets one
// that promotes the most advanced standby (proxy/pgpool2/render-failover-script.ts), and both engines fail over
// alike; its follow_primary_command re-points the other standbys at the new primary, as the builtin proxy does
// (proxy/pgpool2/render-follow-primary-script.ts). The failover script takes the cluster's promotion lock
// (primary-lock.ts), so it and pgtopo never promote two instances.
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { FailoverSettings, ProxyTierConfig } from '../../proxy/config/proxy-tier-settings.ts';
import { failoverScriptNodes, failoverScriptSync, renderPgpoolFailoverScript } from '../../proxy/pgpool2/render-failover-script.ts';
import { renderPgpoolFollowPrimaryScript, type FollowPrimaryScriptInput } from '../../proxy/pgpool2/render-follow-primary-script.ts';
import { postgresDir } from './local-layout.ts';
import { localRuntime } from './local-runtime.ts';
import { pgInstancePaths } from './pg-instance.ts';
import { ensurePrimaryLockFile } from './primary-lock.ts';

const SCRIPT = 'failover.sh';
const FOLLOW_SCRIPT = 'follow-primary.sh';

// The script's path goes in double quotes in the shell command Pgpool-II runs, so it may hold spaces but none of
// the characters the shell still expands there.
const UNQUOTABLE = /["$`\\]/;

/** The tier a local Pgpool-II runs with: pgtopo's failover hooks where it may use them, and auto_failback. */
export async function withLocalFailoverCommand(dir: string, tier: ProxyTierConfig): Promise<ProxyTierConfig> {
  const hooked = await withLocalHooks(dir, tier);
  // Every member, not only the coordinator: Pgpool-II detaches a node that fails its health check, and when apply
  // has repaired it (or rebuilt a lost primary as a standby) Pgpool-II must take it back once it streams; an apply
  // restarts Pgpool-II only for a change of address, so nothing else would.
  return { ...hooked, failover: { ...hooked.failover, autoFailback: true } };
}

/**
 * Writes the failover scripts into the proxy's directory `dir` and returns the tier with them as failover_command
 * and follow_primary_command, or the tier unchanged when it has a failover command already, is not the failover
 * coordinator, psql is missing or the directory's path cannot be quoted.
 */
async function withLocalHooks(dir: string, tier: ProxyTierConfig): Promise<ProxyTierConfig> {
  const { failover } = tier;
  const psql = localRuntime().binaries.tool('psql');
  if (!failover.enabled || !failover.coordinator || failover.failoverCommand !== '' || !existsSync(psql)) return tier;
  const script = join(dir, SCRIPT);
  if (UNQUOTABLE.test(script)) return tier;
  const scope = dirname(dir);
  // Backends are the cluster's instances, named pg<index> like their directories.
  const nodes = failoverScriptNodes(tier, (backend) =>
    pgInstancePaths(postgresDir(scope, Number(/^pg(\d+)$/.exec(backend.name)?.[1] ?? backend.id))).socketDir);
  const sync = failoverScriptSync(tier);
  const lockFile = await ensurePrimaryLockFile(scope, localRuntime().user);
  await writeFile(script, renderPgpoolFailoverScript({ psql, user: 'postgres', nodes, sync, lockFile }), { mode: 0o700 });
  return { ...tier, failover: { ...failover, failoverCommand: `"${script}" %d %P`, ...await followPrimary(dir, tier, psql, nodes) } };
}

/** pgtopo's own follow_primary_command, unless the topology has one: Pgpool-II then attaches what streams. */
async function followPrimary(dir: string, tier: ProxyTierConfig, psql: string, nodes: FollowPrimaryScriptInput['nodes']): Promise<Partial<FailoverSettings>> {
  if (tier.failover.followPrimaryCommand !== '') return {};
  const script = join(dir, FOLLOW_SCRIPT);
  await writeFile(script, renderPgpoolFollowPrimaryScript({ psql, user: 'postgres', nodes }), { mode: 0o700 });
  return { followPrimaryCommand: `"${script}" %d %H %r %P` };
}
