// What every AWS VIP driver works with: who this instance is (IMDSv2) and the clients of its region.
import type { InstanceIdentity } from './instance-identity.ts';
import type { LocalAddress } from './local-address.ts';
import type { VipAwsClients } from './vip-aws-clients.ts';

export interface AwsVipContext {
  identity: InstanceIdentity;
  clients: VipAwsClients;
}

/** For the methods that also need the VIP on the local interface of the primary ENI. */
export interface AwsLocalVipContext extends AwsVipContext {
  local: LocalAddress;
}

/** What every AWS driver holds: the topology's settings of its method and the instance it acts for. */
export abstract class AwsVipDriverBase<Vip, Context extends AwsVipContext = AwsVipContext> {
  protected readonly vip: Vip;
  protected readonly context: Context;

  constructor(vip: Vip, context: Context) {
    this.vip = vip;
    this.context = context;
  }
}
