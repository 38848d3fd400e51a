// One proxy instance on the tests' AWS world: a fake IMDS says who it is, a fake `ip` keeps its interface's
// addresses, and a second instance's ENI is there to lose and win the VIP against.
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { openAwsVipDriver, type AwsVip, type OpenedVipDriver } from '../../../../proxy/watchdog/vip/aws-vip-driver.ts';
import { InstanceMetadata } from '../../../../proxy/watchdog/vip/instance-identity.ts';
import type { CommandRunner } from '../../../../proxy/watchdog/vip/local-address.ts';
import { installAwsWorld, type AwsWorld } from '../../../providers/aws/world/aws-world.ts';
import { FakeImds } from '../../../support/fake-imds.ts';

export const REGION = 'eu-west-1';
export const SELF = { instanceId: 'i-0self', region: REGION, mac: '0e:00:00:00:00:01', eniId: 'eni-self', privateIp: '10.0.1.10' };
export const OTHER = { eniId: 'eni-other', privateIp: '10.0.1.11' };
export const INTERFACE = 'ens5';

/** `ip addr replace|del` on one interface, remembered; deleting an absent address fails as the kernel does. */
export class FakeIp {
  readonly addresses = new Set<string>();
  readonly commands: string[] = [];

  run: CommandRunner = async (file, args) => {
    this.commands.push([file, ...args].join(' '));
    const [, verb, cidr, , device] = args;
    if (device !== INTERFACE) throw Object.assign(new Error('exit 1'), { stderr: `Cannot find device "${device}"` });
    if (verb === 'replace') this.addresses.add(cidr!);
    else if (this.addresses.has(cidr!)) this.addresses.delete(cidr!);
    else throw Object.assign(new Error('exit 2'), { stderr: 'RTNETLINK answers: Cannot assign requested address' });
  };
}

export interface VipFixture {
  /** The IAM actions called by each VIP method's tests so far (a test opens drivers of one method only). */
  called: Map<AwsVip['type'], Set<string>>;
  world(): AwsWorld;
  ip(): FakeIp;
  open(vip: AwsVip): Promise<OpenedVipDriver>;
}

export function useVipFixture(): VipFixture {
  let imds: FakeImds;
  let world: AwsWorld;
  let ip: FakeIp;
  const opened: OpenedVipDriver[] = [];
  const types = new Set<AwsVip['type']>();
  const called = new Map<AwsVip['type'], Set<string>>();
  beforeAll(async () => {
    imds = await FakeImds.start(SELF);
  });
  afterAll(() => imds.stop());
  beforeEach(() => {
    world = installAwsWorld();
    ip = new FakeIp();
    world.vip.enis.in(REGION).push(
      { eniId: SELF.eniId, primaryIp: SELF.privateIp, secondaryIps: [], sourceDestCheck: true },
      { eniId: OTHER.eniId, primaryIp: OTHER.privateIp, secondaryIps: [], sourceDestCheck: false },
    );
  });
  afterEach(() => {
    for (const type of types) for (const action of actions(world)) called.set(type, (called.get(type) ?? new Set()).add(action));
    types.clear();
    for (const driver of opened.splice(0)) driver.close();
    world.restore();
  });
  return {
    called,
    world: () => world,
    ip: () => ip,
    open: async (vip) => {
      types.add(vip.type);
      const driver = await openAwsVipDriver(vip, AbortSignal.timeout(10_000), {
        metadata: new InstanceMetadata({ endpoint: imds.endpoint }), run: (file, args, abort) => ip.run(file, args, abort), interfaceOf: () => INTERFACE, insyncPollDelaysMs: [0, 0, 0],
      });
      opened.push(driver);
      return driver;
    },
  };
}

/** The IAM actions the world received, in order. */
export function actions(world: AwsWorld): string[] {
  return world.log.calls.map((call) => call.action);
}

export const signal = (): AbortSignal => AbortSignal.timeout(10_000);
