// The proxies' first subnet (pgtopo's `aws_subnet` data source) → `data "aws_subnet"`: the VPC when the topology
// names none.
import { SUBNET_TYPE } from '../../proxy-tier/subnet-source.ts';
import type { TerraformMapping } from '../terraform-mapping.ts';

export const subnetTerraform: TerraformMapping = {
  from: SUBNET_TYPE,
  to: 'aws_subnet',
  mode: 'data',
  exposes: { vpc_id: 'vpc_id' },
  arguments: (resource) => ({ id: resource.name }),
};
