// A watchdog member's ENI (pgtopo's `aws_network_interface`) → Terraform's `aws_network_interface` in its subnet
// with the proxies' groups, tagged like pgtopo tags it; the member's instance is launched on it.
import { NETWORK_INTERFACE_DESCRIPTION, NETWORK_INTERFACE_TYPE } from '../../proxy-tier/network-interface-resource.ts';
import { terraformTags, type TerraformMapping } from '../terraform-mapping.ts';

export const networkInterfaceTerraform: TerraformMapping = {
  from: NETWORK_INTERFACE_TYPE,
  to: 'aws_network_interface',
  mode: 'resource',
  exposes: { network_interface_id: 'id', private_ip: 'private_ip' },
  arguments: (resource, topology) => ({
    subnet_id: resource.attributes.subnet_id ?? null,
    security_groups: resource.attributes.security_group_ids ?? [],
    description: NETWORK_INTERFACE_DESCRIPTION,
    tags: terraformTags(resource, topology),
  }),
};
