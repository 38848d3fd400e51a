// `aws_nlb`: the Network Load Balancer in front of an nlb-autoscaling tier: internal unless declared
// internet-facing, over the proxies' subnets, cross-zone as declared. Its DNS name is what clients connect to.
// Create finds a load balancer this address already owns first (an interrupted apply). The cross-zone setting is
// mirrored in a tag, so read needs no attribute call per load balancer.
import {
  AddTagsCommand, CreateLoadBalancerCommand, DeleteLoadBalancerCommand, ModifyLoadBalancerAttributesCommand, SetSubnetsCommand,
  type ElasticLoadBalancingV2Client, type LoadBalancer, type LoadBalancerSchemeEnum,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import type { ObservedObject, OperationInput } from '../../provider.ts';
import type { RegionalClients } from '../aws-clients.ts';
import { awsCall } from '../aws-errors.ts';
import type { AwsResourceType } from '../aws-resource-type.ts';
import { objectTags, TAG } from '../aws-tags.ts';
import { ELB_ACTION, ownedLoadBalancers, type Owned } from './elbv2-owned.ts';
import { named, ownedResourceType } from './owned-resource-type.ts';

export const LOAD_BALANCER_TYPE = 'aws_nlb';
const ACTION = {
  describe: ELB_ACTION.describeLoadBalancers,
  describeTags: ELB_ACTION.describeTags,
  addTags: ELB_ACTION.addTags,
  create: 'elasticloadbalancing:CreateLoadBalancer',
  attributes: 'elasticloadbalancing:ModifyLoadBalancerAttributes',
  subnets: 'elasticloadbalancing:SetSubnets',
  delete: 'elasticloadbalancing:DeleteLoadBalancer',
} as const;

export function loadBalancerResource(clients: RegionalClients): AwsResourceType {
  const elbv2 = (region: string) => clients.of(region).elbv2;
  return ownedResourceType<Owned<LoadBalancer>>({
    name: LOAD_BALANCER_TYPE,
    actions: ACTION,
    attributes: {
      cluster: { forceNew: true },
      lb_name: { forceNew: true },
      scheme: { forceNew: true, description: 'internal or internet-facing' },
      subnets: {},
      cross_zone: { description: 'balance across availability zones' },
      arn: { computed: true },
      dns_name: { computed: true, description: 'what clients connect to' },
    },
    list: (region, context) => ownedLoadBalancers(elbv2(region), region, context.topology),
    observe,
    findOwn: async ({ scope: region, address }, context) => (await ownedLoadBalancers(elbv2(region), region, context.topology)).find(({ tags }) => tags[TAG.address] === address),
    async create(input, context) {
      const created = await awsCall(ACTION.create, input.scope, () => elbv2(input.scope).send(new CreateLoadBalancerCommand({
        Name: String(input.attributes.lb_name), Type: 'network', Scheme: String(input.attributes.scheme) as LoadBalancerSchemeEnum,
        Subnets: input.attributes.subnets as string[],
        Tags: [...objectTags(context.topology, String(input.attributes.cluster), input.address, input.name), crossZoneTag(input)],
      })));
      const lb = created.LoadBalancers![0]!;
      await setCrossZone(elbv2(input.scope), input, lb.LoadBalancerArn!);
      return observe({ object: lb, tags: { [TAG.name]: input.name, [TAG.cluster]: String(input.attributes.cluster), [CROSS_ZONE_TAG]: crossZoneTag(input).Value } }, input.scope);
    },
    async update(current, input, changed) {
      const client = elbv2(input.scope);
      if (changed.includes('subnets')) {
        await awsCall(ACTION.subnets, input.scope, () => client.send(new SetSubnetsCommand({ LoadBalancerArn: current.id, Subnets: input.attributes.subnets as string[] })));
      }
      if (changed.includes('cross_zone')) {
        await setCrossZone(client, input, current.id);
        await awsCall(ACTION.addTags, input.scope, () => client.send(new AddTagsCommand({ ResourceArns: [current.id], Tags: [crossZoneTag(input)] })));
      }
      return { ...current, attributes: { ...current.attributes, subnets: input.attributes.subnets ?? [], cross_zone: input.attributes.cross_zone ?? true } };
    },
    remove: {
      action: ACTION.delete,
      send: (region, { id }) => elbv2(region).send(new DeleteLoadBalancerCommand({ LoadBalancerArn: id })),
      gone: named('LoadBalancerNotFound'),
    },
  });
}

const CROSS_ZONE_TAG = 'pgtopo:cross-zone';

function crossZoneTag(input: OperationInput): { Key: string; Value: string } {
  return { Key: CROSS_ZONE_TAG, Value: String(input.attributes.cross_zone !== false) };
}

async function setCrossZone(elbv2: ElasticLoadBalancingV2Client, input: OperationInput, arn: string): Promise<void> {
  await awsCall(ACTION.attributes, input.scope, () => elbv2.send(new ModifyLoadBalancerAttributesCommand({
    LoadBalancerArn: arn, Attributes: [{ Key: 'load_balancing.cross_zone.enabled', Value: crossZoneTag(input).Value }],
  })));
}

function observe({ object: lb, tags }: Owned<LoadBalancer>, region: string): ObservedObject {
  return {
    id: lb.LoadBalancerArn!, name: tags[TAG.name] ?? lb.LoadBalancerName!,
    attributes: {
      cluster: tags[TAG.cluster] ?? null, lb_name: lb.LoadBalancerName ?? null, scheme: lb.Scheme ?? null,
      subnets: (lb.AvailabilityZones ?? []).map((zone) => zone.SubnetId!).sort(),
      cross_zone: tags[CROSS_ZONE_TAG] === undefined ? null : tags[CROSS_ZONE_TAG] === 'true',
      arn: lb.LoadBalancerArn!, dns_name: lb.DNSName ?? null, region,
    },
  };
}
