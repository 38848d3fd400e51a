// `aws_autoscaling_group`: the proxies of an nlb-autoscaling tier, from the cluster's launch template, over the
// declared subnets, registered in the target group and replaced when its health check (the proxy's /healthz)
// fails. A new launch template version rolls the group with an instance refresh (keeping 50% healthy), never by
// replacing the group; the desired capacity is runtime-owned (scaling policies move it). Read lists the topology's
// groups with one paged DescribeAutoScalingGroups filtered by tag server-side.
import {
  CreateAutoScalingGroupCommand, DeleteAutoScalingGroupCommand, paginateDescribeAutoScalingGroups, StartInstanceRefreshCommand,
  UpdateAutoScalingGroupCommand, type AutoScalingClient, type AutoScalingGroup, type Filter,
} from '@aws-sdk/client-auto-scaling';
import type { ObservedObject, OperationInput, TopologyIdentity } from '../../provider.ts';
import type { RegionalClients } from '../aws-clients.ts';
import { awsCall } from '../aws-errors.ts';
import { allPages } from '../aws-pages.ts';
import type { AwsResourceType } from '../aws-resource-type.ts';
import { objectTags, TAG } from '../aws-tags.ts';
import { errorName } from './aws-error-name.ts';
import { ownedResourceType } from './owned-resource-type.ts';

export const AUTOSCALING_GROUP_TYPE = 'aws_autoscaling_group';
const ACTION = {
  describe: 'autoscaling:DescribeAutoScalingGroups',
  create: 'autoscaling:CreateAutoScalingGroup',
  tag: 'autoscaling:CreateOrUpdateTags',
  update: 'autoscaling:UpdateAutoScalingGroup',
  refresh: 'autoscaling:StartInstanceRefresh',
  delete: 'autoscaling:DeleteAutoScalingGroup',
  /** Not called: IAM asks them of an Auto Scaling group that launches from a template naming an instance profile. */
  passRole: 'iam:PassRole',
  runInstances: 'ec2:RunInstances',
} as const;
/** Seconds a new proxy gets to install and start before its health check counts. */
export const HEALTH_GRACE_SECONDS = 300;

export function autoScalingGroupResource(clients: RegionalClients): AwsResourceType {
  const autoScaling = (region: string) => clients.of(region).autoScaling;
  return ownedResourceType<AutoScalingGroup>({
    name: AUTOSCALING_GROUP_TYPE,
    actions: ACTION,
    attributes: {
      cluster: { forceNew: true },
      launch_template_id: { forceNew: true },
      launch_template_version: { appliesBy: 'restart', description: 'a new version rolls the group (instance refresh)' },
      min_size: {},
      max_size: {},
      desired_capacity: { runtimeOwned: true },
      subnets: {},
      target_group_arns: {},
    },
    list: (region, context) => ownedGroups(autoScaling(region), region, context.topology),
    observe,
    findOwn: async ({ scope: region, address }, context) => (await ownedGroups(autoScaling(region), region, context.topology, address))[0],
    async create(input, context) {
      await awsCall(ACTION.create, input.scope, () => autoScaling(input.scope).send(new CreateAutoScalingGroupCommand({
        AutoScalingGroupName: input.name, ...groupSettings(input), DesiredCapacity: Number(input.attributes.desired_capacity),
        HealthCheckType: 'ELB', HealthCheckGracePeriod: HEALTH_GRACE_SECONDS,
        Tags: objectTags(context.topology, String(input.attributes.cluster), input.address, input.name)
          .map((tag) => ({ ...tag, PropagateAtLaunch: true, ResourceId: input.name, ResourceType: 'auto-scaling-group' })),
      })));
      return { id: input.name, name: input.name, attributes: { ...declared(input), region: input.scope } };
    },
    async update(current, input, changed, context) {
      const client = autoScaling(input.scope);
      await awsCall(ACTION.update, input.scope, () => client.send(new UpdateAutoScalingGroupCommand({ AutoScalingGroupName: current.id, ...groupSettings(input) })));
      if (changed.includes('launch_template_version')) {
        const started = await awsCall(ACTION.refresh, input.scope, () => client.send(new StartInstanceRefreshCommand({
          AutoScalingGroupName: current.id, Strategy: 'Rolling', Preferences: { MinHealthyPercentage: 50, InstanceWarmup: HEALTH_GRACE_SECONDS },
        })));
        context.note(`rolling the proxies to template version ${String(input.attributes.launch_template_version)} (instance refresh ${started.InstanceRefreshId ?? '?'})`);
      }
      return { ...current, attributes: { ...current.attributes, ...declared(input), desired_capacity: current.attributes.desired_capacity ?? null } };
    },
    remove: {
      action: ACTION.delete,
      send: (region, { id }) => autoScaling(region).send(new DeleteAutoScalingGroupCommand({ AutoScalingGroupName: id, ForceDelete: true })),
      // Auto Scaling has no not-found error of its own: a ValidationError says so in words.
      gone: (error) => errorName(error) === 'ValidationError' && /not found/i.test((error as Error).message),
    },
  });
}

/** The named groups as Auto Scaling sees them now, with their instances' lifecycle and health (for `pgtopo status`). */
export async function groupsNamed(autoScaling: AutoScalingClient, region: string, names: string[]): Promise<AutoScalingGroup[]> {
  return awsCall(ACTION.describe, region, () =>
    allPages(paginateDescribeAutoScalingGroups({ client: autoScaling, pageSize: 100 }, { AutoScalingGroupNames: names }), (page) => page.AutoScalingGroups));
}

async function ownedGroups(autoScaling: AutoScalingClient, region: string, topology: TopologyIdentity, address?: string): Promise<AutoScalingGroup[]> {
  const Filters: Filter[] = [{ Name: `tag:${TAG.topology}`, Values: [topology.ownerTag] }, ...(address ? [{ Name: `tag:${TAG.address}`, Values: [address] }] : [])];
  return awsCall(ACTION.describe, region,
    () => allPages(paginateDescribeAutoScalingGroups({ client: autoScaling, pageSize: 100 }, { Filters }), (page) => page.AutoScalingGroups));
}

function groupSettings(input: OperationInput) {
  return {
    LaunchTemplate: { LaunchTemplateId: String(input.attributes.launch_template_id), Version: String(input.attributes.launch_template_version) },
    MinSize: Number(input.attributes.min_size), MaxSize: Number(input.attributes.max_size),
    VPCZoneIdentifier: (input.attributes.subnets as string[]).join(','),
    TargetGroupARNs: input.attributes.target_group_arns as string[],
  };
}

function declared(input: OperationInput): Record<string, ObservedObject['attributes'][string]> {
  const keys = ['cluster', 'launch_template_id', 'launch_template_version', 'min_size', 'max_size', 'desired_capacity', 'subnets', 'target_group_arns'];
  return Object.fromEntries(keys.map((key) => [key, input.attributes[key] ?? null]));
}

function observe(group: AutoScalingGroup, region: string): ObservedObject {
  const tags = Object.fromEntries((group.Tags ?? []).map((tag) => [tag.Key!, tag.Value ?? '']));
  return {
    id: group.AutoScalingGroupName!, name: tags[TAG.name] ?? group.AutoScalingGroupName!,
    attributes: {
      cluster: tags[TAG.cluster] ?? null,
      launch_template_id: group.LaunchTemplate?.LaunchTemplateId ?? null,
      launch_template_version: group.LaunchTemplate?.Version === undefined ? null : Number(group.LaunchTemplate.Version),
      min_size: group.MinSize ?? null, max_size: group.MaxSize ?? null, desired_capacity: group.DesiredCapacity ?? null,
      subnets: (group.VPCZoneIdentifier ?? '').split(',').filter(Boolean),
      target_group_arns: group.TargetGroupARNs ?? [],
      region,
    },
  };
}
