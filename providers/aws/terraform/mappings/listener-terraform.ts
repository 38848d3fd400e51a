// The NLB's listener (pgtopo's `aws_nlb_listener`) → `aws_lb_listener`: TCP on the proxy port, forwarding to the
// target group.
import { LISTENER_TYPE } from '../../proxy-tier/listener-resource.ts';
import { terraformTags, type TerraformMapping } from '../terraform-mapping.ts';

export const listenerTerraform: TerraformMapping = {
  from: LISTENER_TYPE,
  to: 'aws_lb_listener',
  mode: 'resource',
  exposes: { arn: 'arn' },
  arguments: (resource, topology) => ({
    load_balancer_arn: resource.attributes.load_balancer_arn ?? null,
    port: resource.attributes.port ?? null,
    protocol: 'TCP',
    default_action: { type: 'forward', target_group_arn: resource.attributes.target_group_arn ?? null },
    tags: terraformTags(resource, topology),
  }),
};
