// On EC2 a watchdog member tags its own instance once it serves clients and knows a leader (watchdog.joinedTag),
// which is what a roll of the tier waits for. The tag is put once, never before both halves hold, and a failed
// attempt (no IMDS yet) is retried until it works or the proxy stops; every member of a tier, follower or leader,
// comes to know its leader. Against a fake IMDS, the tests' AWS world and real UDP heartbeats on loopback.
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLogger, silentLogger } from '../../../proxy/log.ts';
import { parseProxyConfig } from '../../../proxy/proxy-config.ts';
import { startProxy, type ProxyServer } from '../../../proxy/server.ts';
import { JoinedTag, JOINED_TAG_IAM_ACTIONS } from '../../../proxy/watchdog/joined-tag.ts';
import { watchdogConfigFrom } from '../../../proxy/watchdog/watchdog-config.ts';
import { WatchdogService } from '../../../proxy/watchdog/watchdog-service.ts';
import { UdpWatchdogTransport } from '../../../proxy/watchdog/watchdog-transport.ts';
import { installAwsWorld, type AwsWorld } from '../../providers/aws/world/aws-world.ts';
import { FakeImds } from '../../support/fake-imds.ts';
import { freeUdpPorts } from '../../support/free-udp-ports.ts';
import { REGION, SELF } from './vip/aws-vip-fixture.ts';

const VARIABLE = 'AWS_EC2_METADATA_SERVICE_ENDPOINT';
const KEY = 'pgtopo:watchdog-joined';
let imds: FakeImds;
let world: AwsWorld;
let lines: string[];
const log = () => createLogger('test', { write: (line) => void lines.push(line) });

beforeAll(async () => {
  imds = await FakeImds.start(SELF);
});
afterAll(() => imds.stop());
beforeEach(() => {
  lines = [];
  world = installAwsWorld();
  world.ec2.instances.in(REGION).push({ InstanceId: SELF.instanceId, State: { Name: 'running' }, Tags: [{ Key: 'Name', Value: 'orders-proxy-0' }] });
  process.env[VARIABLE] = imds.endpoint;
});
afterEach(() => {
  delete process.env[VARIABLE];
  world.restore();
});

function joinedTagValue(): string | undefined {
  return world.ec2.instances.in(REGION)[0]!.Tags?.find((tag) => tag.Key === KEY)?.Value;
}

async function until(condition: () => boolean, what: string): Promise<void> {
  for (const deadline = Date.now() + 10_000; !condition(); await sleep(20)) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; log: ${lines.join('')}`);
  }
}

describe('the serving tag of a proxy without a watchdog', () => {
  it('is put once the proxy serves, with no leader to wait for, and only once', async () => {
    const tag = JoinedTag.whenServing('pgtopo:serving', log());
    await sleep(200);
    expect(world.ec2.instances.in(REGION)[0]!.Tags?.some((candidate) => candidate.Key === 'pgtopo:serving')).toBe(false);
    tag.serving();
    await until(() => world.ec2.instances.in(REGION)[0]!.Tags?.some((candidate) => candidate.Key === 'pgtopo:serving') === true, 'the serving tag');
    tag.serving();
    await sleep(200);
    expect(world.log.calls.filter((call) => call.action === 'ec2:CreateTags')).toHaveLength(1);
    expect(lines.join('')).toContain('serving, instance tagged');
    tag.stop();
  });
});

describe('the joined tag', () => {
  it('is put once the member both serves and knows a leader, and only once', async () => {
    const tag = new JoinedTag(KEY, 'proxy[0]', log());
    tag.announce('proxy[1]');
    await sleep(200);
    expect(joinedTagValue()).toBeUndefined();
    tag.serving();
    await until(() => joinedTagValue() !== undefined, 'the tag');
    expect(Date.parse(joinedTagValue()!)).toBeGreaterThan(Date.now() - 60_000);
    tag.announce('proxy[2]');
    tag.serving();
    await sleep(200);
    expect(world.log.calls.filter((call) => call.action === 'ec2:CreateTags')).toHaveLength(1);
    expect(new Set(world.log.calls.map((call) => call.action))).toEqual(new Set(JOINED_TAG_IAM_ACTIONS));
    expect(lines.join('')).toContain('"instance":"i-0self"');
    tag.stop();
  });

  it('is not put for a leader since lost: the member must know one when it serves', async () => {
    const tag = new JoinedTag(KEY, 'proxy[0]', log());
    tag.announce('proxy[1]');
    tag.announce(null);
    tag.serving();
    await sleep(200);
    expect(joinedTagValue()).toBeUndefined();
    tag.announce('proxy[2]');
    await until(() => joinedTagValue() !== undefined, 'the tag once a leader is known again');
    tag.stop();
  });

  it('a failed attempt is logged and tried again; stop ends the retries', async () => {
    process.env[VARIABLE] = 'http://127.0.0.1:1';
    const tag = new JoinedTag(KEY, 'proxy[0]', log(), 50);
    tag.serving();
    tag.announce('proxy[1]');
    await until(() => lines.some((line) => line.includes('cannot tag this instance')), 'the warning');
    expect(lines.join('')).toContain('ec2:CreateTags');
    process.env[VARIABLE] = imds.endpoint;
    await until(() => joinedTagValue() !== undefined, 'the tag after a retry');

    world.ec2.instances.in(REGION)[0]!.Tags = [];
    process.env[VARIABLE] = 'http://127.0.0.1:1';
    const stopped = new JoinedTag(KEY, 'proxy[0]', log(), 50);
    stopped.serving();
    stopped.announce('proxy[1]');
    await until(() => lines.filter((line) => line.includes('cannot tag this instance')).length >= 2, 'the second warning');
    stopped.stop();
    process.env[VARIABLE] = imds.endpoint;
    await sleep(300);
    expect(joinedTagValue()).toBeUndefined();
    tag.stop();
  });
});

describe('the watchdog service', () => {
  it('tells every member of a tier of three the leader it came to know, followers as well as the leader, and when it is lost', async () => {
    const ports = await freeUdpPorts(3);
    const members = ports.map((port, index) => ({ name: `proxy[${index}]`, host: '127.0.0.1', port }));
    const announced: (string | null)[][] = [[], [], []];
    const services = members.map((_member, self) => {
      const config = watchdogConfigFrom({ self, members, vip: { type: 'elastic-ip', allocationId: 'eipalloc-1' }, heartbeatIntervalMs: 20, deadTimeMs: 100, leaseMs: 100 })!;
      const driver = { type: 'memory', describe: () => 'memory', acquire: async () => undefined, release: async () => undefined };
      const joined = { announce: (leader: string | null) => void announced[self]!.push(leader), stop: () => undefined };
      return new WatchdogService({ config, transport: new UdpWatchdogTransport(members, self, silentLogger), driver, log: silentLogger, joined });
    });
    try {
      for (const service of services) await service.start();
      await until(() => announced.every((leaders) => leaders.length > 0), 'every member to know a leader');
      const leaders = new Set(announced.map((leaders) => leaders.at(-1)));
      expect(leaders.size).toBe(1);
      expect(members.map((member) => member.name)).toContain([...leaders][0]);
      // Alone, the last member loses its leader, and says so: a later tag must not name a leader it no longer has.
      await services[0]!.stop();
      await services[1]!.stop();
      await until(() => announced[2]!.at(-1) === null, 'the last member to lose its leader');
    } finally {
      for (const service of services) await service.stop();
    }
  });
});

describe('a proxy whose config names watchdog.joinedTag', () => {
  let proxy: ProxyServer | null = null;
  afterEach(async () => {
    await proxy?.stop();
    proxy = null;
  });

  it('tags its instance once it has started and its one-member tier elected it', async () => {
    const [heartbeatPort] = await freeUdpPorts(1);
    world.vip.enis.in(REGION).push({ eniId: SELF.eniId, primaryIp: SELF.privateIp, secondaryIps: [], sourceDestCheck: true });
    world.vip.addresses.in(REGION).push({ allocationId: 'eipalloc-1', publicIp: '203.0.113.7' });
    const config = parseProxyConfig({
      listen: { host: '127.0.0.1', port: 0 },
      backends: [{ name: 'primary', host: '127.0.0.1', port: 1, role: 'primary' }],
      users: [{ name: 'app', password: 'app' }],
      healthCheck: { periodMs: 0 },
      watchdog: {
        self: 0, members: [{ name: 'proxy[0]', host: '127.0.0.1', port: heartbeatPort }], vip: { type: 'elastic-ip', allocationId: 'eipalloc-1' },
        joinedTag: KEY, heartbeatIntervalMs: 20, deadTimeMs: 100, leaseMs: 100,
      },
    });
    proxy = await startProxy({ config, log: log() });
    await until(() => joinedTagValue() !== undefined, 'the tag');
    expect(lines.join('')).toContain('watchdog: joined, instance tagged');
  });
});
