// pgtopo's proxy security group → `aws_security_group` with its rules inline: pgtopo's state records no rule ids,
// so separate rule resources could not be imported, while an imported group brings its inline rules along. The
// inline form is an attribute in Terraform JSON, so every rule names every field. Egress is stated: Terraform,
// unlike pgtopo, removes AWS's default allow-all egress rule from a group it creates.
import { SELF, type IngressRule } from '../../proxy-tier/ingress-rules.ts';
import { DESCRIPTION, SECURITY_GROUP_TYPE } from '../../proxy-tier/security-group-resource.ts';
import { terraformTags, type TerraformMapping, type TerraformValue } from '../terraform-mapping.ts';

/** A rule of either direction; `-1` is every protocol. */
type Rule = Omit<IngressRule, 'protocol'> & { protocol: IngressRule['protocol'] | '-1' };

const ALL_EGRESS: Rule = { protocol: '-1', from_port: 0, to_port: 0, source: '0.0.0.0/0' };

export const securityGroupTerraform: TerraformMapping = {
  from: SECURITY_GROUP_TYPE,
  to: 'aws_security_group',
  mode: 'resource',
  exposes: { group_id: 'id', vpc_id: 'vpc_id' },
  arguments: (resource, topology) => ({
    name: resource.name,
    description: DESCRIPTION,
    vpc_id: resource.attributes.vpc_id ?? null,
    ingress: (resource.attributes.ingress as unknown as IngressRule[]).map(inlineRule),
    egress: [inlineRule(ALL_EGRESS)],
    tags: terraformTags(resource, topology),
  }),
};

/** A rule as pgtopo compares it (source: a CIDR, a group or `self`) in the inline form. */
function inlineRule(rule: Rule): TerraformValue {
  const cidr = rule.source.includes('/');
  return {
    description: '', protocol: rule.protocol, from_port: rule.from_port, to_port: rule.to_port,
    cidr_blocks: cidr ? [rule.source] : [], ipv6_cidr_blocks: [], prefix_list_ids: [],
    security_groups: !cidr && rule.source !== SELF ? [rule.source] : [], self: rule.source === SELF,
  };
}
