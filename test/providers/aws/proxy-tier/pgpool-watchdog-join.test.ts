// A Pgpool-II watchdog member on EC2 is tagged as joined once Pgpool-II's watchdog has it in the tier, which is what a
// roll of the tier waits for before it takes the next member down. Three real Pgpool-II 4.3 members on loopback,
// asked over their control ports with pcp_watchdog_info as an admin user whose password needs escaping; the tag goes
// through a fake IMDS and the tests' AWS world. A member left without a quorum is not joined.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { effectiveFeatures } from '../../../../engine/features/effective-features.ts';
import { parseWatchdogInfo, reportWatchdogJoin, type PcpAccess } from '../../../../providers/aws/proxy-tier/pgpool-watchdog-join.ts';
import { WATCHDOG_JOINED_TAG } from '../../../../providers/aws/proxy-tier/watchdog-join.ts';
import { allocateFreePort } from '../../../../providers/local/free-port.ts';
import { makeDbOwnedDir, resolveDbOsUser } from '../../../../providers/local/os-user.ts';
import { writeProxyFiles } from '../../../../providers/local/proxy-files.ts';
import { startProxyProcess, stopProxyProcess } from '../../../../providers/local/proxy-process.ts';
import { proxyTierConfig } from '../../../../proxy-tier/proxy-tier-config.ts';
import { sameHostDelivery } from '../../../../proxy-tier/same-host-delivery.ts';
import type { WatchdogMember } from '../../../../proxy/config/watchdog-tier-settings.ts';
import { renderPcpPassfile } from '../../../../proxy/pgpool2/render-pcp-passfile.ts';
import { tagOwnInstance } from '../../../../proxy/watchdog/ec2-instance-tag.ts';
import type { Cluster } from '../../../../schemas/topology.ts';
import { FakeImds } from '../../../support/fake-imds.ts';
import { eventually, startPgCluster, type PgCluster } from '../../../support/pg-cluster.ts';
import { REGION, SELF } from '../../../proxy/watchdog/vip/aws-vip-fixture.ts';
import { installAwsWorld, type AwsWorld } from '../world/aws-world.ts';

const MEMBERS = 3;
const ADMIN_PASSWORD = 'pcp:admin\\1';
const cluster: Cluster = {
  environment: 'local',
  proxy: { engine: 'pgpool2', instances: MEMBERS, ha: { method: 'watchdog', vip: { type: 'elastic-ip', allocationId: 'eipalloc-1' } as never } },
};
let pgCluster: PgCluster;
let root: string;
let members: WatchdogMember[];
let pcpPorts: number[];
let imds: FakeImds;
let world: AwsWorld;
let tags = 0;
const running = new Set<number>();
const dirOf = (index: number) => join(root, `m${index}`);

function pcpOf(index: number, passFile = join(root, 'pcppass')): PcpAccess {
  return { host: '127.0.0.1', port: pcpPorts[index]!, user: 'pcpadmin', passFile };
}

async function tag(key: string, value: string): Promise<string> {
  tags += 1;
  return tagOwnInstance(key, value, AbortSignal.timeout(10_000));
}

beforeAll(async () => {
  pgCluster = await startPgCluster({ standbys: 0, superuserPassword: 'wd-secret' });
  root = await mkdtemp(join(tmpdir(), 'pgtopo-pgpool-join-'));
  const user = resolveDbOsUser();
  await makeDbOwnedDir(root, user, 0o755);
  members = [];
  pcpPorts = [];
  for (let index = 0; index < MEMBERS; index += 1) {
    members.push({ host: '127.0.0.1', port: await allocateFreePort(), watchdogPort: await allocateFreePort(), heartbeatPort: await allocateFreePort() });
    pcpPorts.push(await allocateFreePort());
  }
  process.env.PGTOPO_WD_PASSWORD = 'wd-secret';
  process.env.PGTOPO_PCP_PASSWORD = ADMIN_PASSWORD;
  process.env.PGTOPO_WD_AUTHKEY = 'wd-authkey-for-this-test';
  for (let index = 0; index < MEMBERS; index += 1) {
    const tier = proxyTierConfig({
      clusterName: 'dev', cluster, features: effectiveFeatures('dev', cluster), index, delivery: sameHostDelivery(root),
      // postgres first: the first admin user is the health check's, and Pgpool-II opens PCP only once it found the primary.
      users: [{ name: 'postgres', admin: true, password: { fromEnv: 'PGTOPO_WD_PASSWORD' } }, { name: 'pcpadmin', admin: true, password: { fromEnv: 'PGTOPO_PCP_PASSWORD' } }],
      backends: [{ name: 'pg0', host: pgCluster.primary.host, port: pgCluster.primary.port, role: 'primary' }],
      listen: { host: '127.0.0.1', port: members[index]!.port }, metricsPort: null, watchdogMembers: members,
      watchdogAuthKey: { env: 'PGTOPO_WD_AUTHKEY' },
    });
    const fast = { ...tier, watchdog: { ...tier.watchdog!, heartbeatIntervalMs: 1000, deadTimeMs: 3000, pgtopoCommand: '/bin/true' } };
    await makeDbOwnedDir(dirOf(index), user);
    await writeProxyFiles(dirOf(index), fast, pcpPorts[index]!, user);
  }
  writeFileSync(join(root, 'pcppass'), renderPcpPassfile('pcpadmin', ADMIN_PASSWORD), { mode: 0o600 });
  writeFileSync(join(root, 'wrong-pcppass'), renderPcpPassfile('pcpadmin', 'pcp'), { mode: 0o600 });
  imds = await FakeImds.start(SELF);
  process.env.AWS_EC2_METADATA_SERVICE_ENDPOINT = imds.endpoint;
  world = installAwsWorld();
  world.ec2.instances.in(REGION).push({ InstanceId: SELF.instanceId, State: { Name: 'running' }, Tags: [] });
  // Together: a member with watchdog opens its port only once the watchdog cluster has formed around it.
  await Promise.all(members.map(async (member, index) => {
    await startProxyProcess({ dir: dirOf(index), engine: 'pgpool2', configFile: join(dirOf(index), 'pgpool.conf'), host: '127.0.0.1', port: member.port, env: {}, user });
    running.add(index);
  }));
}, 120_000);

afterAll(async () => {
  for (const index of [...running]) await stopProxyProcess(dirOf(index), join(dirOf(index), 'pgpool.conf'));
  world?.restore();
  await imds?.stop();
  delete process.env.AWS_EC2_METADATA_SERVICE_ENDPOINT;
  await pgCluster?.stop();
  if (root) await rm(root, { recursive: true, force: true });
}, 60_000);

describe("a Pgpool-II member's joined tag", () => {
  it('is put once the member is in a tier with a leader and a quorum, and only once', async () => {
    const report = await eventually('member 0 joined', () => reportWatchdogJoin(dirOf(0), pcpOf(0), tag), (found) => found.outcome === 'tagged', 30_000);
    expect(report).toEqual({ outcome: 'tagged', instance: SELF.instanceId });
    const value = world.ec2.instances.in(REGION)[0]!.Tags?.find((candidate) => candidate.Key === WATCHDOG_JOINED_TAG)?.Value;
    expect(Date.parse(value!)).toBeGreaterThan(Date.now() - 120_000);
    expect(await readFile(join(dirOf(0), 'watchdog-joined'), 'utf8')).toBe(`${SELF.instanceId}\n`);
    const tagged = tags;
    expect(await reportWatchdogJoin(dirOf(0), pcpOf(0), tag)).toEqual({ outcome: 'tagged before' });
    expect(tags).toBe(tagged);
  }, 90_000);

  it('is not put while the control port refuses the password', async () => {
    const report = await reportWatchdogJoin(dirOf(1), pcpOf(1, join(root, 'wrong-pcppass')), tag);
    expect(report).toMatchObject({ outcome: 'not joined', why: expect.stringMatching(/^pcp_watchdog_info: .*(auth|password)/i) });
  });

  it('is not put on a member left without a quorum', async () => {
    for (const index of [1, 2]) {
      await stopProxyProcess(dirOf(index), join(dirOf(index), 'pgpool.conf'));
      running.delete(index);
    }
    const tagged = tags;
    // A member that has not been tagged yet (its own run directory), asked of member 0 once it has seen the others go.
    const fresh = join(root, 'fresh');
    await makeDbOwnedDir(fresh, resolveDbOsUser());
    const report = await eventually('member 0 without a quorum', () => reportWatchdogJoin(fresh, pcpOf(0), tag),
      (found) => found.outcome === 'not joined' && found.why.includes('quorum no'), 30_000);
    expect(report.outcome).toBe('not joined');
    expect(tags).toBe(tagged);
  }, 90_000);
});

describe('pcp_watchdog_info --verbose', () => {
  it('reads no leader from "Not Set", and the first node as this member', () => {
    const output = ['Quorum state             : QUORUM ABSENT', 'Leader Node Name         : Not Set', '',
      'Node Name         : 127.0.0.1:1 Linux a', 'Status Name       : JOINING', '', 'Node Name         : 127.0.0.1:2 Linux b', 'Status Name       : LEADER'].join('\n');
    expect(parseWatchdogInfo(output)).toEqual({ leader: null, quorum: false, localState: 'JOINING' });
  });
});
