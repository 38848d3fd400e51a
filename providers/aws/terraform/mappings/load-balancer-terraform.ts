// The NLB of an nlb-autoscaling tier (pgtopo's `aws_nlb`) → `aws_lb` of type network over the proxies' subnets.
import { LOAD_BALANCER_TYPE } from '../../proxy-tier/load-balancer-resource.ts';
import { terraformTags, type TerraformMapping } from '../terraform-mapping.ts';

export const loadBalancerTerraform: TerraformMapping = {
  from: LOAD_BALANCER_TYPE,
  to: 'aws_lb',
  mode: 'resource',
  exposes: { arn: 'arn' },
  arguments: (resource, topology) => ({
    name: resource.attributes.lb_name ?? null,
    load_balancer_type: 'network',
    internal: resource.attributes.scheme === 'internal',
    subnets: resource.attributes.subnets ?? [],
    enable_cross_zone_load_balancing: resource.attributes.cross_zone ?? true,
    tags: terraformTags(resource, topology),
  }),
};
