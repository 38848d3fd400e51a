// `secondary-ip`: the leader assigns the VIP as a secondary private IP of its primary ENI, taking it from the
// previous holder's ENI in the same call (AllowReassignment), then puts it on the matching local interface so the
// kernel accepts its packets. Release drops the local address first (stop answering), then unassigns the IP only
// if AWS still has it on this ENI: a member that took it over in between keeps it.
import {
  AssignPrivateIpAddressesCommand, DescribeNetworkInterfacesCommand, UnassignPrivateIpAddressesCommand,
} from '@aws-sdk/client-ec2';
import type { SecondaryIpVip } from '../../../schemas/topology.ts';
import { AwsVipDriverBase, type AwsLocalVipContext } from './aws-vip-context.ts';
import { awsNameOf, vipAwsCall } from './vip-aws-call.ts';
import type { VipDriver } from './vip-driver.ts';

export class SecondaryIpDriver extends AwsVipDriverBase<SecondaryIpVip, AwsLocalVipContext> implements VipDriver {
  readonly type = 'secondary-ip';

  describe(): string {
    return `secondary IP ${this.vip.address} of ${this.context.identity.eniId} (${this.context.local.describe()})`;
  }

  async acquire(signal: AbortSignal): Promise<void> {
    const { identity, clients } = this.context;
    if (!(await this.#assignedHere(signal))) {
      await vipAwsCall('ec2:AssignPrivateIpAddresses', clients.region, `moving ${this.describe()}`, () => clients.ec2.send(new AssignPrivateIpAddressesCommand({
        NetworkInterfaceId: identity.eniId, PrivateIpAddresses: [this.vip.address], AllowReassignment: true,
      }), { abortSignal: signal }));
    }
    await this.context.local.add(signal);
  }

  async release(signal: AbortSignal): Promise<void> {
    await this.context.local.remove(signal);
    if (!(await this.#assignedHere(signal))) return;
    const { identity, clients } = this.context;
    try {
      await vipAwsCall('ec2:UnassignPrivateIpAddresses', clients.region, `releasing ${this.describe()}`, () => clients.ec2.send(
        new UnassignPrivateIpAddressesCommand({ NetworkInterfaceId: identity.eniId, PrivateIpAddresses: [this.vip.address] }), { abortSignal: signal }));
    } catch (error) {
      // Reassigned to the next leader since we looked: AWS says the address is not on this interface any more.
      if (awsNameOf(error) !== 'InvalidParameterValue') throw error;
    }
  }

  async #assignedHere(signal: AbortSignal): Promise<boolean> {
    const { identity, clients } = this.context;
    const answer = await vipAwsCall('ec2:DescribeNetworkInterfaces', clients.region, `looking up ${identity.eniId}`,
      () => clients.ec2.send(new DescribeNetworkInterfacesCommand({ NetworkInterfaceIds: [identity.eniId] }), { abortSignal: signal }));
    const addresses = answer.NetworkInterfaces?.[0]?.PrivateIpAddresses ?? [];
    return addresses.some((address) => address.PrivateIpAddress === this.vip.address && !address.Primary);
  }
}
