// Members that share a host (every local tier) share its VIP address: a member restarting must not release what
// it finds there at start, which is the live leader's. Three members over real UDP on loopback, one VIP on the
// "host" they share; a follower restarted five times in a row, and the VIP stays with the leader every time.
import { setTimeout as sleep } from 'node:timers/promises';
import { expect, it } from 'vitest';
import { silentLogger } from '../../../proxy/log.ts';
import { watchdogConfigFrom } from '../../../proxy/watchdog/watchdog-config.ts';
import { WatchdogService } from '../../../proxy/watchdog/watchdog-service.ts';
import { UdpWatchdogTransport } from '../../../proxy/watchdog/watchdog-transport.ts';
import type { VipDriver } from '../../../proxy/watchdog/vip/vip-driver.ts';
import { freeUdpPorts } from '../../support/free-udp-ports.ts';

const ROUNDS = 5;

it(`a follower restarted ${ROUNDS} times on the leader's host never takes the VIP from it`, async () => {
  const ports = await freeUdpPorts(3);
  const members = ports.map((port, index) => ({ name: `proxy[${index}]`, host: '127.0.0.1', port }));
  const host = { vip: false };
  const driver: VipDriver = {
    type: 'memory', describe: () => 'the host\'s VIP',
    acquire: async () => void (host.vip = true), release: async () => void (host.vip = false),
  };
  const start = async (self: number): Promise<WatchdogService> => {
    const config = watchdogConfigFrom({ self, members, vip: { type: 'elastic-ip', allocationId: 'eipalloc-1' }, heartbeatIntervalMs: 20, deadTimeMs: 100, leaseMs: 100 })!;
    const service = new WatchdogService({ config, transport: new UdpWatchdogTransport(members, self, silentLogger), driver, log: silentLogger });
    await service.start();
    return service;
  };
  const services = await Promise.all(members.map((_member, self) => start(self)));
  try {
    for (const deadline = Date.now() + 10_000; !host.vip; await sleep(20)) {
      if (Date.now() > deadline) throw new Error('no member acquired the VIP');
    }
    const leader = services.findIndex((service) => service.status().role === 'leader');
    const follower = (leader + 1) % members.length;
    for (let round = 0; round < ROUNDS; round++) {
      await services[follower]!.stop();
      services[follower] = await start(follower);
      await sleep(200);
      expect(host.vip, `round ${round}`).toBe(true);
      expect(services[leader]!.status().role, `round ${round}`).toBe('leader');
    }
  } finally {
    for (const service of services) await service.stop();
  }
});
