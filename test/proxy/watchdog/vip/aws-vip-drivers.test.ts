// The four AWS VIP drivers against the tests' AWS world: each acquire idempotent and taking over from another
// instance, each release safe to repeat and leaving a newer holder alone (also when that holder took over between
// the driver's look and its change), and every failure in words that name what to fix. Last, the IAM actions the
// proxies' role is given for each method are exactly the ones its tests saw called.
import { describe, expect, it } from 'vitest';
import { AWS_VIP_IAM_ACTIONS } from '../../../../proxy/watchdog/vip/aws-vip-iam-actions.ts';
import type { RouteTableVip } from '../../../../schemas/topology.ts';
import { actions, INTERFACE, OTHER, REGION, SELF, signal, useVipFixture } from './aws-vip-fixture.ts';

const fixture = useVipFixture();
const EIP = { type: 'elastic-ip', allocationId: 'eipalloc-1', address: '203.0.113.7' } as const;

describe('elastic-ip', () => {
  const seed = () => fixture.world().vip.addresses.in(REGION).push({ allocationId: EIP.allocationId, publicIp: EIP.address });
  const association = () => fixture.world().vip.addresses.in(REGION)[0]!.association;

  it('takes the address over from another instance, onto the primary ENI and IP, and a second acquire changes nothing', async () => {
    seed();
    fixture.world().vip.associate(REGION, EIP.allocationId, OTHER.eniId, OTHER.privateIp);
    const { driver } = await fixture.open(EIP);
    await driver.acquire(signal());
    expect(association()).toMatchObject({ eniId: SELF.eniId, privateIp: SELF.privateIp });
    const id = association()!.id;
    await driver.acquire(signal());
    expect(association()!.id).toBe(id);
    expect(actions(fixture.world()).filter((action) => action === 'ec2:AssociateAddress')).toHaveLength(1);
    expect(fixture.world().log.calls.find((call) => call.action === 'ec2:AssociateAddress')!.input).toMatchObject({ AllowReassociation: true });
  });

  it('releases only its own association, and a repeated release is a no-op', async () => {
    seed();
    const { driver } = await fixture.open(EIP);
    await driver.acquire(signal());
    await driver.release(signal());
    expect(association()).toBeUndefined();
    await driver.release(signal());
    fixture.world().vip.associate(REGION, EIP.allocationId, OTHER.eniId, OTHER.privateIp);
    await driver.release(signal());
    expect(association()).toMatchObject({ eniId: OTHER.eniId });
    expect(actions(fixture.world()).filter((action) => action === 'ec2:DisassociateAddress')).toHaveLength(1);
  });

  it('leaves the new holder alone when it reassociated between the look and the disassociate', async () => {
    seed();
    const { driver } = await fixture.open(EIP);
    await driver.acquire(signal());
    fixture.world().vip.afterNext.set('ec2:DescribeAddresses', () => fixture.world().vip.associate(REGION, EIP.allocationId, OTHER.eniId, OTHER.privateIp));
    await driver.release(signal());
    expect(association()).toMatchObject({ eniId: OTHER.eniId, privateIp: OTHER.privateIp });
    expect(actions(fixture.world())).toContain('ec2:DisassociateAddress');
  });

  it('names the IAM action the instance role lacks, and a missing allocation', async () => {
    seed();
    fixture.world().log.failures.push({ action: 'ec2:AssociateAddress', error: 'UnauthorizedOperation' });
    const { driver } = await fixture.open(EIP);
    await expect(driver.acquire(signal())).rejects.toThrow(/ec2:AssociateAddress was denied in eu-west-1; grant "ec2:AssociateAddress" to the proxies' instance role/);
    const missing = await fixture.open({ ...EIP, allocationId: 'eipalloc-nope' });
    await expect(missing.driver.acquire(signal())).rejects.toThrow(/Elastic IP eipalloc-nope: there is no such allocation in eu-west-1/);
  });

  it('says so when throttling outlasts the retries', async () => {
    seed();
    fixture.world().log.failures.push({ action: 'ec2:DescribeAddresses', error: 'RequestLimitExceeded' });
    const { driver } = await fixture.open(EIP);
    await expect(driver.acquire(signal())).rejects.toThrow(/AWS kept throttling ec2:DescribeAddresses in eu-west-1 after retrying/);
  });
});

describe('secondary-ip', () => {
  const VIP = { type: 'secondary-ip', address: '10.0.1.50' } as const;
  const eni = (id: string) => fixture.world().vip.eni(REGION, id);

  it('reassigns the IP from another ENI, puts it on the local interface, and acquires again without AWS changes', async () => {
    eni(OTHER.eniId).secondaryIps.push(VIP.address);
    const { driver } = await fixture.open(VIP);
    await driver.acquire(signal());
    expect(eni(SELF.eniId).secondaryIps).toEqual([VIP.address]);
    expect(eni(OTHER.eniId).secondaryIps).toEqual([]);
    expect([...fixture.ip().addresses]).toEqual(['10.0.1.50/32']);
    await driver.acquire(signal());
    expect(actions(fixture.world()).filter((action) => action === 'ec2:AssignPrivateIpAddresses')).toHaveLength(1);
    expect(fixture.ip().commands).toEqual([`ip addr replace 10.0.1.50/32 dev ${INTERFACE}`, `ip addr replace 10.0.1.50/32 dev ${INTERFACE}`]);
  });

  it('releases the local address and its own assignment, repeatably, and not a newer holder\'s', async () => {
    const { driver } = await fixture.open(VIP);
    await driver.acquire(signal());
    await driver.release(signal());
    expect(eni(SELF.eniId).secondaryIps).toEqual([]);
    expect(fixture.ip().addresses.size).toBe(0);
    await driver.release(signal());
    eni(OTHER.eniId).secondaryIps.push(VIP.address);
    await driver.release(signal());
    expect(eni(OTHER.eniId).secondaryIps).toEqual([VIP.address]);
    expect(actions(fixture.world()).filter((action) => action === 'ec2:UnassignPrivateIpAddresses')).toHaveLength(1);
  });

  it('survives losing the IP to another ENI between the look and the unassign', async () => {
    const { driver } = await fixture.open(VIP);
    await driver.acquire(signal());
    fixture.world().vip.afterNext.set('ec2:DescribeNetworkInterfaces', () => {
      eni(SELF.eniId).secondaryIps = [];
      eni(OTHER.eniId).secondaryIps.push(VIP.address);
    });
    await driver.release(signal());
    expect(eni(OTHER.eniId).secondaryIps).toEqual([VIP.address]);
    expect(actions(fixture.world())).toContain('ec2:UnassignPrivateIpAddresses');
  });

  it('reports an `ip` failure with what `ip` said', async () => {
    const { driver } = await fixture.open(VIP);
    fixture.ip().run = async () => {
      throw Object.assign(new Error('exit 2'), { stderr: 'RTNETLINK answers: Operation not permitted' });
    };
    await expect(driver.acquire(signal())).rejects.toThrow(/ip addr replace 10.0.1.50\/32 dev ens5 failed: RTNETLINK answers: Operation not permitted \(.*CAP_NET_ADMIN/);
  });
});

describe('route-table', () => {
  const VIP: RouteTableVip = { type: 'route-table', address: '172.31.255.10', routeTables: ['rtb-a', 'rtb-b'] };
  const routes = (id: string) => fixture.world().vip.routeTables.in(REGION).find((table) => table.id === id)!.routes;
  const seed = () => fixture.world().vip.routeTables.in(REGION).push(
    { id: 'rtb-a', routes: new Map([['172.31.255.10/32', OTHER.eniId]]) },
    { id: 'rtb-b', routes: new Map() },
  );

  it('replaces an existing route and creates a missing one, with the check off and the address up, idempotently', async () => {
    seed();
    const { driver } = await fixture.open(VIP);
    for (let round = 0; round < 2; round += 1) {
      await driver.acquire(signal());
      expect(routes('rtb-a').get('172.31.255.10/32')).toBe(SELF.eniId);
      expect(routes('rtb-b').get('172.31.255.10/32')).toBe(SELF.eniId);
      expect(fixture.world().vip.eni(REGION, SELF.eniId).sourceDestCheck).toBe(false);
      expect([...fixture.ip().addresses]).toEqual(['172.31.255.10/32']);
    }
    expect(actions(fixture.world()).filter((action) => action === 'ec2:ReplaceRoute')).toHaveLength(3);
  });

  it('names a missing route table and still moves the routes of the others', async () => {
    seed();
    const { driver } = await fixture.open({ ...VIP, routeTables: ['rtb-gone', 'rtb-a'] });
    await expect(driver.acquire(signal())).rejects.toThrow(/in rtb-gone at eni-self: there is no route table rtb-gone in eu-west-1/);
    expect(routes('rtb-a').get('172.31.255.10/32')).toBe(SELF.eniId);
  });

  it('releases the local address only, repeatably: the next leader moves the routes', async () => {
    seed();
    const { driver } = await fixture.open(VIP);
    await driver.acquire(signal());
    const calls = fixture.world().log.calls.length;
    await driver.release(signal());
    await driver.release(signal());
    expect(fixture.ip().addresses.size).toBe(0);
    expect(fixture.world().log.calls.length).toBe(calls);
    expect(routes('rtb-a').get('172.31.255.10/32')).toBe(SELF.eniId);
  });

  it('names the action when the role may not change routes', async () => {
    seed();
    fixture.world().log.failures.push({ action: 'ec2:ReplaceRoute', error: 'UnauthorizedOperation' });
    const { driver } = await fixture.open(VIP);
    await expect(driver.acquire(signal())).rejects.toThrow(/grant "ec2:ReplaceRoute" to the proxies' instance role/);
  });
});

describe('dns', () => {
  const VIP = { type: 'dns', hostedZoneId: 'Z123', recordName: 'db.internal.example.com', ttl: 30 } as const;

  it('UPSERTs the A record with the declared TTL, returns once the change is INSYNC, and releases nothing', async () => {
    fixture.world().vip.zones.add('Z123');
    fixture.world().vip.pollsUntilInSync = 2;
    const { driver } = await fixture.open(VIP);
    await driver.acquire(signal());
    expect(fixture.world().vip.records).toEqual([{ zone: 'Z123', name: VIP.recordName, ttl: 30, values: [SELF.privateIp] }]);
    expect(actions(fixture.world()).filter((action) => action === 'route53:GetChange')).toHaveLength(3);
    await driver.acquire(signal());
    expect(fixture.world().vip.records).toHaveLength(1);
    const calls = fixture.world().log.calls.length;
    await driver.release(signal());
    expect(fixture.world().log.calls.length).toBe(calls);
  });

  it('gives up on a change that never turns INSYNC within its polls', async () => {
    fixture.world().vip.zones.add('Z123');
    fixture.world().vip.pollsUntilInSync = 1000;
    const { driver } = await fixture.open(VIP);
    await expect(driver.acquire(signal())).rejects.toThrow(/Route 53 change \/change\/C\d+ is still PENDING after 0 s/);
    expect(actions(fixture.world()).filter((action) => action === 'route53:GetChange')).toHaveLength(3);
  });

  it('names a missing hosted zone and a denied change', async () => {
    const { driver } = await fixture.open({ ...VIP, hostedZoneId: 'Zgone' });
    await expect(driver.acquire(signal())).rejects.toThrow(/route53:ChangeResourceRecordSets failed in eu-west-1: NoSuchHostedZone: No hosted zone found with ID: Zgone/);
    fixture.world().vip.zones.add('Z123');
    fixture.world().log.failures.push({ action: 'route53:ChangeResourceRecordSets', error: 'AccessDenied' });
    await expect((await fixture.open(VIP)).driver.acquire(signal())).rejects.toThrow(/grant "route53:ChangeResourceRecordSets"/);
  });
});

describe('the IAM actions of each method (the proxies\' instance-role policy)', () => {
  it.each(Object.keys(AWS_VIP_IAM_ACTIONS) as (keyof typeof AWS_VIP_IAM_ACTIONS)[])('%s: every call is listed, every listed action is called', (type) => {
    expect([...fixture.called.get(type) ?? []].sort()).toEqual([...AWS_VIP_IAM_ACTIONS[type]].sort());
  });
});
