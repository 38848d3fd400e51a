// `elastic-ip`: the leader associates the Elastic IP with its primary ENI and primary private IP, taking it over
// from the previous holder in the same call (AllowReassociation). Release looks first and disassociates only an
// association that is still this instance's, by its association id: if another member took the address over in
// between, that id no longer exists and the new holder's association is left alone.
import { AssociateAddressCommand, DescribeAddressesCommand, DisassociateAddressCommand, type Address } from '@aws-sdk/client-ec2';
import type { ElasticIpVip } from '../../../schemas/topology.ts';
import { AwsVipDriverBase } from './aws-vip-context.ts';
import { awsNameOf, vipAwsCall } from './vip-aws-call.ts';
import type { VipDriver } from './vip-driver.ts';

export class ElasticIpDriver extends AwsVipDriverBase<ElasticIpVip> implements VipDriver {
  readonly type = 'elastic-ip';

  describe(): string {
    return `Elastic IP ${this.vip.address ?? this.vip.allocationId} on ${this.context.identity.eniId}`;
  }

  async acquire(signal: AbortSignal): Promise<void> {
    if (this.#isOurs(await this.#address(signal))) return;
    const { identity, clients } = this.context;
    await vipAwsCall('ec2:AssociateAddress', clients.region, `moving ${this.describe()}`, () => clients.ec2.send(new AssociateAddressCommand({
      AllocationId: this.vip.allocationId, NetworkInterfaceId: identity.eniId, PrivateIpAddress: identity.privateIp, AllowReassociation: true,
    }), { abortSignal: signal }));
  }

  async release(signal: AbortSignal): Promise<void> {
    const address = await this.#address(signal);
    if (!address.AssociationId || address.NetworkInterfaceId !== this.context.identity.eniId) return;
    const { clients } = this.context;
    try {
      await vipAwsCall('ec2:DisassociateAddress', clients.region, `releasing ${this.describe()}`,
        () => clients.ec2.send(new DisassociateAddressCommand({ AssociationId: address.AssociationId }), { abortSignal: signal }));
    } catch (error) {
      // Reassociated by the next leader since we looked: nothing of ours is left to remove.
      if (awsNameOf(error) !== 'InvalidAssociationID.NotFound') throw error;
    }
  }

  #isOurs(address: Address): boolean {
    const { eniId, privateIp } = this.context.identity;
    return address.NetworkInterfaceId === eniId && address.PrivateIpAddress === privateIp;
  }

  async #address(signal: AbortSignal): Promise<Address> {
    const { clients } = this.context;
    const what = `looking up Elastic IP ${this.vip.allocationId}`;
    const missing = `${what}: there is no such allocation in ${clients.region}`;
    try {
      const answer = await vipAwsCall('ec2:DescribeAddresses', clients.region, what,
        () => clients.ec2.send(new DescribeAddressesCommand({ AllocationIds: [this.vip.allocationId] }), { abortSignal: signal }));
      const address = answer.Addresses?.[0];
      if (!address) throw new Error(missing);
      return address;
    } catch (error) {
      if (awsNameOf(error) === 'InvalidAllocationID.NotFound') throw new Error(missing, { cause: error });
      throw error;
    }
  }
}
