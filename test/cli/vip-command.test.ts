// `pgtopo vip acquire|release` as Pgpool-II's watchdog runs it: in this process against the tests' AWS world and a
// fake IMDS, moving an Elastic IP over from another instance and back off again; a flag missing for the method,
// or a method that is not an AWS one, is an error naming it, without a stack.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { installAwsWorld, type AwsWorld } from '../providers/aws/world/aws-world.ts';
import { runCliCaptured } from '../providers/aws/run-cli-captured.ts';
import { FakeImds } from '../support/fake-imds.ts';

const SELF = { instanceId: 'i-0self', region: 'eu-west-1', mac: '0e:00:00:00:00:01', eniId: 'eni-self', privateIp: '10.0.1.10' };
let imds: FakeImds;
let world: AwsWorld;
const saved = process.env.AWS_EC2_METADATA_SERVICE_ENDPOINT;

beforeAll(async () => {
  imds = await FakeImds.start(SELF);
  process.env.AWS_EC2_METADATA_SERVICE_ENDPOINT = imds.endpoint;
});
afterAll(async () => {
  if (saved === undefined) delete process.env.AWS_EC2_METADATA_SERVICE_ENDPOINT;
  else process.env.AWS_EC2_METADATA_SERVICE_ENDPOINT = saved;
  await imds.stop();
});
beforeEach(() => {
  world = installAwsWorld();
  world.vip.enis.in('eu-west-1').push(
    { eniId: 'eni-self', primaryIp: SELF.privateIp, secondaryIps: [], sourceDestCheck: true },
    { eniId: 'eni-other', primaryIp: '10.0.1.11', secondaryIps: [], sourceDestCheck: true },
  );
  world.vip.addresses.in('eu-west-1').push({ allocationId: 'eipalloc-1', publicIp: '203.0.113.7' });
  world.vip.associate('eu-west-1', 'eipalloc-1', 'eni-other', '10.0.1.11');
});
afterEach(() => world.restore());

describe('pgtopo vip', () => {
  it('acquires an Elastic IP from another instance and releases it, twice each', async () => {
    for (let round = 0; round < 2; round += 1) {
      const acquired = await runCliCaptured(['vip', 'acquire', '--type', 'elastic-ip', '--allocation-id', 'eipalloc-1']);
      expect(acquired, acquired.stderr).toMatchObject({ code: 0, stdout: 'holding: Elastic IP eipalloc-1 on eni-self\n' });
      expect(world.vip.addresses.in('eu-west-1')[0]!.association).toMatchObject({ eniId: 'eni-self', privateIp: SELF.privateIp });
    }
    for (let round = 0; round < 2; round += 1) {
      const released = await runCliCaptured(['vip', 'release', '--type', 'elastic-ip', '--allocation-id', 'eipalloc-1']);
      expect(released, released.stderr).toMatchObject({ code: 0 });
      expect(world.vip.addresses.in('eu-west-1')[0]!.association).toBeUndefined();
    }
  });

  it('names the missing flag and refuses the non-AWS method, without a stack', async () => {
    const missing = await runCliCaptured(['vip', 'acquire', '--type', 'route-table', '--address', '172.31.255.10']);
    expect(missing).toMatchObject({ code: 1, stderr: 'Error: --type route-table needs --route-table\n' });
    const ip = await runCliCaptured(['vip', 'acquire', '--type', 'ip']);
    expect(ip.code).toBe(1);
    expect(ip.stderr).toMatch(/^Error: --type ip: expected one of elastic-ip, secondary-ip, route-table, dns/);
    expect(ip.stderr).not.toMatch(/\n\s+at /);
  });

  it('reports a denied call with the IAM action to grant', async () => {
    world.log.failures.push({ action: 'ec2:AssociateAddress', error: 'UnauthorizedOperation' });
    const denied = await runCliCaptured(['vip', 'acquire', '--type', 'elastic-ip', '--allocation-id', 'eipalloc-1']);
    expect(denied.code).toBe(1);
    expect(denied.stderr).toMatch(/grant "ec2:AssociateAddress" to the proxies' instance role/);
  });
});
