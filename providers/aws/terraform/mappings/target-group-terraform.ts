// The target group of an nlb-autoscaling tier (pgtopo's `aws_target_group`) → `aws_lb_target_group`: TCP on the
// proxy port, health checked over HTTP on the proxy's /healthz, with the deregistration delay pgtopo sets. The
// health check's interval and thresholds restate the ones target-group-resource.ts creates the group with (a test
// compares the export with that create request).
import { HEALTH_PATH, TARGET_GROUP_TYPE } from '../../proxy-tier/target-group-resource.ts';
import { terraformTags, type TerraformMapping } from '../terraform-mapping.ts';

export const targetGroupTerraform: TerraformMapping = {
  from: TARGET_GROUP_TYPE,
  to: 'aws_lb_target_group',
  mode: 'resource',
  exposes: { arn: 'arn' },
  arguments: (resource, topology) => ({
    name: resource.attributes.tg_name ?? null,
    protocol: 'TCP',
    port: resource.attributes.port ?? null,
    vpc_id: resource.attributes.vpc_id ?? null,
    target_type: 'instance',
    deregistration_delay: String(resource.attributes.deregistration_delay),
    health_check: {
      enabled: true, protocol: 'HTTP', path: HEALTH_PATH, port: String(resource.attributes.health_port),
      interval: 10, healthy_threshold: 2, unhealthy_threshold: 2,
    },
    tags: terraformTags(resource, topology),
  }),
};
