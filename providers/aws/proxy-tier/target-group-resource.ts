// `aws_target_group`: the TCP target group of an nlb-autoscaling tier. Its health check asks the proxy's own
// `/healthz` over HTTP on the metrics port (proxy/metrics.ts: is this proxy up and accepting, never is the
// database), so a failover behind the proxies takes no proxy out of the load balancer. The deregistration delay
// is at least the proxy's drain time, so a proxy leaving (scale-in, instance refresh) finishes its transactions
// before the load balancer forgets it; it is mirrored in a tag, so read needs no attribute call per group.
// Pgpool-II has no HTTP endpoint: without a health port the check is TCP on the proxy port (its listener is up).
import {
  AddTagsCommand, CreateTargetGroupCommand, DeleteTargetGroupCommand, DescribeTargetHealthCommand, ModifyTargetGroupAttributesCommand,
  ModifyTargetGroupCommand, type ElasticLoadBalancingV2Client, type TargetGroup, type TargetHealthDescription,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import type { ObservedObject, OperationInput } from '../../provider.ts';
import type { RegionalClients } from '../aws-clients.ts';
import { awsCall } from '../aws-errors.ts';
import type { AwsResourceType } from '../aws-resource-type.ts';
import { objectTags, TAG } from '../aws-tags.ts';
import { ELB_ACTION, ownedTargetGroups, type Owned } from './elbv2-owned.ts';
import { named, ownedResourceType } from './owned-resource-type.ts';

export const TARGET_GROUP_TYPE = 'aws_target_group';
export const HEALTH_PATH = '/healthz';
const DELAY_TAG = 'pgtopo:deregistration-delay';
const ACTION = {
  describe: ELB_ACTION.describeTargetGroups,
  describeTags: ELB_ACTION.describeTags,
  addTags: ELB_ACTION.addTags,
  create: 'elasticloadbalancing:CreateTargetGroup',
  modify: 'elasticloadbalancing:ModifyTargetGroup',
  attributes: 'elasticloadbalancing:ModifyTargetGroupAttributes',
  delete: 'elasticloadbalancing:DeleteTargetGroup',
  /** `pgtopo status`: the load balancer's view of each proxy. */
  health: 'elasticloadbalancing:DescribeTargetHealth',
} as const;

export function targetGroupResource(clients: RegionalClients): AwsResourceType {
  const elbv2 = (region: string) => clients.of(region).elbv2;
  return ownedResourceType<Owned<TargetGroup>>({
    name: TARGET_GROUP_TYPE,
    actions: ACTION,
    attributes: {
      cluster: { forceNew: true },
      tg_name: { forceNew: true },
      port: { forceNew: true, description: 'the proxy port' },
      vpc_id: { forceNew: true },
      health_port: { description: 'the proxy\'s metrics port, where /healthz answers; null: TCP on the proxy port (Pgpool-II)' },
      deregistration_delay: { description: 'seconds a leaving proxy keeps its clients: at least its drain time' },
      arn: { computed: true },
    },
    list: (region, context) => ownedTargetGroups(elbv2(region), region, context.topology),
    observe,
    findOwn: async ({ scope: region, address }, context) => (await ownedTargetGroups(elbv2(region), region, context.topology)).find(({ tags }) => tags[TAG.address] === address),
    async create(input, context) {
      const created = await awsCall(ACTION.create, input.scope, () => elbv2(input.scope).send(new CreateTargetGroupCommand({
        Name: String(input.attributes.tg_name), Protocol: 'TCP', Port: Number(input.attributes.port), VpcId: String(input.attributes.vpc_id),
        TargetType: 'instance', HealthCheckEnabled: true, ...healthCheck(input), HealthCheckIntervalSeconds: 10, HealthyThresholdCount: 2, UnhealthyThresholdCount: 2,
        Tags: [...objectTags(context.topology, String(input.attributes.cluster), input.address, input.name), delayTag(input)],
      })));
      const group = created.TargetGroups![0]!;
      await setDelay(elbv2(input.scope), input, group.TargetGroupArn!);
      return observe({ object: group, tags: { [TAG.name]: input.name, [TAG.cluster]: String(input.attributes.cluster), [DELAY_TAG]: delayTag(input).Value } }, input.scope);
    },
    async update(current, input, changed) {
      const client = elbv2(input.scope);
      if (changed.includes('health_port')) {
        await awsCall(ACTION.modify, input.scope, () => client.send(new ModifyTargetGroupCommand({ TargetGroupArn: current.id, ...healthCheck(input) })));
      }
      if (changed.includes('deregistration_delay')) {
        await setDelay(client, input, current.id);
        await awsCall(ACTION.addTags, input.scope, () => client.send(new AddTagsCommand({ ResourceArns: [current.id], Tags: [delayTag(input)] })));
      }
      return { ...current, attributes: { ...current.attributes, health_port: input.attributes.health_port ?? null, deregistration_delay: input.attributes.deregistration_delay ?? null } };
    },
    remove: {
      action: ACTION.delete,
      send: (region, { id }) => elbv2(region).send(new DeleteTargetGroupCommand({ TargetGroupArn: id })),
      gone: named('TargetGroupNotFound'),
    },
  });
}

/** The health check's verdict on every target of the group now (healthy, unhealthy with its reason, draining …). */
export async function targetHealth(elbv2: ElasticLoadBalancingV2Client, region: string, arn: string): Promise<TargetHealthDescription[]> {
  const answer = await awsCall(ACTION.health, region, () => elbv2.send(new DescribeTargetHealthCommand({ TargetGroupArn: arn })));
  return answer.TargetHealthDescriptions ?? [];
}

function healthCheck(input: OperationInput): { HealthCheckProtocol: 'HTTP' | 'TCP'; HealthCheckPort: string; HealthCheckPath?: string } {
  const port = input.attributes.health_port;
  return port === null || port === undefined
    ? { HealthCheckProtocol: 'TCP', HealthCheckPort: 'traffic-port' }
    : { HealthCheckProtocol: 'HTTP', HealthCheckPort: String(port), HealthCheckPath: HEALTH_PATH };
}

function delayTag(input: OperationInput): { Key: string; Value: string } {
  return { Key: DELAY_TAG, Value: String(input.attributes.deregistration_delay) };
}

async function setDelay(elbv2: ElasticLoadBalancingV2Client, input: OperationInput, arn: string): Promise<void> {
  await awsCall(ACTION.attributes, input.scope, () => elbv2.send(new ModifyTargetGroupAttributesCommand({
    TargetGroupArn: arn, Attributes: [{ Key: 'deregistration_delay.timeout_seconds', Value: delayTag(input).Value }],
  })));
}

function observe({ object: group, tags }: Owned<TargetGroup>, region: string): ObservedObject {
  return {
    id: group.TargetGroupArn!, name: tags[TAG.name] ?? group.TargetGroupName!,
    attributes: {
      cluster: tags[TAG.cluster] ?? null, tg_name: group.TargetGroupName ?? null, port: group.Port ?? null, vpc_id: group.VpcId ?? null,
      health_port: group.HealthCheckProtocol === 'TCP' || group.HealthCheckPort === undefined ? null : Number(group.HealthCheckPort),
      deregistration_delay: tags[DELAY_TAG] === undefined ? null : Number(tags[DELAY_TAG]),
      arn: group.TargetGroupArn!, region,
    },
  };
}
