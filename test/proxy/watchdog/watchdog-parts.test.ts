// The watchdog's smaller parts: untrusted datagrams, the VIP holder driving a driver (an in-memory one that can
// fail, hang or be slow), and the failover coordinator's rule.
import { describe, expect, it } from 'vitest';
import { WatchdogFailoverCoordinator } from '../../../proxy/failover/watchdog-failover-coordinator.ts';
import { silentLogger } from '../../../proxy/log.ts';
import { VipHolder } from '../../../proxy/watchdog/vip-holder.ts';
import type { VipDriver } from '../../../proxy/watchdog/vip/vip-driver.ts';
import { parseWatchdogMessage } from '../../../proxy/watchdog/watchdog-message.ts';
import { describeProblem, parseProxyConfig, ProxyConfigError, proxyConfigProblems } from '../../../proxy/proxy-config.ts';
import type { WatchdogStatus } from '../../../proxy/watchdog/watchdog-service.ts';

const HEARTBEAT = { kind: 'heartbeat', from: 1, term: 3, role: 'leader', leader: 1, sentAt: 12.5, holdsVip: true, ack: null };

describe('watchdog datagrams', () => {
  it('accepts a well-formed message from another member', () => {
    expect(parseWatchdogMessage(JSON.stringify(HEARTBEAT), 3, 0)).toEqual(HEARTBEAT);
    expect(parseWatchdogMessage(JSON.stringify({ kind: 'vote', from: 2, term: 1, granted: true, requestSentAt: 4 }), 3, 0)).toMatchObject({ kind: 'vote' });
  });

  it.each([
    ['not JSON', '{'],
    ['not an object', '7'],
    ['from this member', JSON.stringify({ ...HEARTBEAT, from: 0 })],
    ['from no member', JSON.stringify({ ...HEARTBEAT, from: 3 })],
    ['a negative term', JSON.stringify({ ...HEARTBEAT, term: -1 })],
    ['an unknown role', JSON.stringify({ ...HEARTBEAT, role: 'king' })],
    ['a leader that is no member', JSON.stringify({ ...HEARTBEAT, leader: 9 })],
    ['a malformed ack', JSON.stringify({ ...HEARTBEAT, ack: { term: 'x' } })],
    ['an unknown kind', JSON.stringify({ ...HEARTBEAT, kind: 'gossip' })],
    ['a vote without its request time', JSON.stringify({ kind: 'vote', from: 2, term: 1, granted: true })],
  ])('drops %s', (_why, text) => {
    expect(parseWatchdogMessage(text, 3, 0)).toBeNull();
  });
});

/** A driver whose address is a flag; `failNext` makes the next call fail, `hang` makes acquire wait for its abort. */
class FakeDriver implements VipDriver {
  readonly type = 'fake';
  held = false;
  calls: string[] = [];
  failNext = false;
  hang = false;

  describe(): string {
    return 'fake';
  }

  async acquire(signal: AbortSignal): Promise<void> {
    this.calls.push('acquire');
    this.held = true;
    if (this.hang) await new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(new Error('aborted'))));
    this.#maybeFail();
  }

  async release(): Promise<void> {
    this.calls.push('release');
    this.#maybeFail();
    this.held = false;
  }

  #maybeFail(): void {
    if (!this.failNext) return;
    this.failNext = false;
    throw new Error('driver failed');
  }
}

async function settled(holder: VipHolder): Promise<void> {
  for (let i = 0; i < 20 && (holder.state === 'acquiring' || holder.state === 'releasing'); i++) await new Promise((resolve) => setTimeout(resolve, 1));
}

describe('VIP holder', () => {
  it('acquires when wanted and releases when not, counting each move', async () => {
    const driver = new FakeDriver();
    const moves = { acquired: 0, released: 0 };
    const holder = new VipHolder(driver, 1000, silentLogger, { acquired: () => moves.acquired++, released: () => moves.released++ });
    holder.want(true);
    holder.want(true);
    await settled(holder);
    expect([holder.state, driver.held]).toEqual(['held', true]);
    holder.want(false);
    await settled(holder);
    expect([holder.state, driver.held, moves]).toEqual(['released', false, { acquired: 1, released: 1 }]);
    expect(driver.calls).toEqual(['acquire', 'release']);
  });

  it('releases at the start, in case an earlier process of the member left the VIP behind', async () => {
    const driver = new FakeDriver();
    driver.held = true;
    const holder = new VipHolder(driver, 1000, silentLogger, { acquired: () => undefined, released: () => undefined });
    holder.want(false);
    await settled(holder);
    expect([holder.state, driver.held]).toEqual(['released', false]);
  });

  it('leaves a VIP it finds at the start alone when other members share the host: it may be the live leader\'s', async () => {
    const driver = new FakeDriver();
    driver.held = true;
    const holder = new VipHolder(driver, 1000, silentLogger, { acquired: () => undefined, released: () => undefined }, true);
    holder.want(false);
    await holder.releaseNow();
    expect([holder.state, driver.held, driver.calls]).toEqual(['released', true, []]);
  });

  it('releases what a failed acquire may have left once no longer wanted, and retries a failed release', async () => {
    const driver = new FakeDriver();
    const holder = new VipHolder(driver, 1000, silentLogger, { acquired: () => undefined, released: () => undefined });
    driver.failNext = true;
    holder.want(true);
    await settled(holder);
    expect(holder.holds).toBe(false);
    driver.failNext = true;
    holder.want(false);
    await settled(holder);
    expect(driver.held).toBe(true);
    holder.want(false);
    await settled(holder);
    expect([holder.state, driver.held]).toEqual(['released', false]);
  });

  it('cuts a hanging acquire short when the member stops being in charge, and releases', async () => {
    const driver = new FakeDriver();
    driver.hang = true;
    const holder = new VipHolder(driver, 1000, silentLogger, { acquired: () => undefined, released: () => undefined });
    holder.want(true);
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(holder.state).toBe('acquiring');
    await holder.releaseNow();
    expect([holder.state, driver.held, driver.calls]).toEqual(['released', false, ['acquire', 'release']]);
  });
});

describe('watchdog config', () => {
  const document = (watchdog: Record<string, unknown>): unknown => ({
    listen: { port: 6432 }, backends: [{ name: 'pg0', host: '127.0.0.1', port: 5432 }], users: [{ name: 'app' }],
    watchdog: {
      self: 0, members: [{ name: 'a', host: '10.0.0.1', port: 9694 }, { name: 'b', host: '10.0.0.2', port: 9694 }],
      vip: { type: 'ip', address: '10.0.0.100' }, ...watchdog,
    },
  });

  it('accepts a tier of members with a VIP', () => {
    expect(proxyConfigProblems(document({}))).toEqual([]);
  });

  it.each([
    [{ self: 2 }, 'watchdog.self: 2 is not an index of the 2 members'],
    [{ members: [{ name: 'a', host: '10.0.0.1', port: 1 }, { name: 'a', host: '10.0.0.2', port: 1 }] }, 'distinct name'],
    [{ members: [{ name: 'a', host: '10.0.0.1', port: 1 }, { name: 'b', host: '10.0.0.1', port: 1 }] }, 'its own host and port'],
    [{ heartbeatIntervalMs: 1000, leaseMs: 1000 }, 'watchdog.leaseMs: must be more than heartbeatIntervalMs'],
    [{ heartbeatIntervalMs: 1000, deadTimeMs: 500 }, 'watchdog.deadTimeMs: must be more than heartbeatIntervalMs'],
    [{ vip: { type: 'ip', address: '10.0.0.999' } }, 'watchdog.vip'],
  ])('refuses %j', (watchdog, message) => {
    expect(proxyConfigProblems(document(watchdog)).map(describeProblem).join('\n')).toContain(message);
  });

  it('resolves the key like a password (env, file, ssm), and refuses an empty one', () => {
    process.env.PGTOPO_TEST_WD_KEY = 'k3y';
    const ssm = new Map([['/pgtopo/t/c/watchdog-key', 'from-ssm']]);
    expect(parseProxyConfig(document({ authKey: { env: 'PGTOPO_TEST_WD_KEY' }, stateDir: '/var/lib/pgtopo' })).watchdog)
      .toMatchObject({ authKey: 'k3y', stateDir: '/var/lib/pgtopo' });
    expect(parseProxyConfig(document({ authKey: { ssm: '/pgtopo/t/c/watchdog-key' } }), ssm).watchdog?.authKey).toBe('from-ssm');
    expect(parseProxyConfig(document({})).watchdog).toMatchObject({ authKey: null, stateDir: null });
    process.env.PGTOPO_TEST_WD_KEY = '';
    expect(() => parseProxyConfig(document({ authKey: { env: 'PGTOPO_TEST_WD_KEY' } }))).toThrow(ProxyConfigError);
    delete process.env.PGTOPO_TEST_WD_KEY;
  });
});

function status(overrides: Partial<WatchdogStatus>): WatchdogStatus {
  return { self: 'proxy[0]', term: 4, role: 'follower', leader: null, inCharge: false, alive: 1, quorum: 2, members: [], vip: 'fake', ...overrides };
}

describe('watchdog failover coordinator', () => {
  it('lets only the member in charge promote, and says who does', () => {
    const leading = new WatchdogFailoverCoordinator({ inCharge: () => true, status: () => status({ role: 'leader', leader: 'proxy[0]', inCharge: true }) });
    expect(leading.mayPromote()).toBe(true);
    expect(leading.describe()).toMatch(/proxy\[0\] leads the watchdog \(term 4\)/);
    const following = new WatchdogFailoverCoordinator({ inCharge: () => false, status: () => status({ leader: 'proxy[2]' }) });
    expect(following.mayPromote()).toBe(false);
    expect(following.describe()).toMatch(/follows proxy\[2\]/);
    const alone = new WatchdogFailoverCoordinator({ inCharge: () => false, status: () => status({}) });
    expect(alone.describe()).toMatch(/nobody promotes/);
  });
});
