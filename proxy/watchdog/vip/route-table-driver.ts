// `route-table`: the VIP lies outside the VPC's CIDR, and every declared route table sends `VIP/32` to the leader's
// ENI — CreateRoute, or ReplaceRoute when the route exists (it points at the previous leader). The ENI must
// forward traffic not addressed to its own IP (source/destination check off), and the address goes on the local
// interface so the kernel accepts it. Order: check off and address up before any route points here, so no packet
// arrives that would be dropped. Release only removes the local address: the routes are moved by the next leader,
// and deleting them would cut clients off even when no other member is ready to take over.
import { CreateRouteCommand, ModifyNetworkInterfaceAttributeCommand, ReplaceRouteCommand } from '@aws-sdk/client-ec2';
import type { RouteTableVip } from '../../../schemas/topology.ts';
import { AwsVipDriverBase, type AwsLocalVipContext } from './aws-vip-context.ts';
import { awsNameOf, vipAwsCall } from './vip-aws-call.ts';
import type { VipDriver } from './vip-driver.ts';

export class RouteTableDriver extends AwsVipDriverBase<RouteTableVip, AwsLocalVipContext> implements VipDriver {
  readonly type = 'route-table';

  describe(): string {
    return `route ${this.vip.address}/32 → ${this.context.identity.eniId} in ${this.vip.routeTables.join(', ')} (${this.context.local.describe()})`;
  }

  /** Every table is tried even when one fails, so one broken table does not leave the others at the old leader. */
  async acquire(signal: AbortSignal): Promise<void> {
    const { identity, clients } = this.context;
    await vipAwsCall('ec2:ModifyNetworkInterfaceAttribute', clients.region, `turning the source/destination check of ${identity.eniId} off`,
      () => clients.ec2.send(new ModifyNetworkInterfaceAttributeCommand({ NetworkInterfaceId: identity.eniId, SourceDestCheck: { Value: false } }),
        { abortSignal: signal }));
    await this.context.local.add(signal);
    const results = await Promise.allSettled(this.vip.routeTables.map((table) => this.#pointRoute(table, signal)));
    const failures = results.flatMap((result) => (result.status === 'rejected' ? [(result.reason as Error).message] : []));
    if (failures.length > 0) throw new Error(failures.join('; '));
  }

  async release(signal: AbortSignal): Promise<void> {
    await this.context.local.remove(signal);
  }

  async #pointRoute(table: string, signal: AbortSignal): Promise<void> {
    const { identity, clients } = this.context;
    const route = { RouteTableId: table, DestinationCidrBlock: `${this.vip.address}/32`, NetworkInterfaceId: identity.eniId };
    const what = `pointing ${route.DestinationCidrBlock} in ${table} at ${identity.eniId}`;
    try {
      await vipAwsCall('ec2:CreateRoute', clients.region, what, () => clients.ec2.send(new CreateRouteCommand(route), { abortSignal: signal }));
    } catch (error) {
      if (awsNameOf(error) === 'InvalidRouteTableID.NotFound') throw new Error(`${what}: there is no route table ${table} in ${clients.region}`, { cause: error });
      if (awsNameOf(error) !== 'RouteAlreadyExists') throw error;
      await vipAwsCall('ec2:ReplaceRoute', clients.region, what, () => clients.ec2.send(new ReplaceRouteCommand(route), { abortSignal: signal }));
    }
  }
}
