// The proxies' config (pgtopo's `aws_ssm_proxy_config`) → `aws_ssm_parameter` of type String, rendered by the
// provider's own renderConfig, with the backends the database data source reports at export time (pgtopo puts the
// current ones in on every plan; under Terraform, export again when the database's members change). It holds no
// secret, only SecureString names, hence `insecure_value`, which the plan shows.
import type { BackendAddress } from '../../../../proxy-tier/proxy-tier-config.ts';
import type { AttributeValue } from '../../../provider.ts';
import { renderConfig, type NodeSettings } from '../../proxy-tier/proxy-config-document.ts';
import { SSM_PROXY_CONFIG_TYPE } from '../../proxy-tier/ssm-proxy-config-resource.ts';
import { tierFor } from '../../proxy-tier/ssm-parameters.ts';
import { terraformTags, type TerraformMapping } from '../terraform-mapping.ts';

export const ssmProxyConfigTerraform: TerraformMapping = {
  from: SSM_PROXY_CONFIG_TYPE,
  to: 'aws_ssm_parameter',
  mode: 'resource',
  exposes: {},
  arguments(resource, topology) {
    const { value, description } = renderConfig({
      document: resource.attributes.document as Record<string, AttributeValue>,
      backends: resource.attributes.backends as unknown as BackendAddress[],
      nodeSettings: resource.attributes.node_settings as unknown as Record<string, NodeSettings>,
    });
    return { name: resource.name, type: 'String', insecure_value: value, description, tier: tierFor(value), tags: terraformTags(resource, topology) };
  },
};
