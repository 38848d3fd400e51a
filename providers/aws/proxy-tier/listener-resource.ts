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
import { errorName } from './aws-error-name.ts';
import { ELB_ACTION, ownedLoadBalancers } from './elbv2-owned.ts';
import { regionOf } from './observed-region.ts';

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
  return {
    name: LISTENER_TYPE,
    mode: 'managed',
    iamActions: Object.values(ACTION),
    attributes: {
      cluster: { forceNew: true },
      load_balancer_arn: { forceNew: true },
      port: { forceNew: true },
      target_group_arn: {},
      arn: { computed: true },
      region: { computed: true },
    },
    read: (region, context) => listeners(clients.of(region).elbv2, region, context),
    async create(input, context) {
      const { elbv2 } = clients.of(input.scope);
      const existing = (await listeners(elbv2, input.scope, context)).find((listener) => listener.name === input.name);
      if (existing) return existing;
      const created = await awsCall(ACTION.create, input.scope, () => elbv2.send(new CreateListenerCommand({
        LoadBalancerArn: String(input.attributes.load_balancer_arn), Protocol: 'TCP', Port: Number(input.attributes.port),
        DefaultActions: [{ Type: 'forward', TargetGroupArn: String(input.attributes.target_group_arn) }],
        Tags: objectTags(context.topology, String(input.attributes.cluster), input.address, input.name),
      })));
      return observe(created.Listeners![0]!, input.name, String(input.attributes.cluster), input.scope);
    },
    async update(current, input) {
      await awsCall(ACTION.modify, input.scope, () => clients.of(input.scope).elbv2.send(new ModifyListenerCommand({
        ListenerArn: current.id, DefaultActions: [{ Type: 'forward', TargetGroupArn: String(input.attributes.target_group_arn) }],
      })));
      return { ...current, attributes: { ...current.attributes, target_group_arn: input.attributes.target_group_arn ?? null } };
    },
    async delete(current) {
      const region = regionOf(current);
      try {
        await clients.of(region).elbv2.send(new DeleteListenerCommand({ ListenerArn: current.id }));
      } catch (error) {
        if (errorName(error) === 'ListenerNotFound') return;
        await awsCall(ACTION.delete, region, () => Promise.reject(error));
      }
    },
  };
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
