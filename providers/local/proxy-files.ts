// The files a local proxy runs from, written into its directory. The builtin proxy's file holds only secret
// references; Pgpool-II needs clear passwords in pool_passwd, which is therefore 0600 inside a 0700 directory.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import YAML from 'yaml';
import type { ProxySecretRef, ProxyTierConfig } from '../../proxy/config/proxy-tier-settings.ts';
import { readSecretFile } from '../../proxy/config/secret-file.ts';
import { renderPgpoolFileSet } from '../../proxy/pgpool2/pgpool-file-set.ts';
import { assertReadableBy, makeDbOwnedDir, type DbOsUser } from './os-user.ts';
import { withLocalFailoverCommand } from './pgpool-failover.ts';
import { ProxyProcessError } from './proxy-process.ts';

export function proxyConfigFile(dir: string, engine: ProxyTierConfig['engine']): string {
  return join(dir, engine === 'pgpool2' ? 'pgpool.conf' : 'proxy.yaml');
}

/**
 * Writes the config files into `dir`, which then belongs (0700, files 0600) to `owner`, the OS user the proxy runs
 * as; returns the environment the process needs for its `{ env }` secrets.
 */
export async function writeProxyFiles(dir: string, tier: ProxyTierConfig, pcpPort: number, owner: DbOsUser): Promise<Record<string, string>> {
  await makeDbOwnedDir(dir, owner);
  const env = await writeEngineFiles(dir, tier, pcpPort, owner);
  await makeDbOwnedDir(dir, owner); // chowns the files just written
  return env;
}

async function writeEngineFiles(dir: string, tier: ProxyTierConfig, pcpPort: number, owner: DbOsUser): Promise<Record<string, string>> {
  const refs = secretRefs(tier);
  if (tier.engine === 'builtin') {
    await writeFile(proxyConfigFile(dir, 'builtin'), `# Written by pgtopo; changes are overwritten.\n${YAML.stringify(tier.config)}`, { mode: 0o600 });
    // The builtin proxy reads `{ file }` secrets itself, as `owner`.
    for (const [, ref] of refs) if ('file' in ref) await assertReadableBy(ref.file, owner);
    return Object.fromEntries(refs.flatMap(([user, ref]) => ('env' in ref ? [[ref.env, resolveRef(user, ref)]] : [])));
  }
  const passwords = new Map(refs.map(([user, ref]) => [user, resolveRef(user, ref)]));
  const pgpoolTier = await withLocalFailoverCommand(dir, tier);
  const authKey = tier.watchdog?.authKey;
  const watchdogKey = authKey ? { watchdogAuthKey: resolveSecretRef('the watchdog\'s key', authKey) } : {};
  const files = renderPgpoolFileSet(pgpoolTier, { runDir: dir, poolPasswdFile: join(dir, 'pool_passwd'), pcpPort, ...watchdogKey }, passwords);
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text, { mode: 0o600 });
  return {};
}

function secretRefs(tier: ProxyTierConfig): [string, ProxySecretRef][] {
  const users = [...tier.config.users, ...(tier.monitorUser ? [tier.monitorUser] : [])];
  return users.flatMap((user) => (user.password ? [[user.name, user.password] as [string, ProxySecretRef]] : []));
}

/** A user's password from its `{ env }` or `{ file }` reference, as the proxy resolves it. */
export function resolveRef(user: string, ref: ProxySecretRef): string {
  return resolveSecretRef(`the password of user ${user}`, ref);
}

/** `what` (a password, the watchdog's key) from its `{ env }` or `{ file }` reference. */
function resolveSecretRef(what: string, ref: ProxySecretRef): string {
  if ('env' in ref) {
    const value = process.env[ref.env];
    if (value === undefined) throw new ProxyProcessError(`${what} comes from environment variable ${ref.env}, which is not set`);
    return value;
  }
  // The same-host delivery never writes `{ ssm }` (the AWS provider's does, for proxies on EC2).
  if ('ssm' in ref) throw new ProxyProcessError(`${what} comes from SSM parameter ${ref.ssm}, which a proxy on this machine does not read`);
  try {
    return readSecretFile(ref.file);
  } catch (error) {
    throw new ProxyProcessError(`${what} comes from ${ref.file}, which cannot be read (${(error as NodeJS.ErrnoException).code})`);
  }
}
