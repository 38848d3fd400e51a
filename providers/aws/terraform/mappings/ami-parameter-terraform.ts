// The default AMI (pgtopo's public SSM parameter data source) → `data "aws_ssm_parameter"`, so Terraform follows
// the same parameter as pgtopo does on every plan. `insecure_value`: an AMI id is no secret, and the plan shows it.
import { AMI_PARAMETER_TYPE } from '../../proxy-tier/ami-parameter-source.ts';
import type { TerraformMapping } from '../terraform-mapping.ts';

export const amiParameterTerraform: TerraformMapping = {
  from: AMI_PARAMETER_TYPE,
  to: 'aws_ssm_parameter',
  mode: 'data',
  exposes: { image_id: 'insecure_value' },
  arguments: (resource) => ({ name: resource.name }),
};
