// On a proxy instance of an `engine: pgpool2` tier: pgtopo's failover_command and follow_primary_command, the
// scripts the local provider gives Pgpool-II (proxy/pgpool2/render-*-script.ts). Without them a lost primary was
// only detached, and nothing promoted a standby unless the topology named a command of its own. The builtin proxy
// promotes with the monitor user over TCP (proxy/failover/promotion.ts); the scripts do the same with psql, the
// password in a passfile beside them (0600, like pool_passwd, which holds it already).
import type { ProxyTierConfig } from '../../../proxy/config/proxy-tier-settings.ts';
import { renderPassfile } from '../../../proxy/failover/passfile.ts';
import { failoverScriptNodes, failoverScriptSync, renderPgpoolFailoverScript } from '../../../proxy/pgpool2/render-failover-script.ts';
import { renderPgpoolFollowPrimaryScript } from '../../../proxy/pgpool2/render-follow-primary-script.ts';
import { failoverHookCommand, FAILOVER_SCRIPT, followPrimaryHookCommand, FOLLOW_PRIMARY_SCRIPT, quotableHookDir } from '../../../proxy/pgpool2/hook-commands.ts';
import { runsFailoverHooks } from '../../../proxy/pgpool2/render-pgpool-conf.ts';

/** Debian's postgresql-client, which the user data installs beside Pgpool-II. */
export const INSTANCE_PSQL = '/usr/bin/psql';
const PASSFILE = 'monitor.pgpass';

/** Written 0700: Pgpool-II runs them. */
export const EXECUTABLE_FILES: ReadonlySet<string> = new Set([FAILOVER_SCRIPT, FOLLOW_PRIMARY_SCRIPT]);

export interface InstanceHooks {
  /** The tier with the scripts as its failover and follow commands. */
  tier: ProxyTierConfig;
  /** File name in `dir` → contents. */
  files: Record<string, string>;
}

/**
 * The hooks of a member that runs them (the failover coordinator, or every watchdog member) when the topology names
 * no command of its own; otherwise the tier unchanged and no files. `passwords` maps user name → clear password.
 */
export function instanceFailoverHooks(tier: ProxyTierConfig, dir: string, passwords: ReadonlyMap<string, string>): InstanceHooks {
  const monitor = tier.monitorUser;
  if (!runsFailoverHooks(tier) || tier.failover.failoverCommand !== '' || monitor === null) return { tier, files: {} };
  if (!quotableHookDir(dir)) throw new Error(`--dir ${dir}: Pgpool-II's failover command cannot name a directory holding " $ \` or \\`);
  const password = passwords.get(monitor.name);
  const access = { psql: INSTANCE_PSQL, user: monitor.name, ...(password === undefined ? {} : { passFile: `${dir}/${PASSFILE}` }) };
  const nodes = failoverScriptNodes(tier, (backend) => backend.host);
  const files: Record<string, string> = {
    [FAILOVER_SCRIPT]: renderPgpoolFailoverScript({ ...access, nodes, sync: failoverScriptSync(tier) }),
    ...(password === undefined ? {} : { [PASSFILE]: renderPassfile('*', monitor.name, password) }),
  };
  const failover = { ...tier.failover, failoverCommand: failoverHookCommand(dir) };
  if (failover.followPrimaryCommand === '') {
    files[FOLLOW_PRIMARY_SCRIPT] = renderPgpoolFollowPrimaryScript({ ...access, nodes });
    failover.followPrimaryCommand = followPrimaryHookCommand(dir);
    // The script leaves each re-pointed standby detached; auto_failback attaches it once the new primary shows it
    // streaming, so a standby that cannot follow never serves reads.
    failover.autoFailback = true;
  }
  return { tier: { ...tier, failover }, files };
}
