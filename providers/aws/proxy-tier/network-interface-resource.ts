// `aws_network_interface`: the ENI of one watchdog member (`<cluster>.proxy_eni[i]`), created before its instance
// in subnet i mod n with the tier's security groups; the instance is launched on it. Its private IP outlives every
// instance launched on it, so each member's config can list every member's address at plan time and a roll never
// changes them (README.md, "Watchdog members on EC2"). Read lists the topology's ENIs with one tag-filtered
// DescribeNetworkInterfaces; create takes an ENI already tagged with its address (an interrupted apply). A new
// subnet replaces it; changed groups are set back in place. Delete waits while a terminating instance still holds it.
import { setTimeout as sleep } from 'node:timers/promises';
import {
  CreateNetworkInterfaceCommand, DeleteNetworkInterfaceCommand, ModifyNetworkInterfaceAttributeCommand, paginateDescribeNetworkInterfaces,
  type EC2Client, type Filter, type NetworkInterface,
} from '@aws-sdk/client-ec2';
import type { ObservedObject, OperationInput, ProviderContext } from '../../provider.ts';
import type { RegionalClients } from '../aws-clients.ts';
import { awsCall } from '../aws-errors.ts';
import { allPages } from '../aws-pages.ts';
import type { AwsResourceType } from '../aws-resource-type.ts';
import { addressFilters, objectTags, TAG, tagMap, topologyFilters } from '../aws-tags.ts';
import { errorName } from './aws-error-name.ts';
import { named, ownedResourceType } from './owned-resource-type.ts';

export const NETWORK_INTERFACE_TYPE = 'aws_network_interface';
const ACTION = {
  describe: 'ec2:DescribeNetworkInterfaces',
  create: 'ec2:CreateNetworkInterface',
  tag: 'ec2:CreateTags',
  modify: 'ec2:ModifyNetworkInterfaceAttribute',
  delete: 'ec2:DeleteNetworkInterface',
} as const;
export const NETWORK_INTERFACE_DESCRIPTION = 'pgtopo watchdog member';
/** How long delete waits for a terminated instance to let go of the ENI, and how often it tries meanwhile. */
const DETACH_TIMEOUT_MS = 5 * 60_000;
const DETACH_POLL_MS = 5_000;

export function networkInterfaceResource(clients: RegionalClients): AwsResourceType {
  const ec2 = (region: string) => clients.of(region).ec2;
  return ownedResourceType<NetworkInterface>({
    name: NETWORK_INTERFACE_TYPE,
    actions: ACTION,
    attributes: {
      cluster: { forceNew: true },
      subnet_id: { forceNew: true },
      security_group_ids: { description: 'the tier\'s groups; set back in place when changed' },
      network_interface_id: { computed: true },
      private_ip: { computed: true, description: 'the member\'s address in every member\'s config' },
    },
    list: (region, context) => ownedInterfaces(ec2(region), region, topologyFilters(context.topology)),
    observe,
    findOwn: async ({ scope: region, address }, context) => (await ownedInterfaces(ec2(region), region, addressFilters(context.topology, address)))[0],
    async adopt(existing, input, context) {
      context.note(`found ${existing.NetworkInterfaceId} from an earlier apply`);
      const observed = observe(existing, input.scope);
      if (sameGroups(observed.attributes.security_group_ids, input.attributes.security_group_ids)) return observed;
      return setGroups(ec2(input.scope), observed, input);
    },
    create: async (input, context) => observe(await createInterface(ec2(input.scope), input, context), input.scope),
    update: (current, input) => setGroups(ec2(input.scope), current, input),
    remove: {
      action: ACTION.delete,
      send: (region, { id }) => deleteWhenDetached(ec2(region), id),
      gone: named('InvalidNetworkInterfaceID.NotFound'),
    },
  });
}

async function ownedInterfaces(ec2: EC2Client, region: string, Filters: Filter[]): Promise<NetworkInterface[]> {
  return awsCall(ACTION.describe, region,
    () => allPages(paginateDescribeNetworkInterfaces({ client: ec2, pageSize: 1000 }, { Filters }), (page) => page.NetworkInterfaces));
}

async function createInterface(ec2: EC2Client, input: OperationInput, context: ProviderContext): Promise<NetworkInterface> {
  const created = await awsCall(ACTION.create, input.scope, () => ec2.send(new CreateNetworkInterfaceCommand({
    SubnetId: String(input.attributes.subnet_id), Groups: groupsOf(input.attributes.security_group_ids), Description: NETWORK_INTERFACE_DESCRIPTION,
    TagSpecifications: [{ ResourceType: 'network-interface', Tags: objectTags(context.topology, String(input.attributes.cluster), input.address, input.name) }],
  })));
  return created.NetworkInterface!;
}

async function setGroups(ec2: EC2Client, current: ObservedObject, input: OperationInput): Promise<ObservedObject> {
  const Groups = groupsOf(input.attributes.security_group_ids);
  await awsCall(ACTION.modify, input.scope, () => ec2.send(new ModifyNetworkInterfaceAttributeCommand({ NetworkInterfaceId: current.id, Groups })));
  return { ...current, attributes: { ...current.attributes, security_group_ids: Groups } };
}

/** An instance being terminated keeps its ENI a little while (`InvalidNetworkInterface.InUse`): delete waits for it. */
async function deleteWhenDetached(ec2: EC2Client, id: string): Promise<void> {
  const deadline = Date.now() + DETACH_TIMEOUT_MS;
  for (;;) {
    try {
      await ec2.send(new DeleteNetworkInterfaceCommand({ NetworkInterfaceId: id }));
      return;
    } catch (error) {
      if (errorName(error) !== 'InvalidNetworkInterface.InUse' || Date.now() > deadline) throw error;
    }
    await sleep(DETACH_POLL_MS);
  }
}

function groupsOf(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String).sort() : [];
}

function sameGroups(a: unknown, b: unknown): boolean {
  return JSON.stringify(groupsOf(a)) === JSON.stringify(groupsOf(b));
}

function observe(eni: NetworkInterface, region: string): ObservedObject {
  const tags = tagMap(eni.TagSet);
  return {
    id: eni.NetworkInterfaceId!, name: tags[TAG.name] ?? eni.NetworkInterfaceId!,
    attributes: {
      cluster: tags[TAG.cluster] ?? null,
      subnet_id: eni.SubnetId ?? null,
      security_group_ids: (eni.Groups ?? []).map((group) => group.GroupId!).sort(),
      network_interface_id: eni.NetworkInterfaceId!,
      private_ip: eni.PrivateIpAddress ?? null,
      region,
    },
  };
}
