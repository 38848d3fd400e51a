// A tier's proxy (pgtopo's `aws_proxy_instance`) → `aws_instance` launched from the cluster's template into its
// subnet (a watchdog member: on its ENI, kept when the instance goes), tagged like pgtopo tags it, with the tag that
// names its own config parameter (and a member's, its ENI and engine).
import { WATCHDOG_ENGINE_TAG } from '../../proxy-tier/proxy-instance-launch.ts';
import { PROXY_INSTANCE_TYPE } from '../../proxy-tier/proxy-instance-resource.ts';
import { NETWORK_INTERFACE_TAG } from '../../proxy-tier/watchdog-join.ts';
import { CONFIG_TAG } from '../../proxy-tier/user-data.ts';
import { terraformTags, type TerraformMapping } from '../terraform-mapping.ts';

export const proxyInstanceTerraform: TerraformMapping = {
  from: PROXY_INSTANCE_TYPE,
  to: 'aws_instance',
  mode: 'resource',
  exposes: {},
  arguments: (resource, topology) => {
    const eni = resource.attributes.network_interface_id ?? null;
    return {
      launch_template: { id: resource.attributes.launch_template_id ?? null, version: String(resource.attributes.launch_template_version) },
      ...(eni === null
        ? { subnet_id: resource.attributes.subnet_id ?? null }
        : { network_interface: [{ network_interface_id: eni, device_index: 0, delete_on_termination: false }] }),
      tags: {
        ...terraformTags(resource, topology), [CONFIG_TAG]: String(resource.attributes.config_parameter),
        ...(eni === null ? {} : { [NETWORK_INTERFACE_TAG]: eni }),
        ...(typeof resource.attributes.watchdog_engine === 'string' ? { [WATCHDOG_ENGINE_TAG]: resource.attributes.watchdog_engine } : {}),
      },
    };
  },
};
