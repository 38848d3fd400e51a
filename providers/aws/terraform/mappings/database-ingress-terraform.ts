// The rule on the database's security group (pgtopo's `aws_database_ingress`) → `aws_vpc_security_group_ingress_rule`:
// TCP on the database port from the proxies' group. That type is one rule per resource with its own id (`sgr-…`),
// as pgtopo's is, so the import block adopts exactly the rule pgtopo made and no other rule of the group.
import { DATABASE_INGRESS_TYPE } from '../../proxy-tier/database-ingress-resource.ts';
import { terraformTags, type TerraformMapping } from '../terraform-mapping.ts';

export const databaseIngressTerraform: TerraformMapping = {
  from: DATABASE_INGRESS_TYPE,
  to: 'aws_vpc_security_group_ingress_rule',
  mode: 'resource',
  exposes: { rule_id: 'id' },
  arguments: (resource, topology) => ({
    security_group_id: resource.attributes.group_id ?? null,
    referenced_security_group_id: resource.attributes.source_group_id ?? null,
    ip_protocol: 'tcp',
    from_port: resource.attributes.port ?? null,
    to_port: resource.attributes.port ?? null,
    description: `pgtopo ${topology.name}/${String(resource.attributes.cluster)} proxies`,
    tags: terraformTags(resource, topology),
  }),
};
