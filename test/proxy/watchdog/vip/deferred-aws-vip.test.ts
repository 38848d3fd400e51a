// The builtin proxy's watchdog gets its AWS VIP driver from vipDriverFor when it starts, off the instance's identity
// it cannot know yet: the driver opens itself (IMDSv2, SDK clients) at its first use, and an opening that failed
// (IMDS not answering yet) is tried again at the next use instead of leaving the leader without a VIP for good.
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { vipDriverFor } from '../../../../proxy/watchdog/vip/vip-driver-for.ts';
import { installAwsWorld, type AwsWorld } from '../../../providers/aws/world/aws-world.ts';
import { FakeImds } from '../../../support/fake-imds.ts';
import { REGION, SELF } from './aws-vip-fixture.ts';

const VARIABLE = 'AWS_EC2_METADATA_SERVICE_ENDPOINT';
const EIP = { type: 'elastic-ip', allocationId: 'eipalloc-1', address: '203.0.113.7' } as const;
let imds: FakeImds;
let world: AwsWorld;

beforeAll(async () => {
  imds = await FakeImds.start(SELF);
});
afterAll(() => imds.stop());
beforeEach(() => {
  world = installAwsWorld();
  world.vip.enis.in(REGION).push({ eniId: SELF.eniId, primaryIp: SELF.privateIp, secondaryIps: [], sourceDestCheck: true });
  world.vip.addresses.in(REGION).push({ allocationId: EIP.allocationId, publicIp: EIP.address });
});
afterEach(() => {
  delete process.env[VARIABLE];
  world.restore();
});

it('an AWS VIP from the proxy config opens at its first acquire, and again after an opening that failed', async () => {
  const driver = vipDriverFor(EIP);
  expect(driver.type).toBe('elastic-ip');
  expect(driver.describe()).toBe('Elastic IP eipalloc-1');
  process.env[VARIABLE] = 'http://127.0.0.1:1';
  await expect(driver.acquire(AbortSignal.timeout(10_000))).rejects.toThrow();
  expect(world.vip.addresses.in(REGION)[0]!.association).toBeUndefined();
  process.env[VARIABLE] = imds.endpoint;
  await driver.acquire(AbortSignal.timeout(10_000));
  expect(world.vip.addresses.in(REGION)[0]!.association).toMatchObject({ eniId: SELF.eniId, privateIp: SELF.privateIp });
  await driver.release(AbortSignal.timeout(10_000));
  expect(world.vip.addresses.in(REGION)[0]!.association).toBeUndefined();
});
