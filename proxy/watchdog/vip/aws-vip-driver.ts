// The driver of an AWS VIP method, set up for this instance: its identity from IMDSv2, SDK clients of its region,
// and for the methods that need the address locally the interface whose MAC is the primary ENI's.
import type { DnsVip, ElasticIpVip, RouteTableVip, SecondaryIpVip } from '../../../schemas/topology.ts';
import { DnsDriver } from './dns-driver.ts';
import { ElasticIpDriver } from './elastic-ip-driver.ts';
import { InstanceMetadata, instanceIdentity } from './instance-identity.ts';
import { interfaceWithMac, LocalAddress, type CommandRunner } from './local-address.ts';
import { RouteTableDriver } from './route-table-driver.ts';
import { SecondaryIpDriver } from './secondary-ip-driver.ts';
import { destroyVipAwsClients, vipAwsClients } from './vip-aws-clients.ts';
import type { VipDriver } from './vip-driver.ts';

export type AwsVip = ElasticIpVip | SecondaryIpVip | RouteTableVip | DnsVip;

export const AWS_VIP_TYPES: readonly AwsVip['type'][] = ['elastic-ip', 'secondary-ip', 'route-table', 'dns'];

export interface AwsVipDriverOptions {
  metadata?: InstanceMetadata;
  /** Runs `ip`; tests inject one. */
  run?: CommandRunner;
  /** Finds the local interface of the primary ENI; default: by MAC among this machine's interfaces. */
  interfaceOf?: (mac: string) => string;
  /** The dns driver's waits between GetChange polls; default INSYNC_POLL_DELAYS_MS. */
  insyncPollDelaysMs?: readonly number[];
}

/** A driver and the SDK clients it holds, which `close` destroys. */
export interface OpenedVipDriver {
  driver: VipDriver;
  close(): void;
}

export async function openAwsVipDriver(vip: AwsVip, signal: AbortSignal, options: AwsVipDriverOptions = {}): Promise<OpenedVipDriver> {
  const identity = await instanceIdentity(options.metadata ?? new InstanceMetadata(), signal);
  const clients = vipAwsClients(identity.region);
  const context = { identity, clients };
  // A /32: the address is the VIP alone, so no second route to the subnet appears beside the primary address's.
  const withLocal = (address: string) => ({ ...context, local: new LocalAddress(
    { address, prefixLength: 32, interface: (options.interfaceOf ?? interfaceWithMac)(identity.mac) }, options.run) });
  const driver = ((): VipDriver => {
    switch (vip.type) {
      case 'elastic-ip': return new ElasticIpDriver(vip, context);
      case 'secondary-ip': return new SecondaryIpDriver(vip, withLocal(vip.address));
      case 'route-table': return new RouteTableDriver(vip, withLocal(vip.address));
      case 'dns': return new DnsDriver(vip, context, options.insyncPollDelaysMs);
    }
  })();
  return { driver, close: () => destroyVipAwsClients(clients) };
}
