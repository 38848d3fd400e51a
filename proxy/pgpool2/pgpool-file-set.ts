// The four files a Pgpool-II proxy runs from, rendered together from one ProxyTierConfig.
import { tlsClientMode } from '../config/proxy-defaults.ts';
import type { ProxyTierConfig } from '../config/proxy-tier-settings.ts';
import { renderPcpConf } from './render-pcp-conf.ts';
import { renderPgpoolConf, type PgpoolFiles } from './render-pgpool-conf.ts';
import { renderPoolHba } from './render-pool-hba.ts';
import { renderPoolPasswd, type PoolPasswdUser } from './render-pool-passwd.ts';

export interface PgpoolFileSet {
  'pgpool.conf': string;
  'pool_hba.conf': string;
  pool_passwd: string;
  'pcp.conf': string;
  /** With a watchdog: which member this is (Pgpool-II 4.2+ reads it from the directory of pgpool.conf). */
  pgpool_node_id?: string;
}

/** `passwords` maps user name → clear password; null renders every password masked (for `pgtopo render`). */
export function renderPgpoolFileSet(tier: ProxyTierConfig, files: PgpoolFiles, passwords: Map<string, string> | null): PgpoolFileSet {
  const users: PoolPasswdUser[] = tier.config.users.map((user) => ({
    name: user.name,
    password: user.password === undefined ? null : passwords === null ? '' : passwords.get(user.name) ?? null,
  }));
  const monitor = tier.monitorUser;
  if (monitor && !users.some((user) => user.name === monitor.name)) {
    users.push({ name: monitor.name, password: passwords === null ? '' : passwords.get(monitor.name) ?? null });
  }
  const admins = users.filter((user) => tier.config.users.some((candidate) => candidate.admin && candidate.name === user.name));
  const mask = passwords === null;
  return {
    'pgpool.conf': renderPgpoolConf(tier, files),
    'pool_hba.conf': renderPoolHba(tier.config.hba, tlsClientMode(tier.config.tls)),
    pool_passwd: renderPoolPasswd(users, mask),
    'pcp.conf': renderPcpConf(admins, mask),
    ...(tier.watchdog ? { pgpool_node_id: `${tier.index}\n` } : {}),
  };
}
