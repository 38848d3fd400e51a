// A watchdog tier's proxy (pgtopo's `aws_proxy_instance`) → `aws_instance` launched from the cluster's template
// into its subnet, tagged like pgtopo tags it, with the tag that names its own config parameter.
import { PROXY_INSTANCE_TYPE } from '../../proxy-tier/proxy-instance-resource.ts';
import { CONFIG_TAG } from '../../proxy-tier/user-data.ts';
import { terraformTags, type TerraformMapping } from '../terraform-mapping.ts';

export const proxyInstanceTerraform: TerraformMapping = {
  from: PROXY_INSTANCE_TYPE,
  to: 'aws_instance',
  mode: 'resource',
  exposes: {},
  arguments: (resource, topology) => ({
    launch_template: { id: resource.attributes.launch_template_id ?? null, version: String(resource.attributes.launch_template_version) },
    subnet_id: resource.attributes.subnet_id ?? null,
    tags: { ...terraformTags(resource, topology), [CONFIG_TAG]: String(resource.attributes.config_parameter) },
  }),
};
