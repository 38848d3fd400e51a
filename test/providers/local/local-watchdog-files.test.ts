// Two local clusters with a watchdog on one machine (providers/local/local-watchdog-files.ts): each cluster's
// members, started at once, agree on one recorded range of heartbeat ports and one key; the two clusters' ranges
// do not overlap and their keys differ.
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ProxyTierConfig } from '../../../proxy/config/proxy-tier-settings.ts';
import { localWatchdogKeyFile, withLocalWatchdog } from '../../../providers/local/local-watchdog-files.ts';
import { resolveDbOsUser } from '../../../providers/local/os-user.ts';
import { isUdpPortFree } from '../../../providers/local/free-port.ts';

const MEMBERS = 3;
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Member `self` of a tier as expansion renders it: heartbeat ports 0, the key as a file reference. */
function member(scope: string, self: number): ProxyTierConfig {
  const members = Array.from({ length: MEMBERS }, (_v, index) => ({ name: `proxy[${index}]`, host: '127.0.0.1', port: 0 }));
  const watchdog = { self, members, vip: { type: 'ip', address: '198.18.0.1' }, authKey: { file: localWatchdogKeyFile(scope) } };
  return { config: { watchdog } } as unknown as ProxyTierConfig;
}

async function startCluster(): Promise<{ scope: string; ports: number[][] }> {
  const scope = mkdtempSync(join(tmpdir(), 'pgtopo-wd-'));
  dirs.push(scope);
  const tiers = await Promise.all(Array.from({ length: MEMBERS }, (_v, self) => withLocalWatchdog(scope, member(scope, self), resolveDbOsUser())));
  return { scope, ports: tiers.map((tier) => tier.config.watchdog!.members.map((m) => m.port)) };
}

describe('local watchdog ports and key', () => {
  it('gives each cluster its own recorded heartbeat ports and key, agreed by members started at once', async () => {
    const [a, b] = await Promise.all([startCluster(), startCluster()]);
    for (const cluster of [a, b]) {
      expect(new Set(cluster.ports.map((ports) => ports.join())).size, 'every member lists the same ports').toBe(1);
      expect(new Set(cluster.ports[0]).size).toBe(MEMBERS);
      expect(cluster.ports[0]!.every((port) => port > 0)).toBe(true);
    }
    expect(a.ports[0]!.filter((port) => b.ports[0]!.includes(port))).toEqual([]);
    // Recorded: a member started later (a restart) gets the same ports.
    expect((await withLocalWatchdog(a.scope, member(a.scope, 1), resolveDbOsUser())).config.watchdog!.members.map((m) => m.port)).toEqual(a.ports[0]);
    const [keyA, keyB] = [a, b].map((cluster) => readFileSync(localWatchdogKeyFile(cluster.scope), 'utf8').trim());
    expect(keyA).toHaveLength(43);
    expect(keyA).not.toBe(keyB);
    expect(statSync(localWatchdogKeyFile(a.scope)).mode & 0o777).toBe(0o600);
    expect(statSync(localWatchdogKeyFile(a.scope)).uid).toBe(resolveDbOsUser().uid);
  });

  it('allocates ports nothing holds for UDP', async () => {
    const { ports } = await startCluster();
    expect(await Promise.all(ports[0]!.map((port) => isUdpPortFree(port)))).toEqual([true, true, true]);
  });
});
