// The proxies of an nlb-autoscaling tier (pgtopo's `aws_autoscaling_group`) → `aws_autoscaling_group`: from the
// cluster's template, over its subnets, in its target group, replaced on a failed ELB health check. A new template
// version rolls the group (instance refresh, half kept healthy) as pgtopo does; the desired capacity is owned at
// runtime by scaling, so Terraform only sets it on create.
import { AUTOSCALING_GROUP_TYPE, HEALTH_GRACE_SECONDS } from '../../proxy-tier/autoscaling-group-resource.ts';
import { terraformTags, type TerraformMapping } from '../terraform-mapping.ts';

export const autoScalingGroupTerraform: TerraformMapping = {
  from: AUTOSCALING_GROUP_TYPE,
  to: 'aws_autoscaling_group',
  mode: 'resource',
  exposes: {},
  arguments: (resource, topology) => ({
    name: resource.name,
    launch_template: { id: resource.attributes.launch_template_id ?? null, version: String(resource.attributes.launch_template_version) },
    min_size: resource.attributes.min_size ?? null,
    max_size: resource.attributes.max_size ?? null,
    desired_capacity: resource.attributes.desired_capacity ?? null,
    vpc_zone_identifier: resource.attributes.subnets ?? [],
    target_group_arns: resource.attributes.target_group_arns ?? [],
    health_check_type: 'ELB',
    health_check_grace_period: HEALTH_GRACE_SECONDS,
    force_delete: true,
    instance_refresh: { strategy: 'Rolling', preferences: { min_healthy_percentage: 50, instance_warmup: String(HEALTH_GRACE_SECONDS) } },
    tag: Object.entries(terraformTags(resource, topology)).map(([key, value]) => ({ key, value, propagate_at_launch: true })),
  }),
  ignoreChanges: ['desired_capacity'],
};
