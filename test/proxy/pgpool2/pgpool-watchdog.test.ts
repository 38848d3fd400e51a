// The rendered watchdog section with real Pgpool-II 4.3: three members on loopback in front of a real PostgreSQL
// elect one leader, which runs the rendered escalation command — `pgtopo vip acquire …` for an Elastic IP, here
// replaced by a recorder (pgtopoCommand) since no EC2 is around; clients get through every member. When the leader
// stops, it runs the de-escalation command and another member escalates: one acquire per leadership. The members
// sign their packets with a wd_authkey.
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { effectiveFeatures } from '../../../engine/features/effective-features.ts';
import { allocateFreePort } from '../../../providers/local/free-port.ts';
import { makeDbOwnedDir, resolveDbOsUser } from '../../../providers/local/os-user.ts';
import { writeProxyFiles } from '../../../providers/local/proxy-files.ts';
import { startProxyProcess, stopProxyProcess } from '../../../providers/local/proxy-process.ts';
import { proxyTierConfig } from '../../../proxy-tier/proxy-tier-config.ts';
import { sameHostDelivery } from '../../../proxy-tier/same-host-delivery.ts';
import type { WatchdogMember } from '../../../proxy/config/watchdog-tier-settings.ts';
import type { Cluster } from '../../../schemas/topology.ts';
import { eventually, startPgCluster, type PgCluster } from '../../support/pg-cluster.ts';

const MEMBERS = 3;
const FLAGS = '--type elastic-ip --allocation-id eipalloc-1';
const cluster: Cluster = {
  environment: 'local',
  proxy: { engine: 'pgpool2', instances: MEMBERS, ha: { method: 'watchdog', vip: { type: 'elastic-ip', allocationId: 'eipalloc-1' } as never } },
};
let pgCluster: PgCluster;
let root: string;
let members: WatchdogMember[];
const running = new Set<number>();

const dirOf = (index: number) => join(root, `m${index}`);
const journal = () => readFile(join(root, 'escalations.log'), 'utf8').catch(() => '').then((text) => text.split('\n').filter(Boolean));

async function start(index: number): Promise<void> {
  await startProxyProcess({
    dir: dirOf(index), engine: 'pgpool2', configFile: join(dirOf(index), 'pgpool.conf'), host: '127.0.0.1', port: members[index]!.port,
    env: {}, user: resolveDbOsUser(),
  });
  running.add(index);
}

async function stop(index: number): Promise<void> {
  await stopProxyProcess(dirOf(index), join(dirOf(index), 'pgpool.conf'));
  running.delete(index);
}

beforeAll(async () => {
  pgCluster = await startPgCluster({ standbys: 0, superuserPassword: 'wd-secret' });
  root = await mkdtemp(join(tmpdir(), 'pgtopo-pgpool-wd-'));
  const user = resolveDbOsUser();
  await makeDbOwnedDir(root, user, 0o755);
  // Stands in for pgtopo: records which member ran which VIP command (Pgpool-II runs it in the member's directory).
  const recorder = join(root, 'record-vip');
  await writeFile(recorder, `#!/bin/sh\necho "$(basename "$PWD") $*" >> ${join(root, 'escalations.log')}\n`);
  await chmod(recorder, 0o755);
  members = [];
  for (let index = 0; index < MEMBERS; index += 1) {
    members.push({ host: '127.0.0.1', port: await allocateFreePort(), watchdogPort: await allocateFreePort(), heartbeatPort: await allocateFreePort() });
  }
  process.env.PGTOPO_WD_PASSWORD = 'wd-secret';
  // The members sign their watchdog and heartbeat packets with it (wd_authkey).
  process.env.PGTOPO_WD_AUTHKEY = 'wd-authkey-for-this-test';
  for (let index = 0; index < MEMBERS; index += 1) {
    const tier = proxyTierConfig({
      clusterName: 'dev', cluster, features: effectiveFeatures('dev', cluster), index, delivery: sameHostDelivery(root),
      users: [{ name: 'postgres', admin: true, password: { fromEnv: 'PGTOPO_WD_PASSWORD' } }],
      backends: [{ name: 'pg0', host: pgCluster.primary.host, port: pgCluster.primary.port, role: 'primary' }],
      listen: { host: '127.0.0.1', port: members[index]!.port }, metricsPort: null, watchdogMembers: members,
      watchdogAuthKey: { env: 'PGTOPO_WD_AUTHKEY' },
    });
    expect(tier.watchdog, 'a watchdog tier with its members').toBeDefined();
    const fast = { ...tier, watchdog: { ...tier.watchdog!, heartbeatIntervalMs: 1000, deadTimeMs: 3000, pgtopoCommand: recorder } };
    await makeDbOwnedDir(dirOf(index), user);
    await writeProxyFiles(dirOf(index), fast, await allocateFreePort(), user);
    expect(await readFile(join(dirOf(index), 'pgpool.conf'), 'utf8')).toContain("wd_authkey = 'wd-authkey-for-this-test'");
  }
  // Together: a member with watchdog opens its port only once the watchdog cluster has formed around it.
  await Promise.all(members.map((_, index) => start(index)));
}, 120_000);

afterAll(async () => {
  for (const index of [...running]) await stop(index);
  await pgCluster?.stop();
  if (root) await rm(root, { recursive: true, force: true });
}, 60_000);

async function answers(port: number): Promise<number> {
  const client = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', password: 'wd-secret', database: 'postgres' });
  await client.connect();
  try {
    return (await client.query<{ one: number }>('SELECT 1 AS one')).rows[0]!.one;
  } finally {
    await client.end();
  }
}

/** The members that acquired and have not released since, from the journal. */
function holders(lines: string[]): string[] {
  const held = new Set<string>();
  for (const line of lines) {
    const [member, , verb] = line.split(' ');
    if (verb === 'acquire') held.add(member!);
    else held.delete(member!);
  }
  return [...held];
}

describe('Pgpool-II watchdog from the rendered pgpool.conf', () => {
  it('elects one leader that runs the escalation command, and answers through every member', async () => {
    const lines = await eventually('a leader escalates', journal, (found) => found.length > 0, 60_000);
    expect(lines).toEqual([expect.stringMatching(new RegExp(`^m\\d vip acquire ${FLAGS}$`))]);
    for (const member of members) expect(await answers(member.port)).toBe(1);
  });

  it('moves the VIP when the leader stops: its release, then one acquire by a remaining member', async () => {
    // One round: what is under test is the rendered config; Pgpool-II's election is its own (and 8 s a round).
    const before = await journal();
    const [leader] = holders(before);
    expect(leader, before.join('\n')).toBeDefined();
    await stop(Number(leader!.slice(1)));
    const after = await eventually('another member escalates', journal,
      (found) => holders(found).length === 1 && holders(found)[0] !== leader, 60_000);
    const added = after.slice(before.length);
    expect(added).toContain(`${leader} vip release ${FLAGS}`);
    expect(added.filter((line) => line.includes(' vip acquire '))).toHaveLength(1);
    expect(await answers(members[Number(holders(after)[0]!.slice(1))]!.port)).toBe(1);
  });
});
