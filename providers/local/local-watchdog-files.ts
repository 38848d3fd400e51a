// What the proxies of one local watchdog tier share, made once per cluster in `<cluster dir>/watchdog/`: the key
// that signs their messages (proxy/watchdog/message-auth.ts), the UDP ports their heartbeats use, and each
// member's term record (`member<i>/`, proxy/watchdog/term-store.ts), kept here rather than in the proxy's own
// directory so that a re-created proxy still knows the term it voted in. Every local
// process shares 127.0.0.1, so fixed ports (9694 + i) would make two clusters' watchdogs clash; instead a free
// range is allocated when the first member starts and recorded, and every member reads the same record. The
// record is per member count (`ports-<n>.json`): a scale re-renders every member for the new count anyway. Both
// files are created with O_EXCL, so members started at once agree on the first one written. They go with the
// cluster directory.
import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ProxyTierConfig } from '../../proxy/config/proxy-tier-settings.ts';
import { allocateFreePortRange, isPortFree, isUdpPortFree, LOOPBACK_HOST } from './free-port.ts';
import { makeDbOwnedDir, type DbOsUser } from './os-user.ts';

export function localWatchdogDir(scope: string): string {
  return join(scope, 'watchdog');
}

/** Where member `index` keeps its term and vote: survives its proxy's re-creation, goes with the cluster. */
export function localWatchdogMemberDir(scope: string, index: number): string {
  return join(localWatchdogDir(scope), `member${index}`);
}

/** Where the tier's key is; the config refers to it as `{ file }`, so the key itself is in no plan or state. */
export function localWatchdogKeyFile(scope: string): string {
  return join(localWatchdogDir(scope), 'key');
}

/** Writes `text` to a new file; if another member wrote it first, reads theirs. */
async function createOnce(path: string, text: () => Promise<string>): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const content = await text();
  try {
    await writeFile(path, content, { flag: 'wx', mode: 0o600 });
    return content;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return readFile(path, 'utf8');
  }
}

/** The first of `count` heartbeat ports recorded for this cluster, allocated now if none is. */
export async function localHeartbeatBase(scope: string, count: number): Promise<number> {
  const freeBoth = async (port: number, host: string): Promise<boolean> => (await isUdpPortFree(port, host)) && isPortFree(port, host);
  const record = await createOnce(join(localWatchdogDir(scope), `ports-${count}.json`),
    async () => JSON.stringify({ heartbeatBase: await allocateFreePortRange(count, LOOPBACK_HOST, freeBoth) }));
  const base = (JSON.parse(record) as { heartbeatBase?: unknown }).heartbeatBase;
  if (typeof base !== 'number') throw new Error(`${localWatchdogDir(scope)}/ports-${count}.json is not a port record; remove it and apply again`);
  return base;
}

/**
 * The tier with its watchdog completed for this machine: members' heartbeat ports from the cluster's record, and
 * the key file made, readable by `owner` (the OS user the proxies run as) alone.
 */
export async function withLocalWatchdog(scope: string, tier: ProxyTierConfig, owner: DbOsUser): Promise<ProxyTierConfig> {
  const watchdog = tier.config.watchdog;
  if (!watchdog) return tier;
  await makeDbOwnedDir(localWatchdogDir(scope), owner);
  const base = await localHeartbeatBase(scope, watchdog.members.length);
  await createOnce(localWatchdogKeyFile(scope), async () => `${randomBytes(32).toString('base64url')}\n`);
  await makeDbOwnedDir(localWatchdogDir(scope), owner); // chowns the files just written
  if (watchdog.stateDir) await makeDbOwnedDir(watchdog.stateDir, owner);
  const members = watchdog.members.map((member, index) => ({ ...member, port: base + index }));
  return { ...tier, config: { ...tier.config, watchdog: { ...watchdog, members } } };
}
