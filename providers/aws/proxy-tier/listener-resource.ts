// `aws_nlb_listener`: the TCP listener on the proxy port that forwards to the target group. Listeners are listed
// per load balancer, so read makes one DescribeListeners per nlb-autoscaling cluster of the region after the
// load balancer list (the one proxy-tier read whose cost grows with the clusters).
import {
  CreateListenerCommand, DeleteListenerCommand, DescribeListenersCommand, ModifyListenerCommand,
  type ElasticLoadBalancingV2Client, type Listener,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import type { ObservedObject, ProviderContext } from '../../provider.ts';
import type { RegionalClients } from '../aws-clients.ts';
import { awsCall } from '../aws-errors.ts';
import type { AwsResourceType } from '../aws-resource-type.ts';
import { objectTags, TAG } from '../aws-tags.ts';
import { ELB_ACTION, ownedLoadBalancers } from './elbv2-owned.ts';
import { named, ownedResourceType } from './owned-resource-type.ts';

export const LISTENER_TYPE = 'aws_nlb_listener';
const ACTION = {
  describeLoadBalancers: ELB_ACTION.describeLoadBalancers,
  describeTags: ELB_ACTION.describeTags,
  addTags: ELB_ACTION.addTags,
  describe: 'elasticloadbalancing:DescribeListeners',
  create: 'elasticloadbalancing:CreateListener',
  modify: 'elasticloadbalancing:ModifyListener',
  delete: 'elasticloadbalancing:DeleteListener',
} as const;

export function listenerResource(clients: RegionalClients): AwsResourceType {
  const elbv2 = (region: string) => clients.of(region).elbv2;
  return ownedResourceType<ObservedObject>({
    name: LISTENER_TYPE,
    actions: ACTION,
    attributes: {
      cluster: { forceNew: true },
      load_balancer_arn: { forceNew: true },
      port: { forceNew: true },
      target_group_arn: {},
      arn: { computed: true },
    },
    list: (region, context) => listeners(elbv2(region), region, context),
    observe: (listener) => listener,
    // A listener carries no tags of its own in the list: it is its load balancer's, named after it.
    findOwn: async ({ scope: region, name }, context) => (await listeners(elbv2(region), region, context)).find((listener) => listener.name === name),
    async create(input, context) {
      const created = await awsCall(ACTION.create, input.scope, () => elbv2(input.scope).send(new CreateListenerCommand({
        LoadBalancerArn: String(input.attributes.load_balancer_arn), Protocol: 'TCP', Port: Number(input.attributes.port),
        DefaultActions: [{ Type: 'forward', TargetGroupArn: String(input.attributes.target_group_arn) }],
        Tags: objectTags(context.topology, String(input.attributes.cluster), input.address, input.name),
      })));
      return observe(created.Listeners![0]!, input.name, String(input.attributes.cluster), input.scope);
    },
    async update(current, input) {
      await awsCall(ACTION.modify, input.scope, () => elbv2(input.scope).send(new ModifyListenerCommand({
        ListenerArn: current.id, DefaultActions: [{ Type: 'forward', TargetGroupArn: String(input.attributes.target_group_arn) }],
      })));
      return { ...current, attributes: { ...current.attributes, target_group_arn: input.attributes.target_group_arn ?? null } };
    },
    remove: {
      action: ACTION.delete,
      send: (region, { id }) => elbv2(region).send(new DeleteListenerCommand({ ListenerArn: id })),
      gone: named('ListenerNotFound'),
    },
  });
}

/** A listener is named after its load balancer's Name tag: `…-nlb` → `…-listener`. */
export function listenerName(loadBalancerName: string): string {
  return loadBalancerName.replace(/-nlb$/, '-listener');
}

async function listeners(elbv2: ElasticLoadBalancingV2Client, region: string, context: ProviderContext): Promise<ObservedObject[]> {
  const observed: ObservedObject[] = [];
  for (const { object: lb, tags } of await ownedLoadBalancers(elbv2, region, context.topology)) {
    const answer = await awsCall(ACTION.describe, region, () => elbv2.send(new DescribeListenersCommand({ LoadBalancerArn: lb.LoadBalancerArn })));
    const name = listenerName(tags[TAG.name] ?? lb.LoadBalancerName!);
    observed.push(...(answer.Listeners ?? []).map((listener) => observe(listener, name, tags[TAG.cluster] ?? '', region)));
  }
  return observed;
}

function observe(listener: Listener, name: string, cluster: string, region: string): ObservedObject {
  return {
    id: listener.ListenerArn!, name,
    attributes: {
      cluster, load_balancer_arn: listener.LoadBalancerArn ?? null, port: listener.Port ?? null,
      target_group_arn: listener.DefaultActions?.[0]?.TargetGroupArn ?? null, arn: listener.ListenerArn!, region,
    },
  };
}
