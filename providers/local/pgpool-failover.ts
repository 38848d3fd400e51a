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
import { failoverHookCommand, FAILOVER_SCRIPT, followPrimaryHookCommand, FOLLOW_PRIMARY_SCRIPT, quotableHookDir } from '../../proxy/pgpool2/hook-commands.ts';
import { failoverScriptNodes, failoverScriptSync, renderPgpoolFailoverScript } from '../../proxy/pgpool2/render-failover-script.ts';
import { renderPgpoolFollowPrimaryScript } from '../../proxy/pgpool2/render-follow-primary-script.ts';
import { postgresDir } from './local-layout.ts';
import { localRuntime } from './local-runtime.ts';
import { pgInstancePaths } from './pg-instance.ts';
import { ensurePrimaryLockFile, primaryLockFile } from './primary-lock.ts';

/** The tier a local Pgpool-II runs with, and writes the hook scripts it names into the proxy's directory `dir`. */
export async function withLocalFailoverCommand(dir: string, tier: ProxyTierConfig): Promise<ProxyTierConfig> {
  const lockFile = await ensurePrimaryLockFile(dirname(dir), localRuntime().user);
  const hooks = localPgpoolHooks(dir, tier, lockFile);
  for (const [name, text] of Object.entries(hooks.scripts)) await writeFile(join(dir, name), text, { mode: 0o700 });
  return hooks.tier;
}

/** What Pgpool-II of the proxy in `dir` runs with, its scripts left unwritten: for `pgtopo render`. */
export function localPgpoolTier(dir: string, tier: ProxyTierConfig): ProxyTierConfig {
  return localPgpoolHooks(dir, tier, primaryLockFile(dirname(dir))).tier;
}

interface LocalHooks {
  /** The tier with pgtopo's hooks as failover and follow commands, and auto_failback. */
  tier: ProxyTierConfig;
  /** File name in the proxy's directory → script. */
  scripts: Record<string, string>;
}

function localPgpoolHooks(dir: string, tier: ProxyTierConfig, lockFile: string): LocalHooks {
  const hooked = failoverHooks(dir, tier, lockFile);
  // Every member, not only the coordinator: Pgpool-II detaches a node that fails its health check, and when apply
  // has repaired it (or rebuilt a lost primary as a standby) Pgpool-II must take it back once it streams; an apply
  // restarts Pgpool-II only for a change of address, so nothing else would.
  return { ...hooked, tier: { ...hooked.tier, failover: { ...hooked.tier.failover, autoFailback: true } } };
}

/**
 * pgtopo's failover scripts as failover_command and follow_primary_command, or the tier unchanged and no scripts
 * when it has a failover command already, is not the failover coordinator, psql is missing or the directory's path
 * cannot be quoted.
 */
function failoverHooks(dir: string, tier: ProxyTierConfig, lockFile: string): LocalHooks {
  const { failover } = tier;
  const psql = localRuntime().binaries.tool('psql');
  if (!failover.enabled || !failover.coordinator || failover.failoverCommand !== '' || !existsSync(psql) || !quotableHookDir(dir)) return { tier, scripts: {} };
  const scope = dirname(dir);
  // Backends are the cluster's instances, named pg<index> like their directories.
  const nodes = failoverScriptNodes(tier, (backend) =>
    pgInstancePaths(postgresDir(scope, Number(/^pg(\d+)$/.exec(backend.name)?.[1] ?? backend.id))).socketDir);
  const scripts: Record<string, string> = { [FAILOVER_SCRIPT]: renderPgpoolFailoverScript({ psql, user: 'postgres', nodes, sync: failoverScriptSync(tier), lockFile }) };
  const commands: Partial<FailoverSettings> = { failoverCommand: failoverHookCommand(dir) };
  // pgtopo's own follow_primary_command, unless the topology has one: Pgpool-II then attaches what streams.
  if (failover.followPrimaryCommand === '') {
    scripts[FOLLOW_PRIMARY_SCRIPT] = renderPgpoolFollowPrimaryScript({ psql, user: 'postgres', nodes });
    commands.followPrimaryCommand = followPrimaryHookCommand(dir);
  }
  return { tier: { ...tier, failover: { ...failover, ...commands } }, scripts };
}
